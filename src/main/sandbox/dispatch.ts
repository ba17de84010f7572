/**
 * One request through the sandbox, in the order amoCRM's layers would see it: the block
 * and the rate limit at the front door, injected faults, the shared hosts (consent page,
 * subdomain lookups), the moved-account check, then authentication and the API routes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerUser, isUser } from './bearer';
import type { SandboxContext } from './context';
import { serveControl } from './control-routes';
import { serveCustomFields } from './custom-fields-route';
import { serveEvents } from './events-route';
import { playFault } from './faults';
import { replyNginx, replyProblem, replyTooManyRequests } from './http-replies';
import { serveAllow, serveConsent, serveSubdomain, serveToken } from './oauth-routes';
import { serveAccount, serveContact, serveContacts } from './routes';
import { serveUser, serveUsers } from './users-route';

export function isControlPath(pathname: string): boolean {
  return pathname.startsWith('/__sandbox/');
}

export async function dispatch(req: IncomingMessage, res: ServerResponse, ctx: SandboxContext): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  const path = url.pathname;
  if (isControlPath(path)) {
    await serveControl(req, res, ctx);
    return;
  }
  if (ctx.gate.blocked()) {
    replyNginx(res, 403, 'Forbidden');
    return;
  }
  // The limit is on API calls; the consent page is a page a person opens.
  const limited = path.startsWith('/api/') || path.startsWith('/oauth2/');
  if (limited && ctx.gate.admit(performance.now()) === 'limited') {
    replyTooManyRequests(res);
    return;
  }
  const fault = ctx.faults.take(path);
  if (fault && (await playFault(res, fault))) return;

  // Shared hosts: these answer whichever address the account has now.
  if (path === '/oauth') return serveConsent(res, ctx, url.searchParams);
  if (path === '/oauth/allow') return serveAllow(res, ctx, url.searchParams);
  if (path === '/oauth2/account/subdomain') return serveSubdomain(req, res, ctx, false);
  if (path === '/oauth2/account/current/subdomain') return serveSubdomain(req, res, ctx, true);

  if (ctx.hosts.isMovedFrom(req.headers.host)) {
    replyProblem(res, 404, 'Not Found', 'Account moved: look up its new address at /oauth2/account/subdomain');
    return;
  }
  if (path === '/oauth2/access_token') return serveToken(req, res, ctx);
  serveApi(req, res, ctx, url);
}

function serveApi(req: IncomingMessage, res: ServerResponse, ctx: SandboxContext, url: URL): void {
  if (req.method !== 'GET') {
    replyProblem(res, 405, 'Method Not Allowed', `${req.method} is not supported here`);
    return;
  }
  const user = bearerUser(req, ctx);
  if (!isUser(user)) {
    replyProblem(res, 401, 'Unauthorized', user.detail);
    return;
  }
  const path = url.pathname.replace(/\/+$/, '');
  const query = url.searchParams;
  const contact = /^\/api\/v4\/contacts\/([^/]+)$/.exec(path);
  const member = /^\/api\/v4\/users\/([^/]+)$/.exec(path);
  if (path === '/api/v4/account') serveAccount(res, ctx, user, query);
  else if (path === '/api/v4/contacts') serveContacts(res, ctx, query);
  else if (path === '/api/v4/contacts/custom_fields') serveCustomFields(res, ctx, query);
  else if (contact?.[1] !== undefined) serveContact(res, ctx, contact[1]);
  else if (path === '/api/v4/events') serveEvents(res, ctx, query);
  else if (path === '/api/v4/users') serveUsers(res, ctx, user, query);
  else if (member?.[1] !== undefined) serveUser(res, ctx, user, member[1], query);
  else replyProblem(res, 404, 'Not Found', `No route for ${url.pathname}`);
}
