/**
 * Delivering an export to a phone through a handoff (design.md, "The LAN handoff"): the
 * address chosen (a LAN address for a QR code; loopback with an adb reverse for a USB
 * cable), then the export pipeline with the handoff route, which writes the ledger only when
 * the phone has proved receipt (R15). The verb answers once the page is reachable; the
 * window follows the phone through `handoff:status` events.
 */
import { randomBytes } from 'node:crypto';
import type { ApiParsedInput } from '../../shared/api/schemas';
import type { HandoffPhase, HandoffStarted, LanAddress, TargetPlatform, UsbDevice } from '../../shared/api/types';
import { allowsRoute, type DeliveryRoute, routeRefusal } from '../../shared/delivery-routes';
import { AppError } from '../../shared/errors';
import type { VerbGroup } from '../api/registry';
import { finalPhaseOf, handoffDelivery } from '../delivery/handoff/handoff-route';
import { preferRemembered, rankLanAddresses } from '../delivery/handoff/lan-addresses';
import { loadPhoneAssets } from '../delivery/handoff/phone-assets';
import { startExport } from '../export/pipeline';
import type { HandoffRuntime, ServiceContext } from './context';
import { deviceOf, planExportFor } from './export-planner';

type HandoffContext = Pick<ServiceContext, 'handoffs'>;

function lanAddresses(ctx: HandoffContext): LanAddress[] {
  const { handoffs } = ctx;
  return preferRemembered(rankLanAddresses(handoffs.networkInterfaces()), handoffs.settings.read().handoffAddresses);
}

async function listLanAddresses(ctx: HandoffContext) {
  return { addresses: lanAddresses(ctx) };
}

/** The address the person named, if it is one of this computer's on a local network. */
function addressNamed(addresses: readonly LanAddress[], wanted: string): LanAddress {
  const chosen = addresses.find((candidate) => candidate.address === wanted);
  if (chosen) return chosen;
  throw new AppError('INVALID_INPUT', `${wanted} is not an address of this computer on a local network`, {
    field: 'address',
    address: wanted,
  });
}

async function chooseLanAddress(ctx: HandoffContext, { address }: ApiParsedInput<'chooseLanAddress'>) {
  const chosen = addressNamed(lanAddresses(ctx), address);
  await ctx.handoffs.settings.update((current) => ({
    ...current,
    handoffAddresses: { ...current.handoffAddresses, [chosen.network]: chosen.address },
  }));
  return chosen;
}

async function listUsbDevices(ctx: HandoffContext): Promise<UsbDevice[]> {
  return (await ctx.handoffs.usb.devices()).map((device) => ({
    serial: device.serial,
    state: device.state,
    model: device.model ?? null,
  }));
}

async function startHandoff(ctx: ServiceContext, input: ApiParsedInput<'startHandoff'>): Promise<HandoffStarted> {
  const { route, address: wantedAddress, serial, ...selection } = input;
  const device = deviceOf(ctx, selection.deviceId);
  refuseRoute(device, route);
  const address = route === 'lan' ? chooseAddress(ctx, wantedAddress) : null;
  const assets = await loadPhoneAssets(ctx.handoffs.uiDir).catch((error: Error) => {
    throw new AppError('UI_NOT_BUILT', error.message);
  });
  const plan = await planExportFor(ctx, selection, { remember: true });
  if (plan.preview.delivered === 0) {
    throw new AppError('NOTHING_TO_EXPORT', `${device.name} already has every contact this export would send`);
  }
  const handoffId = randomBytes(8).toString('hex');
  const emit = statusEmitter(ctx, handoffId, plan.preview.delivered);
  const { handoffs } = ctx;
  const delivery = handoffDelivery({
    db: ctx.db,
    route,
    handoffId,
    address,
    port: handoffs.settings.read().handoffPort ?? 0,
    assets,
    usb: handoffs.usb,
    serial,
    ttlMs: handoffs.ttlMs,
    now: ctx.now,
    // The acknowledgement is told once the run is recorded (followHandoff), with the count.
    onStatus: (status) => {
      if (status.state !== 'acknowledged') emit(status.state, status.stalled, status.phoneFailure ?? null);
    },
    onOpened: (handoff) => handoffs.active.set(handoffId, handoff),
    log: handoffs.log,
  });
  const { value, finished } = await startExport(
    ctx,
    { deviceId: device.id, startedAt: ctx.now() },
    plan,
    delivery,
  ).catch((error: unknown) => {
    handoffs.active.delete(handoffId);
    throw error;
  });
  followHandoff(handoffs, handoffId, finished, emit);
  await rememberPort(handoffs, value.port);
  return { ...value, preview: plan.preview };
}

/** A phone that takes handoffs but not this one: the route is wrong, not the device. */
function refuseRoute(device: { name: string; platform: TargetPlatform }, route: DeliveryRoute): void {
  const refused = routeRefusal(device, route);
  if (!refused) return;
  const field = allowsRoute(device.platform, 'lan') ? 'route' : 'deviceId';
  throw new AppError('INVALID_INPUT', refused.message, { field, reason: refused.reason, device: device.name });
}

type EmitStatus = (phase: HandoffPhase, stalled: boolean, phoneFailure: 'decrypt' | 'format' | null) => void;

function statusEmitter(ctx: ServiceContext, handoffId: string, delivered: number): EmitStatus {
  return (phase, stalled, phoneFailure) =>
    ctx.events.emit({
      type: 'handoff:status',
      handoffId,
      phase,
      stalled,
      phoneFailure,
      delivered: phase === 'delivered' ? delivered : 0,
    });
}

/** Once the phone ends the handoff and its run is recorded: the final status, and the core may close. */
function followHandoff(
  handoffs: HandoffRuntime,
  handoffId: string,
  finished: Promise<Parameters<typeof finalPhaseOf>[0]>,
  emit: EmitStatus,
): void {
  const recorded = finished.then((ending) => {
    handoffs.active.delete(handoffId);
    emit(finalPhaseOf(ending), false, null);
  });
  handoffs.recording.add(recorded);
  void recorded.finally(() => handoffs.recording.delete(recorded));
}

/** The page keeps one origin (and its installed web app) when the port stays the same. */
async function rememberPort(handoffs: HandoffRuntime, port: number): Promise<void> {
  if (handoffs.settings.read().handoffPort === port) return;
  await handoffs.settings.update((current) => ({ ...current, handoffPort: port }));
}

async function cancelHandoff(ctx: HandoffContext, { handoffId }: ApiParsedInput<'cancelHandoff'>) {
  const handoff = ctx.handoffs.active.get(handoffId);
  if (!handoff) return { cancelled: false };
  await handoff.cancel();
  return { cancelled: true };
}

function chooseAddress(ctx: HandoffContext, wanted: string | undefined): LanAddress {
  const addresses = lanAddresses(ctx);
  if (wanted !== undefined) return addressNamed(addresses, wanted);
  const best = addresses[0];
  if (best) return best;
  throw new AppError(
    'NO_LAN_ADDRESS',
    'This computer is not on a local network a phone could reach: connect to Wi-Fi, or use the USB cable or a file',
  );
}

/** Cancels every open handoff and waits until each run is in the history (the core is closing). */
export async function closeHandoffs(handoffs: HandoffRuntime): Promise<void> {
  await Promise.all([...handoffs.active.values()].map((handoff) => handoff.cancel()));
  await Promise.allSettled([...handoffs.recording]);
}

export const handoffVerbs = {
  listLanAddresses,
  chooseLanAddress,
  listUsbDevices,
  startHandoff,
  cancelHandoff,
} satisfies VerbGroup<ServiceContext>;
