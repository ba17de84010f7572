/** Handing an export to a phone: a QR code on the local network, or an Android phone on a USB cable. */
import { z } from 'zod';
import type { ExportPreview } from './export';
import { empty, exportSelection, handoffIdSchema, ipv4Schema, usbSerialSchema } from './fields';
import { verb } from './verb';

/** An address of this computer that a phone on the same network may reach. */
export interface LanAddress {
  readonly address: string;
  /** The adapter's own name (eth0, en0, "Wi-Fi"): for support, not for the person. */
  readonly interfaceName: string;
  /** What the person calls it, shown as "Wi-Fi (192.168.1.20)". */
  readonly kind: 'wifi' | 'cable' | 'network';
  /** Its network ("192.168.1.0/24"): a choice is remembered per network. */
  readonly network: string;
}

export interface LanAddressList {
  /** Best first: the first is what a QR code uses unless the user picks another. */
  readonly addresses: readonly LanAddress[];
}

export type UsbDeviceState = 'device' | 'unauthorized' | 'offline' | 'no-permissions' | 'unknown';

export interface UsbDevice {
  readonly serial: string;
  readonly state: UsbDeviceState;
  readonly model: string | null;
}

export type HandoffRoute = 'lan' | 'usb';

/** A handoff waiting for the phone: what the desktop shows (QR, check code, time left). */
export interface HandoffStarted {
  readonly handoffId: string;
  readonly route: HandoffRoute;
  /** What the QR code carries (the key is in the fragment). */
  readonly url: string;
  /** The QR code as an SVG document. */
  readonly qrSvg: string;
  /** The six digits both screens show. */
  readonly checkCode: string;
  /** Unix milliseconds. */
  readonly expiresAt: number;
  readonly address: string;
  readonly port: number;
  /** usb: the phone the page was opened on. */
  readonly serial: string | null;
  readonly preview: ExportPreview;
}

export type HandoffPhase =
  /** No phone yet (or it dropped off and may come back). */
  | 'waiting'
  | 'connected'
  /** The sealed contacts went to the phone; waiting for its acknowledgement. */
  | 'sent'
  /** The phone could not open them (tampered on the way, or a wrong QR). */
  | 'phone-failed'
  /** Acknowledged and recorded (R15): the end. */
  | 'delivered'
  | 'expired'
  | 'cancelled'
  /** Acknowledged but the record failed: the next export sends them again. */
  | 'failed';

/** The handoff verbs: each one's input schema and what it answers. */
export const handoffVerbs = {
  listLanAddresses: verb(empty).returns<LanAddressList>(),
  chooseLanAddress: verb(z.object({ address: ipv4Schema }).strict()).returns<LanAddress>(),
  listUsbDevices: verb(empty).returns<readonly UsbDevice[]>(),
  startHandoff: verb(
    exportSelection
      .extend({
        /** lan: a QR code on the local network; usb: an Android phone on a cable (adb). */
        route: z.enum(['lan', 'usb']).default('lan'),
        /** lan: the address to put in the QR code (one of listLanAddresses); default: the best one. */
        address: ipv4Schema.optional(),
        /** usb: which phone; default: the only one connected. */
        serial: usbSerialSchema.optional(),
      })
      .strict(),
  ).returns<HandoffStarted>(),
  cancelHandoff: verb(z.object({ handoffId: handoffIdSchema }).strict()).returns<{ readonly cancelled: boolean }>(),
} as const;
