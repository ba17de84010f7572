/**
 * The HTTP side of OAuth: the consent page (which amoCRM serves on www.amocrm.ru; the
 * sandbox plays that host too), the token endpoint on the account host, and the two
 * subdomain lookups on the shared API host (reference §1.2–§1.6).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerUser, isUser } from './bearer';
import type { SandboxContext } from './context';
import { replyHal, replyHtml, replyProblem, replyRedirect } from './http-replies';
import { BodyError, readBody } from './request-body';
import { sandboxUserByKey, sandboxUsers } from './users';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** GET /oauth?client_id=&state=&mode=: the "grant access" page. */
export function serveConsent(res: ServerResponse, ctx: SandboxContext, query: URLSearchParams): void {
  const clientId = query.get('client_id') ?? '';
  if (clientId !== ctx.oauth.client.clientId) {
    replyHtml(res, 400, '<!doctype html><title>Ошибка</title><p>Интеграция не найдена.</p>');
    return;
  }
  const allow = (userKey: string) => {
    const params = new URLSearchParams({ client_id: clientId, state: query.get('state') ?? '', user: userKey });
    return `/oauth/allow?${params.toString()}`;
  };
  if (ctx.autoApprove) {
    replyRedirect(res, callbackUrl(ctx, query.get('user') ?? 'admin', query.get('state')));
    return;
  }
  // The first link is "Allow" as the admin; the others let a test pick another user.
  const others = sandboxUsers
    .filter((user) => user.key !== 'admin')
    .map((user) => `<li><a href="${escapeHtml(allow(user.key))}">Allow as ${escapeHtml(user.name)}</a></li>`)
    .join('');
  replyHtml(
    res,
    200,
    `<!doctype html><html><head><meta charset="utf-8"><title>Предоставить доступ</title></head><body>` +
      `<h1>amo-phonebook sandbox requests access to ${escapeHtml(ctx.account.name)}</h1>` +
      `<p><a id="allow" href="${escapeHtml(allow('admin'))}">Allow</a></p><ul>${others}</ul></body></html>`,
  );
}

/** GET /oauth/allow: the user granted access; off to the integration's redirect URI. */
export function serveAllow(res: ServerResponse, ctx: SandboxContext, query: URLSearchParams): void {
  if (query.get('client_id') !== ctx.oauth.client.clientId) {
    replyHtml(res, 400, '<!doctype html><title>Ошибка</title><p>Интеграция не найдена.</p>');
    return;
  }
  replyRedirect(res, callbackUrl(ctx, query.get('user') ?? 'admin', query.get('state')));
}

function callbackUrl(ctx: SandboxContext, userKey: string, state: string | null): string {
  const user = sandboxUserByKey(userKey) ?? sandboxUserByKey('admin');
  if (!user) throw new Error('the sandbox has no admin');
  const params = new URLSearchParams({ code: ctx.oauth.issueCode(user) });
  if (state !== null && state !== '') params.set('state', state);
  // `referer` is the account host: where the client must exchange the code.
  params.set('referer', ctx.hosts.current());
  const separator = ctx.oauth.client.redirectUri.includes('?') ? '&' : '?';
  return `${ctx.oauth.client.redirectUri}${separator}${params.toString()}`;
}

/** POST /oauth2/access_token, for both grants. */
export async function serveToken(req: IncomingMessage, res: ServerResponse, ctx: SandboxContext): Promise<void> {
  if (req.method !== 'POST') {
    replyProblem(res, 405, 'Method Not Allowed', 'POST the token request');
    return;
  }
  let body: Record<string, unknown>;
  try {
    body = await readBody(req);
  } catch (error) {
    replyProblem(res, 400, 'Bad Request', error instanceof BodyError ? error.message : 'unreadable body');
    return;
  }
  const answer = ctx.oauth.exchange(body);
  if ('status' in answer) {
    const title = answer.status === 401 ? 'Unauthorized' : 'Bad Request';
    replyProblem(res, answer.status, title, answer.detail, answer.hint === undefined ? {} : { hint: answer.hint });
    return;
  }
  const text = JSON.stringify(answer);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * GET /oauth2/account/subdomain (Bearer) and /oauth2/account/current/subdomain
 * (X-Refresh-Token): where the account lives now. Both answer even on an address the
 * account moved away from, as the shared API host does.
 */
export function serveSubdomain(req: IncomingMessage, res: ServerResponse, ctx: SandboxContext, current: boolean): void {
  if (current) {
    const header = req.headers['x-refresh-token'];
    const token = typeof header === 'string' ? header.trim() : '';
    if (!ctx.oauth.refreshTokenUser(token)) {
      replyProblem(res, 401, 'Unauthorized', 'Token has been revoked');
      return;
    }
  } else {
    const user = bearerUser(req, ctx);
    if (!isUser(user)) {
      replyProblem(res, 401, 'Unauthorized', user.detail);
      return;
    }
  }
  replyHal(res, {
    id: ctx.account.id,
    subdomain: ctx.hosts.subdomain(),
    domain: ctx.hosts.current(),
    top_level_domain: 'ru',
  });
}
