/**
 * The account and contacts endpoints of API v4, as functions of (context, user, query).
 */
import type { ServerResponse } from 'node:http';
import type { WireContact } from '../crm/wire';
import { filterIds, readContactFilter } from './contact-filter';
import type { SandboxContext } from './context';
import { replyHal, replyNoContent, replyProblem, replyValidation } from './http-replies';
import { isProblem, pageLinks, readPaging } from './query-params';
import { type SandboxUser, sandboxGroups } from './users';

export function serveAccount(
  res: ServerResponse,
  ctx: SandboxContext,
  user: SandboxUser,
  query: URLSearchParams,
): void {
  const { account, hosts } = ctx;
  const withParts = new Set((query.get('with') ?? '').split(',').filter(Boolean));
  const body: Record<string, unknown> = {
    id: account.id,
    name: account.name,
    subdomain: hosts.subdomain(),
    current_user_id: user.id,
    country: account.country,
    currency: 'RUB',
    currency_symbol: '₽',
    customers_mode: 'disabled',
    is_unsorted_on: true,
    is_loss_reason_enabled: true,
    is_helpbot_enabled: false,
    is_technical_account: false,
    contact_name_display_order: 1,
    _links: { self: { href: `${hosts.baseUrl()}/api/v4/account` } },
  };
  if (withParts.has('is_api_filter_enabled')) body['is_api_filter_enabled'] = ctx.reportsApiFilterEnabled;
  if (withParts.has('users_groups')) {
    body['_embedded'] = {
      users_groups: sandboxGroups.map((group) => ({ id: group.id, name: group.name, uuid: null })),
    };
  }
  replyHal(res, body);
}

export function serveContacts(res: ServerResponse, ctx: SandboxContext, query: URLSearchParams): void {
  const paging = readPaging(query, 250);
  if (isProblem(paging)) {
    replyValidation(res, paging.path, paging.detail);
    return;
  }

  let field: 'id' | 'updated_at' = 'id';
  let direction: 'asc' | 'desc' = 'asc';
  for (const candidate of ['id', 'updated_at'] as const) {
    const value = query.get(`order[${candidate}]`);
    if (value === null) continue;
    if (value !== 'asc' && value !== 'desc') {
      replyValidation(res, `order[${candidate}]`, 'asc or desc');
      return;
    }
    field = candidate;
    direction = value;
  }

  let order = ctx.store.ids(field, direction);
  // Without API filtering switched on, amoCRM ignores filter[...] without a word.
  if (ctx.apiFilterEnabled) {
    const filter = readContactFilter(query);
    if (filter && 'detail' in filter) {
      replyValidation(res, filter.path, filter.detail);
      return;
    }
    if (filter) order = filterIds(order, filter, ctx.store);
  }

  const start = (paging.page - 1) * paging.limit;
  // amoCRM answers an empty page (also a page past the end) with 204 and no body.
  if (start >= order.length) {
    replyNoContent(res);
    return;
  }
  const ids = order.subarray(start, Math.min(order.length, start + paging.limit));
  const baseUrl = ctx.hosts.baseUrl();
  const contacts = Array.from(ids, (id) => withLinks(ctx.store.live(id) as WireContact, baseUrl));
  // Like the real API, `next` appears whenever the page is full, even if the next is empty.
  const links = pageLinks(baseUrl, '/api/v4/contacts', query, paging, ids.length === paging.limit);
  replyHal(res, { _page: paging.page, _links: links, _embedded: { contacts } });
}

export function serveContact(res: ServerResponse, ctx: SandboxContext, rawId: string): void {
  const id = Number(rawId);
  if (!/^\d+$/.test(rawId) || !Number.isSafeInteger(id)) {
    replyProblem(res, 404, 'Not Found', `No contact ${rawId}`);
    return;
  }
  const contact = ctx.store.live(id);
  // A deleted or unknown entity is "nothing found": 204, not 404.
  if (!contact) {
    replyNoContent(res);
    return;
  }
  replyHal(res, withLinks(contact, ctx.hosts.baseUrl()));
}

function withLinks(contact: WireContact, baseUrl: string): WireContact {
  return { ...contact, _links: { self: { href: `${baseUrl}/api/v4/contacts/${contact.id}` } } };
}
