/**
 * amoCRM's sign-in page for faces that cannot open a window of their own (browser mode):
 * the core announces the page (an `oauth:consent` event), the window opens it in a new
 * tab, and the person pastes back the address amoCRM sent them to
 * (`completeOAuthConsent`), as the CLI does in the terminal. One pending sign-in at a time;
 * it gives up after ten minutes.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { OpenConsentWindow } from '../crm/consent';
import type { EventBus } from '../lib/event-bus';

export interface ConsentBroker {
  readonly openConsentWindow: OpenConsentWindow;
  /** The pasted address (or null: the person gave up). False when no such sign-in is waiting. */
  complete(requestId: string, redirectedTo: string | null): boolean;
}

export function createConsentBroker(events: EventBus, timeoutMs = 10 * 60_000): ConsentBroker {
  let pending: { id: string; resolve: (url: string) => void; reject: (error: Error) => void } | null = null;
  return {
    openConsentWindow(url, redirectUri, signal) {
      pending?.reject(new AppError('CANCELLED', 'Another sign-in was started'));
      const id = randomBytes(8).toString('hex');
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            finish(() => reject(new AppError('TIMEOUT', 'The sign-in was not finished in time', { host: 'amoCRM' }))),
          timeoutMs,
        );
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          if (pending?.id === id) pending = null;
          settle();
        };
        const onAbort = () => finish(() => reject(new AppError('CANCELLED', 'The sign-in was cancelled')));
        signal?.addEventListener('abort', onAbort, { once: true });
        pending = {
          id,
          resolve: (redirected) => finish(() => resolve(redirected)),
          reject: (error) => finish(() => reject(error)),
        };
        events.emit({ type: 'oauth:consent', requestId: id, url, redirectUri });
      });
    },
    complete(requestId, redirectedTo) {
      if (!pending || pending.id !== requestId) return false;
      if (redirectedTo === null) pending.reject(new AppError('CANCELLED', 'The sign-in was cancelled'));
      else pending.resolve(redirectedTo);
      return true;
    },
  };
}
