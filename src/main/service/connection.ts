/** Where and with what sign-in to reach a connected account right now. */
import { AppError } from '../../shared/errors';
import { type AccountAuth, staticAuth } from '../crm/account-auth';
import type { AmoHttpOptions } from '../crm/amo-http';
import { type Credentials, type OAuthCredentials, parseCredentials, serializeCredentials } from '../crm/credentials';
import { createOAuthSession } from '../crm/oauth-session';
import {
  type AccountRecord,
  getAccount,
  listAccountRecords,
  saveAccount,
  type TeamMirrorAddress,
} from '../mirror/accounts-repo';
import { accountTokenKey } from '../secrets/secret-store';
import { pinnedFetch } from '../team/pinned-fetch';
import type { CoreContext } from './context';

export async function storeCredentials(ctx: CoreContext, accountId: number, credentials: Credentials): Promise<void> {
  await ctx.secrets.set(accountTokenKey(accountId), serializeCredentials(credentials));
  // A new sign-in replaces any session built on the old one.
  ctx.sessions.delete(accountId);
}

export async function loadCredentials(ctx: CoreContext, account: AccountRecord): Promise<Credentials> {
  const stored = await ctx.secrets.get(accountTokenKey(account.id));
  if (!stored) {
    throw new AppError('AUTH_REJECTED', `No sign-in is stored for ${account.subdomain}: connect the account again`, {
      host: new URL(account.baseUrl).host,
    });
  }
  return parseCredentials(stored, account.subdomain);
}

/**
 * One AccountAuth per account for the whole process, so that every caller shares one
 * refresh (amoCRM's refresh tokens work once, for everyone).
 */
async function authFor(ctx: CoreContext, account: AccountRecord): Promise<AccountAuth> {
  const cached = ctx.sessions.get(account.id);
  if (cached) return cached;
  const credentials = await loadCredentials(ctx, account);
  let auth: AccountAuth;
  if (credentials.kind === 'long-lived') {
    auth = staticAuth(credentials.token);
  } else {
    auth = createOAuthSession({
      http: { ...ctx.httpTuning, baseUrl: account.baseUrl, limiter: ctx.limiterFor(account.baseUrl) },
      load: async () => {
        const current = await loadCredentials(ctx, account);
        if (current.kind !== 'oauth') throw new AppError('AUTH_REJECTED', 'The stored sign-in changed: connect again');
        return current;
      },
      save: (next: OAuthCredentials) => ctx.secrets.set(accountTokenKey(account.id), serializeCredentials(next)),
      now: ctx.now,
    });
  }
  ctx.sessions.set(account.id, auth);
  return auth;
}

/**
 * A team mirror is ours, on the office network: not amoCRM's 7 a second, but not without
 * bound either, so twenty colleagues at once leave it time for each.
 */
export const teamMirrorRequestsPerSecond = 25;

/**
 * Where to pull from: the team mirror the invitation named, if any (`preferred`), or amoCRM
 * itself (`amocrm`: the fallback when the team mirror cannot be reached, see sync-handlers.ts).
 * The sign-in is the same either way, and is always renewed with amoCRM itself.
 */
export type PullRoute = 'preferred' | 'amocrm';

export async function connectionFor(
  ctx: CoreContext,
  account: AccountRecord,
  signal?: AbortSignal,
  route: PullRoute = 'preferred',
): Promise<AmoHttpOptions> {
  if (account.isDemo) {
    const sandbox = await ctx.demo.ensure();
    if (sandbox.baseUrl !== account.baseUrl) saveAccount(ctx.db, { ...account, baseUrl: sandbox.baseUrl });
    return withSignal(
      ctx,
      {
        baseUrl: sandbox.baseUrl,
        auth: staticAuth(sandbox.tokens['admin'] as string),
        limiter: ctx.limiterFor(sandbox.baseUrl),
      },
      signal,
    );
  }
  const auth = await authFor(ctx, account);
  const mirror = route === 'preferred' ? account.teamMirror : null;
  if (mirror) return withSignal(ctx, teamMirrorHttp(ctx, mirror, auth), signal);
  return withSignal(ctx, { baseUrl: account.baseUrl, auth, limiter: ctx.limiterFor(account.baseUrl) }, signal);
}

/** How to ask a team mirror: its own pace, its certificate alone trusted. */
export function teamMirrorHttp(ctx: CoreContext, mirror: TeamMirrorAddress, auth: AccountAuth): AmoHttpOptions {
  return {
    ...ctx.httpTuning,
    baseUrl: mirror.url,
    auth,
    limiter: ctx.limiterFor(mirror.url, teamMirrorRequestsPerSecond),
    fetchImpl: pinnedFetch(mirror.fingerprint),
    // Not reachable is a reason to ask amoCRM instead, soon: not one to retry for long.
    maxRetries: 1,
    // But a slow answer is the team mirror checking a sign-in with a busy amoCRM: worth waiting for.
    timeoutMs: 120_000,
  };
}

/** Faults of the team mirror itself, after which amoCRM is asked instead (a refused sign-in is not one). */
export function teamMirrorUnavailable(error: unknown): boolean {
  if (!(error instanceof AppError)) return false;
  return ['NETWORK_UNREACHABLE', 'TIMEOUT', 'TEAM_MIRROR_UNTRUSTED', 'SERVER_ERROR', 'BAD_RESPONSE'].includes(
    error.code,
  );
}

function withSignal(ctx: CoreContext, options: AmoHttpOptions, signal: AbortSignal | undefined): AmoHttpOptions {
  return { ...ctx.httpTuning, ...options, ...(signal ? { signal } : {}) };
}

/** The account a request names, or every connected account when it names none. */
export function selectAccounts(ctx: CoreContext, accountId: number | undefined): AccountRecord[] {
  if (accountId === undefined) return listAccountRecords(ctx.db);
  const account = getAccount(ctx.db, accountId);
  if (!account) throw new AppError('NOT_FOUND', `No connected account has id ${accountId}`, { accountId });
  return [account];
}
