/** Connecting, listing and removing accounts. */
import type { ApiHandlers } from '../../shared/api/contract';
import type { AccountSummary } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import { type CrmAccountInfo, fetchAccountInfo } from '../crm/account-api';
import { parseAccountBaseUrl } from '../crm/base-url';
import { deleteAccount, listAccountSummaries, saveAccount } from '../mirror/accounts-repo';
import { accountTokenKey } from '../secrets/secret-store';
import type { CoreContext } from './context';

type AccountHandlers = Pick<
  ApiHandlers,
  'listAccounts' | 'addAccountWithToken' | 'connectDemoAccount' | 'removeAccount'
>;

export function accountHandlers(ctx: CoreContext): AccountHandlers {
  function summaryOf(accountId: number): AccountSummary {
    const summary = listAccountSummaries(ctx.db).find((account) => account.id === accountId);
    if (!summary) throw new AppError('INTERNAL', `Account ${accountId} vanished while connecting`);
    return summary;
  }

  function remember(info: CrmAccountInfo, baseUrl: string, isDemo: boolean): void {
    saveAccount(ctx.db, {
      id: info.id,
      name: info.name,
      subdomain: info.subdomain,
      baseUrl,
      country: info.country,
      currentUserId: info.currentUserId,
      isDemo,
      connectedAt: ctx.now(),
    });
    ctx.events.emit({ type: 'accounts:changed' });
  }

  return {
    listAccounts: async () => listAccountSummaries(ctx.db),

    async addAccountWithToken({ baseUrl, token }) {
      const origin = parseAccountBaseUrl(baseUrl);
      // The token is checked against the account before anything is stored. Someone is
      // waiting at a form: one quick retry, not the patient back-off a sync uses.
      const info = await fetchAccountInfo({
        baseUrl: origin,
        token,
        limiter: ctx.limiterFor(origin),
        maxRetries: 1,
        backoffMs: () => 500,
        timeoutMs: 15_000,
      });
      await ctx.secrets.set(accountTokenKey(info.id), token);
      remember(info, origin, false);
      return summaryOf(info.id);
    },

    async connectDemoAccount() {
      const sandbox = await ctx.demo.ensure();
      const info = await fetchAccountInfo({
        baseUrl: sandbox.baseUrl,
        token: sandbox.tokens['admin'] as string,
        limiter: ctx.limiterFor(sandbox.baseUrl),
      });
      remember(info, sandbox.baseUrl, true);
      return summaryOf(info.id);
    },

    async removeAccount({ accountId }) {
      await ctx.secrets.delete(accountTokenKey(accountId));
      const removed = deleteAccount(ctx.db, accountId);
      if (removed) ctx.events.emit({ type: 'accounts:changed' });
      return { removed };
    },
  };
}
