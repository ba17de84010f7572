/**
 * Events the core pushes to every face while long work runs (progress, changes).
 */

export type SyncPhase = 'account' | 'contacts' | 'deletions' | 'reconcile' | 'done';

export interface SyncProgressEvent {
  readonly type: 'sync:progress';
  readonly accountId: number;
  readonly phase: SyncPhase;
  readonly pages: number;
  readonly contacts: number;
  /** Requests per second over the last few seconds, as the limiter sees it. */
  readonly requestsPerSecond: number;
}

export interface AccountsChangedEvent {
  readonly type: 'accounts:changed';
}

export type ApiEvent = SyncProgressEvent | AccountsChangedEvent;
export type ApiEventType = ApiEvent['type'];
export type ApiEventOf<T extends ApiEventType> = Extract<ApiEvent, { type: T }>;

export const apiEventTypes = ['sync:progress', 'accounts:changed'] as const satisfies readonly ApiEventType[];

export type Unsubscribe = () => void;
