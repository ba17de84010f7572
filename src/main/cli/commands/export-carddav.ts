/** `export --device ID` for a CardDAV account: written straight into it, progress on stderr. */
import type { ApiInput } from '../../../shared/api/schemas';
import { endProgress, printResult, progress } from '../output';
import type { CliSession, GlobalOptions } from '../session';

/** Delivers to a CardDAV device; false when the device is not one (the caller asks for a route). */
export async function runCardDavExport(
  session: CliSession,
  globals: GlobalOptions,
  selection: ApiInput<'exportToCardDav'>,
): Promise<boolean> {
  const devices = await session.call('listDevices', {});
  const device = devices.find((candidate) => candidate.id === selection.deviceId);
  if (device?.platform !== 'carddav') return false;
  const stop = session.service.events.on('carddav:progress', (event) => {
    if (event.phase === 'connecting') progress(`connecting to ${device.carddav?.serverUrl ?? 'the server'}…`);
    if (event.phase === 'checking') progress('checking what the address book has…');
    if (event.phase === 'sending') progress(`sent ${event.done} of ${event.total} contacts`);
  });
  try {
    const result = await session.call('exportToCardDav', selection);
    endProgress();
    printResult(
      globals,
      result,
      () =>
        `Delivered ${result.written} contacts to ${device.name} (new: ${result.new}, updated: ${result.updated}; ` +
        `${result.requests} requests${result.conflicts > 0 ? `; ${result.conflicts} edited elsewhere and rewritten` : ''}). ` +
        'Phones syncing this account get them at their next sync.' +
        (result.serverChanged ? `\nNote: ${result.serverChanged}.` : '') +
        result.warnings
          .filter((warning) => warning.code === 'provider-limit')
          .map((warning) => `\nWarning: ${warning.provider} keeps at most ${warning.limit} contacts per account.`)
          .join(''),
    );
    return true;
  } finally {
    stop();
  }
}
