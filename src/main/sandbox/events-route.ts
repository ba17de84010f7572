/**
 * `GET /api/v4/events`: open to every user, newest first, at most 100 a page. Unlike the
 * contacts list, its filters always work; they are how a client learns of deletions.
 */
import type { ServerResponse } from 'node:http';
import type { SandboxContext } from './context';
import type { SandboxEvent } from './event-log';
import { replyHal, replyNoContent, replyValidation } from './http-replies';
import { isProblem, isRangeProblem, pageLinks, paramRange, paramValues, readPaging } from './query-params';

export function serveEvents(res: ServerResponse, ctx: SandboxContext, query: URLSearchParams): void {
  const paging = readPaging(query, 100);
  if (isProblem(paging)) {
    replyValidation(res, paging.path, paging.detail);
    return;
  }
  const created = paramRange(query, 'filter[created_at]');
  if (isRangeProblem(created)) {
    replyValidation(res, created.path, created.detail);
    return;
  }
  const numbers = (name: string) => paramValues(query, name).map(Number);
  const types = new Set(paramValues(query, 'filter[type]'));
  const entities = new Set(paramValues(query, 'filter[entity]'));
  const entityIds = new Set(numbers('filter[entity_id]'));
  const authors = new Set(numbers('filter[created_by]'));
  const ids = new Set(paramValues(query, 'filter[id]'));
  // A bare timestamp means "from then until now".
  const from = created.from ?? created.bare;

  const matches = (event: SandboxEvent) =>
    (types.size === 0 || types.has(event.type)) &&
    (entities.size === 0 || entities.has(event.entity_type)) &&
    (entityIds.size === 0 || entityIds.has(event.entity_id)) &&
    (authors.size === 0 || authors.has(event.created_by)) &&
    (ids.size === 0 || ids.has(event.id)) &&
    (from === null || event.created_at >= from) &&
    (created.to === null || event.created_at <= created.to);

  const all = ctx.events.newestFirst().filter(matches);
  const start = (paging.page - 1) * paging.limit;
  const events = all.slice(start, start + paging.limit);
  if (events.length === 0) {
    replyNoContent(res);
    return;
  }
  const links = pageLinks(ctx.hosts.baseUrl(), '/api/v4/events', query, paging, events.length === paging.limit);
  replyHal(res, { _page: paging.page, _links: links, _embedded: { events } });
}
