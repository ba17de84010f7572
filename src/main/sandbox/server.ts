/**
 * The sandbox: an HTTP server on loopback that answers like amoCRM's API v4 for a
 * generated account. The demo account runs it in-process; `amo-phonebook sandbox` runs it
 * in the foreground for tests and for trying the CLI. Tests drive it through the handle:
 * CRM edits, OAuth, a moved account, faults and the block a careless client earns.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WireContact } from '../crm/wire';
import { createSandboxAccount, type SandboxAccount, sandboxToken } from './account';
import type { ContactPatch } from './contact-patch';
import { createContactStore } from './contact-store';
import type { SandboxContext } from './context';
import { dispatch, isControlPath } from './dispatch';
import { createEventLog } from './event-log';
import { createFaultQueue, type SandboxFaults } from './faults';
import { createGate } from './gate';
import { createHosts } from './hosts';
import { replyProblem } from './http-replies';
import { createMutations } from './mutations';
import { createOAuthServer, type OAuthClient } from './oauth';
import { sandboxUserByKey } from './users';

export type { ContactPatch } from './contact-patch';
export type { FaultKind, FaultSpec, SandboxFaults } from './faults';
export type { OAuthClient } from './oauth';

export interface SandboxOptions {
  readonly port?: number;
  readonly host?: string;
  readonly contacts?: number;
  readonly seed?: string;
  /** Requests per second before 429; amoCRM allows 7 per integration. 0 turns it off. */
  readonly rateLimit?: number;
  readonly anchorTime?: number;
  /** "Now" in Unix seconds, for edits, events and token expiry; defaults to the real time. */
  readonly clock?: () => number;
  /** Honour `filter[...]` on /contacts; off by default, as on most real accounts. */
  readonly apiFilterEnabled?: boolean;
  /**
   * What `GET /account?with=is_api_filter_enabled` says, when it should not be the truth: a
   * client must still notice a filter that was ignored. Defaults to `apiFilterEnabled`.
   */
  readonly reportsApiFilterEnabled?: boolean;
  /** The integration's registered redirect URI. */
  readonly redirectUri?: string;
  /** The consent page redirects at once, as if the user clicked "Allow". */
  readonly autoApprove?: boolean;
  /** Lifetime of OAuth access tokens (default 86400, as amoCRM's). */
  readonly accessTokenTtlSeconds?: number;
  /** 429s within 60 s after which every request gets an HTML 403 (default 20; 0 never). */
  readonly blockAfter429s?: number;
}

export interface SandboxHandle {
  /** Where the account is served now (it changes after `renameSubdomain()`). */
  readonly baseUrl: string;
  readonly accountId: number;
  /** One long-lived bearer token per sandbox user, by role key (`admin`, `responsible`, ...). */
  readonly tokens: Readonly<Record<string, string>>;
  /** The generated account, as first created: `contactAt` ignores later edits (see `liveContact`). */
  readonly account: SandboxAccount;
  /** The registered private integration that OAuth works for. */
  readonly oauth: OAuthClient;
  /** What the `x-sandbox-control` header must carry on `/__sandbox/*`; new at every start. */
  readonly controlToken: string;
  readonly faults: SandboxFaults;
  /** Requests answered 429 so far: a well-behaved client keeps this at zero. */
  rejectedRequests(): number;
  /** Every request received so far, refused or not (the control endpoints aside). */
  receivedRequests(): number;
  /** Requests for a page of the contacts list (`GET /api/v4/contacts`), refused or not: how much scanning. */
  contactPageRequests(): number;
  editContact(id: number, patch: ContactPatch): WireContact;
  addContact(patch?: ContactPatch): WireContact;
  deleteContact(id: number): void;
  restoreContact(id: number): WireContact;
  /** Ids of every live contact, ascending. */
  contactIds(): number[];
  liveContact(id: number): WireContact | null;
  issueAuthorizationCode(userKey?: string): string;
  revokeRefreshTokens(): void;
  /** Moves the account from 127.0.0.1:PORT to localhost:PORT (or back); returns the new base URL. */
  renameSubdomain(): string;
  unblock(): void;
  close(): Promise<void>;
}

export const sandboxDefaults = {
  contacts: 12_000,
  seed: 'amo-phonebook',
  rateLimit: 7,
  redirectUri: 'https://amo-phonebook.example/oauth/callback',
  accessTokenTtlSeconds: 86_400,
  blockAfter429s: 20,
} as const;

const realClock = () => Math.floor(Date.now() / 1000);

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? realClock;
  const account = createSandboxAccount({
    seed: options.seed ?? sandboxDefaults.seed,
    contactCount: options.contacts ?? sandboxDefaults.contacts,
    ...(options.anchorTime === undefined ? {} : { anchorTime: options.anchorTime }),
  });
  const admin = sandboxUserByKey('admin');
  if (!admin) throw new Error('the sandbox has no admin');
  const store = createContactStore(account);
  const events = createEventLog(account.id);
  const gate = createGate({
    rateLimit: options.rateLimit ?? sandboxDefaults.rateLimit,
    blockAfter429s: options.blockAfter429s ?? sandboxDefaults.blockAfter429s,
  });
  let received = 0;
  let contactPages = 0;
  let ctx: SandboxContext | null = null;

  const server = createServer((req, res) => {
    if (!isControlPath(req.url ?? '/')) received++;
    if (/^\/api\/v4\/contacts(\?|$)/.test(req.url ?? '')) contactPages++;
    if (!ctx) return replyProblem(res, 503, 'Service Unavailable', 'The sandbox is starting');
    dispatch(req, res, ctx).catch((error: unknown) => {
      if (!res.headersSent) replyProblem(res, 500, 'Internal Server Error', String(error));
      else res.destroy();
    });
  });
  // Keep-alive sockets would hold `close()` open; the API is request/response anyway.
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const hosts = createHosts(host, port, account.subdomain);
  const oauth = createOAuthServer({
    seed: account.seed,
    accountId: account.id,
    redirectUri: options.redirectUri ?? sandboxDefaults.redirectUri,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? sandboxDefaults.accessTokenTtlSeconds,
    clock,
    apiDomain: () => hosts.current(),
  });
  const faults = createFaultQueue();
  const mutations = createMutations({ store, events, clock, accountId: account.id, actorId: admin.id });
  const controlToken = randomBytes(16).toString('hex');
  ctx = {
    account,
    store,
    events,
    mutations,
    oauth,
    hosts,
    faults,
    gate,
    apiFilterEnabled: options.apiFilterEnabled ?? false,
    reportsApiFilterEnabled: options.reportsApiFilterEnabled ?? options.apiFilterEnabled ?? false,
    autoApprove: options.autoApprove ?? false,
    controlToken,
    receivedRequests: () => received,
  };

  return {
    get baseUrl() {
      return hosts.baseUrl();
    },
    accountId: account.id,
    tokens: Object.fromEntries(account.users.map((user) => [user.key, sandboxToken(account.seed, user)])),
    account,
    oauth: oauth.client,
    controlToken,
    faults: { inject: faults.inject, clear: faults.clear, pending: faults.pending },
    rejectedRequests: () => gate.rejected(),
    receivedRequests: () => received,
    contactPageRequests: () => contactPages,
    editContact: mutations.editContact,
    addContact: mutations.addContact,
    deleteContact: mutations.deleteContact,
    restoreContact: mutations.restoreContact,
    contactIds: () => Array.from(store.ids('id', 'asc')),
    liveContact: (id) => store.live(id),
    issueAuthorizationCode(userKey = 'admin') {
      const user = sandboxUserByKey(userKey);
      if (!user) throw new RangeError(`no sandbox user ${userKey}`);
      return oauth.issueCode(user);
    },
    revokeRefreshTokens: oauth.revokeRefreshTokens,
    renameSubdomain: hosts.rename,
    unblock: gate.unblock,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** What `amo-phonebook sandbox` prints as its one JSON line when ready. */
export interface SandboxReadyLine {
  readonly baseUrl: string;
  readonly accountId: number;
  readonly tokens: Readonly<Record<string, string>>;
  /** For `x-sandbox-control` on POST /__sandbox/faults and /__sandbox/mutate. */
  readonly controlToken: string;
  readonly oauth: OAuthClient;
}

/** The ready line: everything a script in another process needs to drive the sandbox. */
export function sandboxReadyLine(handle: SandboxHandle): SandboxReadyLine {
  return {
    baseUrl: handle.baseUrl,
    accountId: handle.accountId,
    tokens: handle.tokens,
    controlToken: handle.controlToken,
    oauth: { ...handle.oauth },
  };
}
