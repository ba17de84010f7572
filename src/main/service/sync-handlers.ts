/**
 * Pulling accounts into the mirror. One sync at a time per process; each page is written
 * in its own transaction, so a cancelled or failed sync leaves whole pages, never half of
 * one. Contacts missing from a *complete* pull are removed (deleted or no longer visible).
 */
import type { ApiHandlers } from '../../shared/api/contract';
import type { SyncAccountResult } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import { toMirrorContact } from '../crm/contact-mapper';
import { pullAllContacts } from '../crm/contacts-api';
import type { RequestLimiter } from '../crm/request-limiter';
import { throwIfCancelled } from '../lib/abort';
import { type AccountRecord, markAccountSynced } from '../mirror/accounts-repo';
import { deleteContactsNotIn, upsertContacts } from '../mirror/contacts-repo';
import { phoneRegion } from '../phones/normalize';
import { connectionFor, selectAccounts } from './connection';
import type { CoreContext } from './context';

type SyncHandlers = Pick<ApiHandlers, 'syncAccounts' | 'cancelSync'>;

export function syncHandlers(ctx: CoreContext): SyncHandlers {
  let running: AbortController | null = null;

  async function syncOne(account: AccountRecord, signal: AbortSignal): Promise<SyncAccountResult> {
    const started = ctx.now();
    let limiter: RequestLimiter | null = null;
    const progress = (phase: 'account' | 'contacts' | 'done', pages: number, contacts: number) =>
      ctx.events.emit({
        type: 'sync:progress',
        accountId: account.id,
        phase,
        pages,
        contacts,
        requestsPerSecond: limiter?.currentRate() ?? 0,
      });

    progress('account', 0, 0);
    const http = await connectionFor(ctx, account, signal);
    limiter = http.limiter;
    const region = phoneRegion(account.country);
    const seen = new Set<number>();
    let pages = 0;
    try {
      for await (const page of pullAllContacts(http)) {
        throwIfCancelled(signal);
        const contacts = page.contacts.map((wire) => toMirrorContact(wire, region));
        upsertContacts(ctx.db, account.id, contacts);
        for (const contact of contacts) seen.add(contact.id);
        pages++;
        progress('contacts', pages, seen.size);
      }
      throwIfCancelled(signal);
      deleteContactsNotIn(ctx.db, account.id, seen);
      markAccountSynced(ctx.db, account.id, ctx.now());
      progress('done', pages, seen.size);
    } finally {
      // Pages written before a cancel or a failure stay in the mirror: say so either way.
      if (pages > 0) ctx.events.emit({ type: 'accounts:changed' });
    }
    return { accountId: account.id, contacts: seen.size, pages, durationMs: ctx.now() - started };
  }

  return {
    async syncAccounts({ accountId }) {
      if (running) throw new AppError('BUSY', 'A sync is already running');
      const accounts = selectAccounts(ctx, accountId);
      const controller = new AbortController();
      running = controller;
      try {
        const results: SyncAccountResult[] = [];
        for (const account of accounts) results.push(await syncOne(account, controller.signal));
        return { accounts: results };
      } finally {
        running = null;
      }
    },

    async cancelSync() {
      if (!running) return { cancelled: false };
      running.abort();
      return { cancelled: true };
    },
  };
}
