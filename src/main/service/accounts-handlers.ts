/** Connecting (three ways, plus the demo), listing and removing accounts. */
import type { ApiParsedInput } from '../../shared/api/schemas';
import type { AccountSummary, AuthKind } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import type { VerbGroup } from '../api/registry';
import { type CrmAccountInfo, fetchAccountInfo } from '../crm/account-api';
import { staticAuth } from '../crm/account-auth';
import { isLoopbackHost, parseAccountBaseUrl } from '../crm/base-url';
import { type ConsentProduct, consentUrl, newState, readConsentRedirect } from '../crm/consent';
import type { Credentials } from '../crm/credentials';
import { type Integration, requestTokens } from '../crm/oauth-client';
import { fetchUserRights } from '../crm/rights-api';
import {
  deleteAccount,
  listAccountSummaries,
  saveAccount,
  saveRights,
  type TeamMirrorAddress,
} from '../mirror/accounts-repo';
import { accountTokenKey } from '../secrets/secret-store';
import { storeCredentials, teamMirrorHttp, teamMirrorUnavailable } from './connection';
import type { CoreContext } from './context';

/** Someone is waiting at a form: one quick retry, not the patient back-off a sync uses. */
const interactive = { maxRetries: 1, backoffMs: () => 500, timeoutMs: 15_000 } as const;

function summaryOf(ctx: CoreContext, accountId: number): AccountSummary {
  const summary = listAccountSummaries(ctx.db).find((account) => account.id === accountId);
  if (!summary) throw new AppError('INTERNAL', `Account ${accountId} vanished while connecting`);
  return summary;
}

/**
 * Checks the sign-in against the account, stores it, then the account, then its rights.
 * The credentials are stored first: an OAuth pair's refresh token is the only way back in.
 * A colleague joining a team mirror asks it instead who they are (it checks with amoCRM, and
 * reads the whole team's rights in one request) and leaves the rights to the first sync, which
 * asks it too: amoCRM hears two requests fewer per colleague, twenty colleagues at once.
 */
async function connect(
  ctx: CoreContext,
  baseUrl: string,
  accessToken: string,
  credentials: Credentials | null,
  authKind: AuthKind,
  teamMirror: TeamMirrorAddress | null = null,
): Promise<AccountSummary> {
  const auth = staticAuth(accessToken);
  const http = { baseUrl, auth, limiter: ctx.limiterFor(baseUrl), ...interactive };
  const info: CrmAccountInfo = teamMirror
    ? await fetchAccountInfo(teamMirrorHttp(ctx, teamMirror, auth)).catch((error: unknown) => {
        if (teamMirrorUnavailable(error)) return fetchAccountInfo(http);
        throw error;
      })
    : await fetchAccountInfo(http);
  if (credentials) await storeCredentials(ctx, info.id, credentials);
  saveAccount(ctx.db, {
    id: info.id,
    name: info.name,
    subdomain: info.subdomain,
    baseUrl,
    country: info.country,
    currentUserId: info.currentUserId,
    isDemo: authKind === 'demo',
    authKind,
    connectedAt: ctx.now(),
  });
  if (!teamMirror) saveRights(ctx.db, info.id, await fetchUserRights(http, info.currentUserId), ctx.now());
  ctx.events.emit({ type: 'accounts:changed' });
  return summaryOf(ctx, info.id);
}

async function connectWithCode(
  ctx: CoreContext,
  baseUrl: string,
  integration: Integration,
  code: string,
  teamMirror: TeamMirrorAddress | null = null,
): Promise<AccountSummary> {
  const tokens = await requestTokens(
    { baseUrl, limiter: ctx.limiterFor(baseUrl), ...interactive },
    integration,
    { grant: 'authorization_code', code },
    ctx.now,
  );
  return connect(ctx, baseUrl, tokens.accessToken, tokens, 'oauth', teamMirror);
}

async function listAccounts(ctx: CoreContext) {
  return listAccountSummaries(ctx.db);
}

async function addAccountWithToken(ctx: CoreContext, { baseUrl, token }: ApiParsedInput<'addAccountWithToken'>) {
  const origin = parseAccountBaseUrl(baseUrl);
  return connect(ctx, origin, token, { kind: 'long-lived', token }, 'long-lived');
}

async function addAccountWithCode(ctx: CoreContext, input: ApiParsedInput<'addAccountWithCode'>) {
  const { baseUrl, clientId, clientSecret, code, redirectUri } = input;
  return connectWithCode(ctx, parseAccountBaseUrl(baseUrl), { clientId, clientSecret, redirectUri }, code);
}

async function connectWithOAuth(ctx: CoreContext, input: ApiParsedInput<'connectWithOAuth'>) {
  return signInThroughConsent(ctx, input);
}

/**
 * The consent page, then the code exchanged at the account the person chose there. With
 * `expectedAccountUrl` (an invitation), a sign-in to any other account is refused before the
 * code is used: the colleague picked the wrong account on amoCRM's page.
 */
export async function signInThroughConsent(
  ctx: CoreContext,
  integration: {
    readonly product: ConsentProduct;
    readonly consentBaseUrl?: string | undefined;
    readonly clientId: string;
    readonly clientSecret: string;
    readonly redirectUri: string;
  },
  expectedAccountUrl?: string,
  teamMirror: TeamMirrorAddress | null = null,
): Promise<AccountSummary> {
  const { product, consentBaseUrl, clientId, clientSecret, redirectUri } = integration;
  const open = ctx.openConsentWindow;
  if (!open) {
    throw new AppError(
      'INVALID_INPUT',
      'This part of the app cannot open the amoCRM sign-in page; use an authorization code instead',
    );
  }
  const customBase = consentBaseUrl === undefined ? undefined : parseAccountBaseUrl(consentBaseUrl);
  const state = newState();
  const redirected = await open(consentUrl(product, clientId, state, customBase), redirectUri);
  const { code, accountBaseUrl } = readConsentRedirect(redirected, {
    redirectUri,
    state,
    allowLoopback: customBase !== undefined && isLoopbackHost(new URL(customBase).hostname),
  });
  if (expectedAccountUrl !== undefined && new URL(accountBaseUrl).host !== new URL(expectedAccountUrl).host) {
    const signedIn = new URL(accountBaseUrl).host;
    const expected = new URL(expectedAccountUrl).host;
    throw new AppError(
      'INVITATION_OTHER_ACCOUNT',
      `You signed in to ${signedIn}, but the invitation is for ${expected}: sign in again and choose ${expected}`,
      { signedIn, expected },
    );
  }
  return connectWithCode(ctx, accountBaseUrl, { clientId, clientSecret, redirectUri }, code, teamMirror);
}

async function connectDemoAccount(ctx: CoreContext) {
  const sandbox = await ctx.demo.ensure();
  return connect(ctx, sandbox.baseUrl, sandbox.tokens['admin'] as string, null, 'demo');
}

async function removeAccount(ctx: CoreContext, { accountId }: ApiParsedInput<'removeAccount'>) {
  await ctx.secrets.delete(accountTokenKey(accountId));
  ctx.sessions.delete(accountId);
  const removed = deleteAccount(ctx.db, accountId);
  if (removed) ctx.events.emit({ type: 'accounts:changed' });
  return { removed };
}

export const accountVerbs = {
  listAccounts,
  addAccountWithToken,
  addAccountWithCode,
  connectWithOAuth,
  connectDemoAccount,
  removeAccount,
} satisfies VerbGroup<CoreContext>;
