/** Where and with what token to reach a connected account right now. */
import { AppError } from '../../shared/errors';
import type { AmoHttpOptions } from '../crm/amo-http';
import { type AccountRecord, getAccount, listAccountRecords, saveAccount } from '../mirror/accounts-repo';
import { accountTokenKey } from '../secrets/secret-store';
import type { CoreContext } from './context';

export async function connectionFor(
  ctx: CoreContext,
  account: AccountRecord,
  signal?: AbortSignal,
): Promise<AmoHttpOptions> {
  if (account.isDemo) {
    const sandbox = await ctx.demo.ensure();
    if (sandbox.baseUrl !== account.baseUrl) saveAccount(ctx.db, { ...account, baseUrl: sandbox.baseUrl });
    return withSignal(
      { baseUrl: sandbox.baseUrl, token: sandbox.tokens['admin'] as string, limiter: ctx.limiterFor(sandbox.baseUrl) },
      signal,
    );
  }
  const token = await ctx.secrets.get(accountTokenKey(account.id));
  if (!token) {
    throw new AppError('AUTH_REJECTED', `No token is stored for ${account.subdomain}: connect the account again`, {
      host: new URL(account.baseUrl).host,
    });
  }
  return withSignal({ baseUrl: account.baseUrl, token, limiter: ctx.limiterFor(account.baseUrl) }, signal);
}

function withSignal(options: AmoHttpOptions, signal: AbortSignal | undefined): AmoHttpOptions {
  return signal ? { ...options, signal } : options;
}

/** The account a request names, or every connected account when it names none. */
export function selectAccounts(ctx: CoreContext, accountId: number | undefined): AccountRecord[] {
  if (accountId === undefined) return listAccountRecords(ctx.db);
  const account = getAccount(ctx.db, accountId);
  if (!account) throw new AppError('NOT_FOUND', `No connected account has id ${accountId}`, { accountId });
  return [account];
}
