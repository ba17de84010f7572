/**
 * Delivering an export to a phone through a handoff (design.md, "The LAN handoff"): plan,
 * render the vCard 3.0 file, open the handoff server (on a LAN address for a QR code, or on
 * loopback with an adb reverse for a USB cable), and write the ledger only when the phone
 * has proved receipt (R15). Every other ending leaves the ledger as it was.
 */
import { randomBytes } from 'node:crypto';
import type { NetworkInterfaceInfo } from 'node:os';
import QRCode from 'qrcode';
import type { ApiHandlers } from '../../shared/api/contract';
import type { ApiParsedInput } from '../../shared/api/schemas';
import type { HandoffPhase, HandoffStarted, LanAddress } from '../../shared/api/types';
import { allowsRoute, routeRefusal } from '../../shared/delivery-routes';
import { AppError } from '../../shared/errors';
import { metaNameLimit } from '../../shared/handoff/protocol';
import { type Handoff, type HandoffOutcome, openHandoff } from '../delivery/handoff/handoff-server';
import { preferRemembered, rankLanAddresses } from '../delivery/handoff/lan-addresses';
import { loadPhoneAssets } from '../delivery/handoff/phone-assets';
import type { UsbRoute } from '../delivery/usb';
import { renderPlan } from '../export/file-export';
import { commitPlan, discardPlan, type ExportPlan } from '../export/plan-export';
import { countCards, formattedNames } from '../export/vcard-names';
import { recordExportRun } from '../mirror/export-runs-repo';
import type { MirrorDb } from '../mirror/mirror-db';
import type { SettingsStore } from '../settings/settings-store';
import type { CoreContext } from './context';
import type { ExportPlanner } from './export-planner';

type HandoffVerbs = 'listLanAddresses' | 'chooseLanAddress' | 'listUsbDevices' | 'startHandoff' | 'cancelHandoff';

export interface HandoffDependencies {
  readonly settings: SettingsStore;
  readonly uiDir: string;
  readonly usb: UsbRoute;
  readonly networkInterfaces: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
  /** How long a handoff waits for the phone (default 5 minutes). */
  readonly ttlMs?: number;
}

export function handoffHandlers(
  ctx: CoreContext,
  planner: ExportPlanner,
  deps: HandoffDependencies,
): { handlers: Pick<ApiHandlers, HandoffVerbs>; closeAll(): Promise<void> } {
  const active = new Map<string, Handoff>();

  function lanAddresses(): LanAddress[] {
    return preferRemembered(rankLanAddresses(deps.networkInterfaces()), deps.settings.read().handoffAddresses);
  }

  async function start(input: ApiParsedInput<'startHandoff'>): Promise<HandoffStarted> {
    const { route, address: wantedAddress, serial, ...selection } = input;
    const device = planner.deviceOf(selection.deviceId);
    const refused = routeRefusal(device, route);
    if (refused) {
      // A phone that takes handoffs but not this one: the route is wrong, not the device.
      const field = allowsRoute(device.platform, 'lan') ? 'route' : 'deviceId';
      throw new AppError('INVALID_INPUT', refused, { field });
    }
    const address = route === 'lan' ? chooseAddress(wantedAddress) : null;
    const assets = await loadPhoneAssets(deps.uiDir).catch((error: Error) => {
      throw new AppError('UI_NOT_BUILT', error.message);
    });
    const plan = await planner.plan(selection);
    if (plan.preview.delivered === 0) {
      throw new AppError('NOTHING_TO_EXPORT', `${device.name} already has every contact this export would send`);
    }
    const started = ctx.now();
    const handoffId = randomBytes(8).toString('hex');
    let phase: HandoffPhase = 'waiting';
    const emit = (stalled: boolean, phoneFailure: 'decrypt' | 'format' | null) =>
      ctx.events.emit({
        type: 'handoff:status',
        handoffId,
        phase,
        stalled,
        phoneFailure,
        delivered: phase === 'delivered' ? plan.preview.delivered : 0,
      });

    // From here on the plan holds staged rows: every ending but the acknowledgement discards them.
    const content = contentOf(ctx.db, plan, started);
    const handoff = await openHandoff({
      bindAddress: address?.address ?? '127.0.0.1',
      urlHost: address?.address ?? 'localhost',
      port: deps.settings.read().handoffPort ?? 0,
      content,
      assets,
      ...(deps.ttlMs === undefined ? {} : { ttlMs: deps.ttlMs }),
      now: ctx.now,
      onStatus: (status) => {
        phase = status.state === 'acknowledged' ? phase : status.state;
        emit(status.stalled, status.phoneFailure ?? null);
      },
      onAcknowledged: () => {
        // R15: the phone proved it has them; now, and only now, the ledger says so.
        commitPlan(ctx.db, device.id, plan, ctx.now());
      },
    }).catch((error: unknown) => {
      discardPlan(ctx.db, plan);
      throw error;
    });
    active.set(handoffId, handoff);
    if (deps.settings.read().handoffPort !== handoff.port) {
      await deps.settings.update((current) => ({ ...current, handoffPort: handoff.port }));
    }

    let usbSerial: string | null = null;
    if (route === 'usb') {
      try {
        const usb = await deps.usb.open({ serial, port: handoff.port, url: handoff.url });
        usbSerial = usb.serial;
        void handoff.outcome.finally(() => usb.close().catch(() => undefined));
      } catch (error) {
        await handoff.cancel();
        active.delete(handoffId);
        throw error;
      }
    }

    void handoff.outcome.then((outcome) => {
      active.delete(handoffId);
      if (outcome.kind !== 'acknowledged') discardPlan(ctx.db, plan);
      phase = phaseOf(outcome);
      emit(false, null);
      recordExportRun(ctx.db, {
        deviceId: device.id,
        startedAt: started,
        finishedAt: ctx.now(),
        delivery: route,
        outcome: outcome.kind === 'acknowledged' ? 'delivered' : outcome.kind === 'cancelled' ? 'cancelled' : 'failed',
        delivered: outcome.kind === 'acknowledged' ? plan.preview.delivered : 0,
        detail: outcome.kind === 'acknowledged' ? plan.preview : { outcome: outcome.kind },
      });
    });

    return {
      handoffId,
      route,
      url: handoff.url,
      qrSvg: await QRCode.toString(handoff.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
      checkCode: handoff.checkCode,
      expiresAt: handoff.expiresAt,
      address: address?.address ?? 'localhost',
      port: handoff.port,
      serial: usbSerial,
      preview: plan.preview,
    };
  }

  function chooseAddress(wanted: string | undefined): LanAddress {
    const addresses = lanAddresses();
    const chosen = wanted === undefined ? addresses[0] : addresses.find((candidate) => candidate.address === wanted);
    if (chosen) return chosen;
    if (wanted !== undefined) {
      throw new AppError('INVALID_INPUT', `${wanted} is not an address of this computer on a local network`, {
        field: 'address',
      });
    }
    throw new AppError(
      'NO_LAN_ADDRESS',
      'This computer is not on a local network a phone could reach: connect to Wi-Fi, or use the USB cable or a file',
    );
  }

  return {
    handlers: {
      listLanAddresses: async () => ({ addresses: lanAddresses() }),
      async chooseLanAddress({ address }) {
        const chosen = lanAddresses().find((candidate) => candidate.address === address);
        if (!chosen) {
          throw new AppError('INVALID_INPUT', `${address} is not an address of this computer on a local network`, {
            field: 'address',
          });
        }
        await deps.settings.update((current) => ({
          ...current,
          handoffAddresses: { ...current.handoffAddresses, [chosen.network]: chosen.address },
        }));
        return chosen;
      },
      listUsbDevices: async () =>
        (await deps.usb.devices()).map((device) => ({
          serial: device.serial,
          state: device.state,
          model: device.model ?? null,
        })),
      startHandoff: start,
      async cancelHandoff({ handoffId }) {
        const handoff = active.get(handoffId);
        if (!handoff) return { cancelled: false };
        await handoff.cancel();
        return { cancelled: true };
      },
    },
    async closeAll() {
      await Promise.all([...active.values()].map((handoff) => handoff.cancel()));
    },
  };
}

function phaseOf(outcome: HandoffOutcome): HandoffPhase {
  switch (outcome.kind) {
    case 'acknowledged':
      return 'delivered';
    case 'expired':
      return 'expired';
    case 'cancelled':
      return 'cancelled';
    case 'commit-failed':
      return 'failed';
  }
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
