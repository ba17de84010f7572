/** The API client inside Electron: the preload's bridge, with envelopes unwrapped into errors. */
import type { ApiClient, PreloadBridge } from '../../../shared/api/contract';
import { apiVerbs } from '../../../shared/api/verbs';
import { deserializeError, type Envelope } from '../../../shared/errors';

export function createIpcClient(bridge: PreloadBridge): ApiClient {
  const verbs = Object.fromEntries(
    apiVerbs.map((verb) => [
      verb,
      async (input: unknown) => {
        const call = bridge[verb] as (input: unknown) => Promise<Envelope<unknown>>;
        const envelope = await call(input);
        if (!envelope.ok) throw deserializeError(envelope.error);
        return envelope.value;
      },
    ]),
  );
  return { ...verbs, on: bridge.on } as unknown as ApiClient;
}
