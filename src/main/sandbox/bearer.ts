/** Who a request's `Authorization: Bearer` token belongs to: a long-lived token or an OAuth access token. */
import type { IncomingMessage } from 'node:http';
import type { SandboxContext } from './context';
import type { SandboxUser } from './users';

export function bearerUser(req: IncomingMessage, ctx: SandboxContext): SandboxUser | { detail: string } {
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
  // Long-lived tokens never expire here: the admin picks years when making one.
  const longLived = ctx.account.tokens.get(token);
  if (longLived) return longLived;
  const oauthUser = ctx.oauth.accessTokenUser(token);
  if (oauthUser === 'expired') return { detail: 'Token has expired' };
  return oauthUser ?? { detail: 'Token is missing, invalid or revoked' };
}

export function isUser(value: SandboxUser | { detail: string }): value is SandboxUser {
  return 'id' in value;
}
