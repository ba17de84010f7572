/** `export --device ID` for a CardDAV account: written straight into it, progress on stderr. */
import type { ApiInput } from '../../../shared/api/schemas';
import { endProgress, printResult, progress } from '../output';
import type { CliSession, GlobalOptions } from '../session';
import { cliWords } from '../words';

/** Delivers to a CardDAV device; false when the device is not one (the caller asks for a route). */
export async function runCardDavExport(
  session: CliSession,
  globals: GlobalOptions,
  selection: ApiInput<'exportToCardDav'>,
): Promise<boolean> {
  const devices = await session.call('listDevices', {});
  const device = devices.find((candidate) => candidate.id === selection.deviceId);
  if (device?.platform !== 'carddav') return false;
  const words = cliWords().carddav;
  const stop = session.service.events.on('carddav:progress', (event) => {
    if (event.phase === 'connecting') progress(words.connecting(device.carddav?.serverUrl ?? words.theServer));
    if (event.phase === 'checking') progress(words.checking);
    if (event.phase === 'sending') progress(words.sending(event.done, event.total));
  });
  try {
    const result = await session.call('exportToCardDav', selection);
    endProgress();
    printResult(
      globals,
      result,
      () =>
        words.delivered({ ...result, name: device.name }) +
        (result.serverChanged ? words.serverChanged(result.serverChanged) : '') +
        result.warnings
          .flatMap((warning) =>
            warning.code === 'provider-limit' ? [words.providerLimit(warning.provider, warning.limit)] : [],
          )
          .join(''),
    );
    return true;
  } finally {
    stop();
  }
}
