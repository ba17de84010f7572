/** What every handler of the core service shares: the mirror, secrets, events, clocks. */
import type { Face } from '../../shared/api/types';
import type { AccountAuth } from '../crm/account-auth';
import type { AmoHttpOptions } from '../crm/amo-http';
import type { OpenConsentWindow } from '../crm/consent';
import type { RequestLimiter } from '../crm/request-limiter';
import type { EventBus } from '../lib/event-bus';
import type { MirrorDb } from '../mirror/mirror-db';
import type { SecretStore } from '../secrets/secret-store';
import type { DemoRuntime } from './demo-runtime';

export type HttpTuning = Partial<Pick<AmoHttpOptions, 'backoffMs' | 'timeoutMs' | 'maxRetries'>>;

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
  limiterFor(baseUrl: string): RequestLimiter;
  /** Retry pacing and timeouts for CRM requests; tests shorten them. */
  readonly httpTuning: HttpTuning;
  /** Sign-in sessions by account id (see connection.ts). */
  readonly sessions: Map<number, AccountAuth>;
  /** Opens amoCRM's consent page and waits for its redirect; absent where a face cannot. */
  readonly openConsentWindow: OpenConsentWindow | undefined;
}
