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
import { CliRefusal } from '../error-line';
import { printResult } from '../output';
import type { CliSession, GlobalOptions } from '../session';
import { cliWords } from '../words';

/** What to check when no phone comes (issue 5, item 7), in the terminal's words. */
export function networkChecklist(): string {
  return cliWords().handoff.checklist.join('\n');
}

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
  const words = cliWords().handoff;
  try {
    if (started.route === 'lan') {
      process.stderr.write(await QRCode.toString(started.url, { type: 'terminal', small: true }));
      process.stderr.write(words.scan(started.url));
    } else {
      process.stderr.write(words.usbOpening(started.serial ?? ''));
    }
    process.stderr.write(words.checkCode(started.checkCode, new Date(started.expiresAt).toLocaleTimeString()));
    const end = await finished;
    if (end.phase !== 'delivered') {
      throw new CliRefusal(end.phase === 'cancelled' ? 'CANCELLED' : 'TIMEOUT', endMessage(end.phase));
    }
    printResult(globals, { ...started.preview, delivery: started.route, outcome: end.phase }, () =>
      words.received(end.delivered),
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
        process.stderr.write(`${networkChecklist()}\n`);
      }
      if (event.phase === 'phone-failed') {
        process.stderr.write(cliWords().handoff.phoneFailed);
      }
      if (['delivered', 'expired', 'cancelled', 'failed'].includes(event.phase)) {
        stop();
        resolve(event);
      }
    });
  });
}

function endMessage(phase: HandoffStatusEvent['phase']): string {
  const words = cliWords().handoff;
  switch (phase) {
    case 'expired':
      return words.expired;
    case 'cancelled':
      return words.cancelled;
    default:
      return words.notRecorded;
  }
}
