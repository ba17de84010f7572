/** `GET /api/v4/users` and `/users/{id}`: administrators only; anyone else gets 403. */
import type { ServerResponse } from 'node:http';
import type { SandboxContext } from './context';
import { replyHal, replyNoContent, replyProblem, replyValidation } from './http-replies';
import { isProblem, pageLinks, readPaging } from './query-params';
import { userJson } from './rights';
import { type SandboxUser, sandboxUserById } from './users';

function refuseNonAdmin(res: ServerResponse, user: SandboxUser): boolean {
  if (user.isAdmin) return false;
  replyProblem(res, 403, 'Forbidden', 'This method is available for administrator users only');
  return true;
}

const withOf = (query: URLSearchParams) => new Set((query.get('with') ?? '').split(',').filter(Boolean));

export function serveUsers(res: ServerResponse, ctx: SandboxContext, user: SandboxUser, query: URLSearchParams): void {
  if (refuseNonAdmin(res, user)) return;
  const paging = readPaging(query, 250);
  if (isProblem(paging)) {
    replyValidation(res, paging.path, paging.detail);
    return;
  }
  const all = ctx.account.users;
  const start = (paging.page - 1) * paging.limit;
  const page = all.slice(start, start + paging.limit);
  if (page.length === 0) {
    replyNoContent(res);
    return;
  }
  const baseUrl = ctx.hosts.baseUrl();
  const pageCount = Math.ceil(all.length / paging.limit);
  replyHal(res, {
    _total_items: all.length,
    _page: paging.page,
    _page_count: pageCount,
    _links: pageLinks(baseUrl, '/api/v4/users', query, paging, paging.page < pageCount),
    _embedded: { users: page.map((member) => userJson(member, withOf(query), baseUrl)) },
  });
}

export function serveUser(
  res: ServerResponse,
  ctx: SandboxContext,
  user: SandboxUser,
  rawId: string,
  query: URLSearchParams,
): void {
  if (refuseNonAdmin(res, user)) return;
  const member = /^\d+$/.test(rawId) ? sandboxUserById(Number(rawId)) : undefined;
  if (!member) {
    replyProblem(res, 404, 'Not Found', `No user ${rawId}`);
    return;
  }
  replyHal(res, userJson(member, withOf(query), ctx.hosts.baseUrl()));
}
