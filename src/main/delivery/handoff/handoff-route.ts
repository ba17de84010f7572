/**
 * The QR and USB routes (design.md, "The LAN handoff"): the plan rendered as one vCard 3.0
 * file and offered by a handoff server, on a LAN address for a QR code or on loopback with
 * an adb reverse for a USB cable. The route answers once the page is reachable; it ends when
 * the phone acknowledged (and the ledger was committed before the phone is told it is done),
 * or the handoff expired or was cancelled.
 */
import QRCode from 'qrcode';
import type { HandoffPhase, HandoffRoute, HandoffStarted, LanAddress } from '../../../shared/api/types';
import { metaNameLimit } from '../../../shared/handoff/protocol';
import { renderPlan } from '../../export/file-export';
import type { Delivery, DeliveryEnding } from '../../export/pipeline';
import type { ExportPlan } from '../../export/plan-export';
import { countCards, formattedNames } from '../../export/vcard-names';
import type { MirrorDb } from '../../mirror/mirror-db';
import type { UsbRoute } from '../usb';
import { type Handoff, type HandoffOutcome, type HandoffStatus, openHandoff } from './handoff-server';
import type { PhoneAssets } from './phone-assets';

export interface HandoffRouteOptions {
  readonly db: MirrorDb;
  readonly route: HandoffRoute;
  readonly handoffId: string;
  /** The LAN address the QR code points at; null for USB (loopback, reached through adb reverse). */
  readonly address: LanAddress | null;
  /** The port to listen on: the one remembered, so the phone page keeps one origin (0: any). */
  readonly port: number;
  readonly assets: PhoneAssets;
  readonly usb: UsbRoute;
  /** The phone the user chose for USB, when more than one is plugged in. */
  readonly serial: string | undefined;
  readonly ttlMs: number | undefined;
  readonly now: () => number;
  /** Every status the handoff server reports while the phone works. */
  readonly onStatus: (status: HandoffStatus) => void;
  /** The handoff is open: what cancelHandoff will cancel. */
  readonly onOpened: (handoff: Handoff) => void;
  /** Where a refused takeover is told. */
  readonly log: (line: string) => void;
}

/** What startHandoff answers, less the preview (the verb adds the plan's). */
export type HandoffOpened = Omit<HandoffStarted, 'preview'>;

export function handoffDelivery(options: HandoffRouteOptions): Delivery<HandoffOpened> {
  return {
    route: options.route,
    async deliver({ plan, commit }) {
      const { address } = options;
      const handoff = await openHandoff({
        bindAddress: address?.address ?? '127.0.0.1',
        urlHost: address?.address ?? 'localhost',
        port: options.port,
        content: contentOf(options.db, plan, options.now()),
        assets: options.assets,
        ...(options.ttlMs === undefined ? {} : { ttlMs: options.ttlMs }),
        now: options.now,
        onStatus: options.onStatus,
        log: options.log,
        // R15: the phone proved it has them; now, and only now, the ledger says so.
        onAcknowledged: commit,
      });
      options.onOpened(handoff);

      let serial: string | null = null;
      if (options.route === 'usb') {
        try {
          const usb = await options.usb.open({ serial: options.serial, port: handoff.port, url: handoff.url });
          serial = usb.serial;
          void handoff.outcome.finally(() => usb.close().catch(() => undefined));
        } catch (error) {
          await handoff.cancel();
          throw error;
        }
      }
      return {
        value: {
          handoffId: options.handoffId,
          route: options.route,
          url: handoff.url,
          qrSvg: await QRCode.toString(handoff.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
          checkCode: handoff.checkCode,
          expiresAt: handoff.expiresAt,
          address: address?.address ?? 'localhost',
          port: handoff.port,
          serial,
        },
        ended: handoff.outcome.then((outcome) => endingOf(outcome, plan)),
      };
    },
  };
}

function endingOf(outcome: HandoffOutcome, plan: ExportPlan): DeliveryEnding {
  switch (outcome.kind) {
    case 'acknowledged':
      return { outcome: 'delivered', delivered: plan.preview.delivered, detail: {} };
    case 'cancelled':
      return { outcome: 'cancelled', detail: { outcome: outcome.kind } };
    case 'expired':
    case 'commit-failed':
      return { outcome: 'failed', detail: { outcome: outcome.kind } };
  }
}

/** The phase the window shows once a handoff's run is recorded. */
export function finalPhaseOf(ending: DeliveryEnding): HandoffPhase {
  if (ending.outcome === 'delivered') return 'delivered';
  if (ending.outcome === 'cancelled') return 'cancelled';
  return ending.detail['outcome'] === 'expired' ? 'expired' : 'failed';
}

/** The file and what the phone shows before importing it (names read back from the file itself). */
function contentOf(db: MirrorDb, plan: ExportPlan, startedMs: number) {
  const vcard = renderPlan(db, plan, 'vcard3');
  const day = new Date(startedMs).toISOString().slice(0, 10);
  return {
    vcard,
    // Counted in the file itself: what the phone is told is exactly what it gets.
    count: countCards(vcard),
    names: formattedNames(vcard, metaNameLimit),
    fileName: `amocrm-${day}.vcf`,
    accounts: [...plan.accountLabels.values()],
  };
}
