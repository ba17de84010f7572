/** What every handler of the core service shares: the mirror, secrets, events, clocks. */
import type { NetworkInterfaceInfo } from 'node:os';
import type { Face } from '../../shared/api/types';
import type { AccountAuth } from '../crm/account-auth';
import type { AmoHttpOptions } from '../crm/amo-http';
import type { OpenConsentWindow } from '../crm/consent';
import type { RequestLimiter } from '../crm/request-limiter';
import type { TargetContext } from '../delivery/carddav/target';
import type { Handoff } from '../delivery/handoff/handoff-server';
import type { UsbRoute } from '../delivery/usb';
import type { EventBus } from '../lib/event-bus';
import type { MirrorDb } from '../mirror/mirror-db';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsStore } from '../settings/settings-store';
import type { ColleagueSessions } from '../team/colleague-sessions';
import type { TeamServer } from '../team/team-server';
import type { ConsentBroker } from './consent-broker';
import type { DemoRuntime } from './demo-runtime';
import type { SyncRun } from './sync-run';

export type HttpTuning = Partial<
  Pick<AmoHttpOptions, 'backoffMs' | 'timeoutMs' | 'maxRetries' | 'rateLimitPatienceMs'>
>;

export interface CoreContext {
  readonly db: MirrorDb;
  readonly dataDir: string;
  readonly face: Face;
  readonly version: string;
  readonly secrets: SecretStore;
  readonly events: EventBus;
  readonly demo: DemoRuntime;
  /** Unix milliseconds; injectable so tests control time. */
  readonly now: () => number;
  /**
   * One limiter per account address, shared by every request to it: amoCRM counts requests
   * per account, whichever part of the app sends them (connecting, syncing...).
   */
  limiterFor(baseUrl: string, requestsPerSecond?: number): RequestLimiter;
  /** Retry pacing and timeouts for CRM requests; tests shorten them. */
  readonly httpTuning: HttpTuning;
  /** Sign-in sessions by account id (see connection.ts). */
  readonly sessions: Map<number, AccountAuth>;
  /** Opens amoCRM's consent page and waits for its redirect; absent where a face cannot. */
  readonly openConsentWindow: OpenConsentWindow | undefined;
  /** Shows a file in the system's file manager; only the desktop app can (absent elsewhere). */
  readonly revealFile: ((path: string) => Promise<void>) | undefined;
}

/** CardDAV request pacing and concurrency; tests shorten the back-off. */
export type CardDavTuning = Pick<TargetContext, 'http' | 'concurrency'>;

/** The one sync a process runs at a time (cancelSync aborts it between requests). */
export interface SyncSlot {
  running: SyncRun | null;
}

/** What the QR and USB handoffs need beside the core: the phone page, the cable, the network. */
export interface HandoffRuntime {
  readonly settings: SettingsStore;
  readonly uiDir: string;
  readonly usb: UsbRoute;
  readonly networkInterfaces: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
  /** How long a handoff waits for the phone (default 5 minutes). */
  readonly ttlMs?: number;
  /** The handoffs open now, by id: what cancelHandoff and closing the core cancel. */
  readonly active: Map<string, Handoff>;
  /** Handoff runs not yet recorded in the history: closing the core waits for them. */
  readonly recording: Set<Promise<unknown>>;
  /** Where a refused takeover of a handoff is told (one line each). */
  readonly log: (line: string) => void;
}

/** This computer serving an account's mirror to the team (service/team-mirror-handlers.ts). */
export interface RunningTeamMirror {
  readonly accountId: number;
  readonly server: TeamServer;
  readonly sessions: ColleagueSessions;
  readonly fingerprint: string;
}

/** The one team mirror a process serves (one account, one port). */
export interface TeamMirrorSlot {
  running: RunningTeamMirror | null;
}

/** What the registry hands every verb: the core's context and the service's own parts. */
export interface ServiceContext extends CoreContext {
  readonly sync: SyncSlot;
  readonly consent: ConsentBroker;
  readonly handoffs: HandoffRuntime;
  readonly carddav: CardDavTuning;
  readonly teamMirror: TeamMirrorSlot;
}
