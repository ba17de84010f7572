/**
 * Events the core pushes to every face while long work runs (progress, changes).
 */

import type { HandoffPhase } from './types';

export type SyncPhase = 'account' | 'contacts' | 'deletions' | 'reconcile' | 'done';

export interface SyncProgressEvent {
  readonly type: 'sync:progress';
  readonly accountId: number;
  readonly phase: SyncPhase;
  readonly pages: number;
  readonly contacts: number;
  /** A first pull stopped earlier continues: `contacts` counts those already in the mirror too. */
  readonly resumed: boolean;
  /** Requests per second over the last few seconds, as the limiter sees it. */
  readonly requestsPerSecond: number;
  /**
   * amoCRM refused requests for being over the limit, which colleagues on the same integration
   * share: the sync goes slower to leave them their turn (and says so).
   */
  readonly sharingLimit: boolean;
  /**
   * Where the contacts come from: amoCRM, the team mirror of the invitation (issue 21), or
   * amoCRM because the team mirror could not be reached (the app says so).
   */
  readonly source: PullSource;
}

export type PullSource = 'amocrm' | 'team-mirror' | 'amocrm-instead-of-team-mirror';

export interface AccountsChangedEvent {
  readonly type: 'accounts:changed';
}

export interface HandoffStatusEvent {
  readonly type: 'handoff:status';
  readonly handoffId: string;
  readonly phase: HandoffPhase;
  /** No phone within 20 seconds: show the network checklist. */
  readonly stalled: boolean;
  readonly phoneFailure: 'decrypt' | 'format' | null;
  /** Contacts delivered (when phase is 'delivered'). */
  readonly delivered: number;
}

/** A face without windows of its own asks the person to open amoCRM's sign-in page and paste back where it led. */
export interface OAuthConsentEvent {
  readonly type: 'oauth:consent';
  readonly requestId: string;
  /** amoCRM's (or Kommo's) consent page. */
  readonly url: string;
  /** Where amoCRM will send the browser afterwards: the address to paste back starts with it. */
  readonly redirectUri: string;
}

/** A CardDAV export at work: cards confirmed by the server so far. */
export interface CardDavProgressEvent {
  readonly type: 'carddav:progress';
  readonly deviceId: string;
  readonly phase: 'connecting' | 'checking' | 'sending' | 'done';
  readonly done: number;
  readonly total: number;
}

/** Google's sign-in page to open in the user's browser (the desktop opens it; the CLI prints it). */
export interface OAuthOpenEvent {
  readonly type: 'oauth:open';
  readonly url: string;
}

export type ApiEvent =
  | SyncProgressEvent
  | AccountsChangedEvent
  | HandoffStatusEvent
  | OAuthConsentEvent
  | CardDavProgressEvent
  | OAuthOpenEvent;
export type ApiEventType = ApiEvent['type'];
export type ApiEventOf<T extends ApiEventType> = Extract<ApiEvent, { type: T }>;

export const apiEventTypes = [
  'sync:progress',
  'accounts:changed',
  'handoff:status',
  'oauth:consent',
  'carddav:progress',
  'oauth:open',
] as const satisfies readonly ApiEventType[];

export type Unsubscribe = () => void;
