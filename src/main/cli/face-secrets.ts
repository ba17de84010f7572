/**
 * The sign-ins of the CLI and browser mode: the system keychain shared with the desktop app
 * (secrets/open-secrets.ts), with what the person should know said on stderr in the
 * terminal's words.
 */
import { openSecretStore, type SecretsNotice } from '../secrets/open-secrets';
import { systemKeychain } from '../secrets/os-keychain';
import { cliWords } from './words';

export function terminalSecrets(dataDir: string, env: NodeJS.ProcessEnv = process.env) {
  return openSecretStore({
    dataDir,
    keychain: systemKeychain,
    prefer: env['AMO_PHONEBOOK_SECRETS'],
    notice: (notice) => process.stderr.write(`amo-phonebook: ${noticeLine(notice)}\n`),
  });
}

function noticeLine(notice: SecretsNotice): string {
  const words = cliWords().secrets;
  switch (notice.kind) {
    case 'in-file':
      return words.inFile(notice.path, notice.why);
    case 'moved':
      return words.moved(notice.count);
    case 'move-failed':
      return words.moveFailed(notice.path, notice.why);
    case 'kept-aside':
      return words.keptAside(notice.path, notice.aside);
  }
}
