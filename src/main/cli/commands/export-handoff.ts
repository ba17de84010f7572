/**
 * `export --qr` and `export --usb [SERIAL]`: the same handoff the desktop window opens,
 * from a terminal. The QR code is drawn in the terminal (stderr, with the link and the
 * check code); the command waits for the phone and exits 0 only once the phone has
 * acknowledged and the ledger is written (R15). Ctrl+C cancels the handoff.
 */
import QRCode from 'qrcode';
import type { HandoffStatusEvent } from '../../../shared/api/events';
import type { ApiInput } from '../../../shared/api/schemas';
import type { HandoffStarted } from '../../../shared/api/types';
import { AppError } from '../../../shared/errors';
import { printResult } from '../output';
import type { CliSession, GlobalOptions } from '../session';

/** What to check when no phone comes (issue 5, item 7), in the terminal's words. */
export const networkChecklist = [
  'No phone has connected yet. Check:',
  '  - the phone is on the same Wi-Fi as this computer (not a guest network; some routers isolate devices: "AP isolation")',
  '  - no VPN is on, on the phone or on this computer (or it allows the local network)',
  '  - the firewall lets this app accept connections (Windows: the network profile must be Private)',
  '  - another address of this computer: see `--address`, or list them with the desktop window',
  '  - or use a USB cable (Android: `export --usb`) or a file (`export --out FILE.vcf`)',
].join('\n');

export async function runHandoff(
  session: CliSession,
  globals: GlobalOptions,
  input: ApiInput<'startHandoff'>,
): Promise<void> {
  const started = await session.call('startHandoff', input);
  const finished = waitForEnd(session, started);
  const cancel = () => void session.call('cancelHandoff', { handoffId: started.handoffId });
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  try {
    if (started.route === 'lan') {
      process.stderr.write(await QRCode.toString(started.url, { type: 'terminal', small: true }));
      process.stderr.write(`Scan this QR code with the phone's camera, or open: ${started.url}\n`);
    } else {
      process.stderr.write(`The page is opening on the phone ${started.serial ?? ''} (USB).\n`);
    }
    process.stderr.write(
      `Check code: ${started.checkCode} (the phone shows the same). Waiting until ${new Date(started.expiresAt).toLocaleTimeString()}…\n`,
    );
    const end = await finished;
    if (end.phase !== 'delivered') {
      throw new AppError(end.phase === 'cancelled' ? 'CANCELLED' : 'TIMEOUT', endMessage(end.phase));
    }
    printResult(
      globals,
      { ...started.preview, delivery: started.route, outcome: end.phase },
      () => `The phone received ${end.delivered} contacts. Import them there (the page shows how).`,
    );
  } finally {
    process.removeListener('SIGINT', cancel);
    process.removeListener('SIGTERM', cancel);
  }
}

function waitForEnd(session: CliSession, started: HandoffStarted): Promise<HandoffStatusEvent> {
  return new Promise((resolve) => {
    let toldChecklist = false;
    const stop = session.service.events.on('handoff:status', (event) => {
      if (event.handoffId !== started.handoffId) return;
      if (event.stalled && !toldChecklist && started.route === 'lan') {
        toldChecklist = true;
        process.stderr.write(`${networkChecklist}\n`);
      }
      if (event.phase === 'phone-failed') {
        process.stderr.write(
          'The phone could not open the contacts (a wrong QR code, or changed on the way). Scan again.\n',
        );
      }
      if (['delivered', 'expired', 'cancelled', 'failed'].includes(event.phase)) {
        stop();
        resolve(event);
      }
    });
  });
}

function endMessage(phase: HandoffStatusEvent['phase']): string {
  switch (phase) {
    case 'expired':
      return 'No phone took the contacts in time; nothing was recorded, the next export sends them again';
    case 'cancelled':
      return 'Cancelled; nothing was recorded, the next export sends the same contacts';
    default:
      return 'The phone received the contacts but they could not be recorded; the next export sends them again';
  }
}
