/**
 * `amo-phonebook serve`: browser mode, the desktop UI in any browser on this computer; with
 * `--team <account>`, also the team mirror of that account for colleagues on the office network
 * (issue 21), kept in step by a sync on a timer, on a machine that stays on.
 */
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import { startBrowserMode } from '../../browser-mode/server';
import { openInBrowser } from '../../lib/open-in-browser';
import { builtUiDir } from '../../lib/paths';
import type { CoreService } from '../../service';
import { terminalSecrets } from '../face-secrets';
import { parsePositiveInt } from '../output';
import { type GlobalOptions, openCliService, resolveDataDir } from '../session';
import { cliWords } from '../words';

export function registerServeCommand(program: Command): void {
  const words = cliWords();
  program
    .command('serve')
    .description(words.help.serve.command)
    .option('--port <n>', words.help.serve.port, parsePositiveInt('--port'), 0)
    .option('--open', words.help.serve.open)
    .option('--team <account id>', words.help.serve.team, parsePositiveInt('--team'))
    .option('--team-address <address>', words.help.serve.teamAddress)
    .option('--team-port <n>', words.help.serve.teamPort, parsePositiveInt('--team-port'))
    .option('--sync-every <seconds>', words.help.serve.syncEvery, parsePositiveInt('--sync-every'), 60)
    .option('--client-id <id>', words.help.account.inviteClientId)
    .option('--client-secret <secret>', words.help.account.inviteClientSecret)
    .option('--redirect-uri <uri>', words.help.account.inviteRedirectUri)
    .action(async (options: ServeOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const dataDir = resolveDataDir(globals);
      const service = openCliService({ dataDir, face: 'browser', secrets: terminalSecrets(dataDir) });
      try {
        const handle = await startBrowserMode({ service, uiRoot: builtUiDir(), port: options.port });
        const team = options.team === undefined ? null : await serveTeam(service, options, globals.json === true);
        if (globals.json) {
          const line = {
            url: handle.url,
            port: handle.port,
            dataDir: service.dataDir,
            ...(team ? { team: team.shown } : {}),
          };
          process.stdout.write(`${JSON.stringify(line)}\n`);
        } else {
          // What `serve` (and so `npm start` without Electron) prints, in the terminal's language.
          process.stdout.write(words.serve.running(handle.url));
        }
        // Never the secret itself: the browser's command line is readable by every user (`ps`).
        if (options.open) openInBrowser(handle.launchUrl());
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        team?.stopSyncing();
        await handle.close();
      } finally {
        await service.close();
      }
    });
}

interface ServeOptions {
  readonly port: number;
  readonly open?: boolean;
  readonly team?: number;
  readonly teamAddress?: string;
  readonly teamPort?: number;
  readonly syncEvery: number;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly redirectUri?: string;
}

/**
 * Pulls the account if it has never been, serves it to the team, prints where (and the
 * invitation, where the sign-in knows the integration), and syncs it every `syncEvery` s.
 */
async function serveTeam(service: CoreService, options: ServeOptions, json: boolean) {
  const words = cliWords();
  const accountId = options.team as number;
  const say = (text: string) => {
    if (!json) process.stdout.write(text);
  };
  const account = (await service.api.listAccounts({})).find((candidate) => candidate.id === accountId);
  say(words.serve.pullingForTeam(account?.name ?? String(accountId)));
  await service.api.syncAccounts({ accountId });
  const mirror = await service.api.startTeamMirror({
    accountId,
    ...(options.teamAddress === undefined ? {} : { address: options.teamAddress }),
    ...(options.teamPort === undefined ? {} : { port: options.teamPort }),
  });
  say(words.serve.teamMirror(mirror.url, mirror.fingerprint, options.syncEvery));
  let invitation: string | null = null;
  try {
    invitation = (
      await service.api.createTeamInvitation({
        accountId,
        ...(options.clientId === undefined ? {} : { clientId: options.clientId }),
        ...(options.clientSecret === undefined ? {} : { clientSecret: options.clientSecret }),
        ...(options.redirectUri === undefined ? {} : { redirectUri: options.redirectUri }),
      })
    ).link;
    say(words.serve.teamInvitation(invitation));
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'INVALID_INPUT')) throw error;
    say(words.serve.teamNeedsIntegration);
  }
  // One sync at a time: a turn that finds the last one still running (BUSY) simply waits for the next.
  const timer = setInterval(() => {
    service.api.syncAccounts({ accountId }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'BUSY') return;
      process.stderr.write(words.serve.teamSyncFailed(error instanceof Error ? error.message : String(error)));
    });
  }, options.syncEvery * 1000);
  return {
    /** What `--json` prints of it. */
    shown: { url: mirror.url, fingerprint: mirror.fingerprint, invitation },
    stopSyncing: () => clearInterval(timer),
  };
}
