/** Running one CLI command against the core service, through the same dispatcher as the other faces. */
import { resolve } from 'node:path';
import type { ApiOutputs } from '../../shared/api/contract';
import type { ApiInput } from '../../shared/api/schemas';
import type { ApiVerb } from '../../shared/api/verbs';
import { AppError, deserializeError } from '../../shared/errors';
import { createDispatcher } from '../api/dispatch';
import { defaultDataDir } from '../lib/paths';
import { type CoreService, type CoreServiceOptions, createCoreService } from '../service';
import { CliRefusal } from './error-line';
import { terminalSecrets } from './face-secrets';
import { cliWords } from './words';

export interface GlobalOptions {
  readonly dataDir?: string;
  readonly json?: boolean;
}

export interface CliSession {
  readonly service: CoreService;
  call<V extends ApiVerb>(verb: V, input: ApiInput<V>): Promise<ApiOutputs[V]>;
}

export function resolveDataDir(options: GlobalOptions): string {
  return resolve(options.dataDir ?? defaultDataDir());
}

export async function withSession<T>(
  options: GlobalOptions,
  run: (session: CliSession) => Promise<T>,
  extra: Pick<CoreServiceOptions, 'openConsentWindow'> = {},
): Promise<T> {
  const dataDir = resolveDataDir(options);
  const service = openCliService({ dataDir, face: 'cli', secrets: terminalSecrets(dataDir), ...extra });
  const dispatch = createDispatcher(service.api);
  const session: CliSession = {
    service,
    async call(verb, input) {
      const envelope = await dispatch(verb, input);
      if (!envelope.ok) throw deserializeError(envelope.error);
      return envelope.value as ApiOutputs[typeof verb];
    },
  };
  // Ctrl+C cancels a running sync cleanly instead of killing it mid-page.
  const onInterrupt = () => void service.api.cancelSync({});
  process.once('SIGINT', onInterrupt);
  try {
    return await run(session);
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    await service.close();
  }
}

/**
 * The core service for a CLI command (browser mode's `serve` too). A damaged mirror is refused
 * by the core; here the refusal names the command that is the way forward.
 */
export function openCliService(options: CoreServiceOptions): CoreService {
  try {
    return createCoreService(options);
  } catch (error) {
    if (error instanceof AppError && error.code === 'DB_CORRUPT' && error.params['store'] === 'mirror') {
      throw new CliRefusal('DB_CORRUPT', cliWords().startFresh.damaged(String(error.params['path'])), error.params);
    }
    throw error;
  }
}
