/**
 * The API v4 endpoints the sandbox answers, as pure functions of (account, user, query).
 */
import type { ServerResponse } from 'node:http';
import type { SandboxAccount } from './account';
import { replyHal, replyNoContent, replyProblem } from './http-replies';
import { type SandboxUser, sandboxGroups } from './users';

export function serveAccount(
  res: ServerResponse,
  account: SandboxAccount,
  user: SandboxUser,
  query: URLSearchParams,
  baseUrl: string,
): void {
  const withParts = new Set((query.get('with') ?? '').split(',').filter(Boolean));
  const body: Record<string, unknown> = {
    id: account.id,
    name: account.name,
    subdomain: account.subdomain,
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
    _links: { self: { href: `${baseUrl}/api/v4/account` } },
  };
  if (withParts.has('is_api_filter_enabled')) body['is_api_filter_enabled'] = false;
  if (withParts.has('users_groups')) {
    body['_embedded'] = {
      users_groups: sandboxGroups.map((group) => ({ id: group.id, name: group.name, uuid: null })),
    };
  }
  replyHal(res, body);
}

export function serveContacts(
  res: ServerResponse,
  account: SandboxAccount,
  query: URLSearchParams,
  baseUrl: string,
): void {
  const limit = query.has('limit') ? Number(query.get('limit')) : 50;
  const page = query.has('page') ? Number(query.get('page')) : 1;
  if (!Number.isInteger(limit) || limit < 1 || limit > 250) {
    replyValidation(res, 'limit', 'limit must be an integer from 1 to 250');
    return;
  }
  if (!Number.isInteger(page) || page < 1) {
    replyValidation(res, 'page', 'page must be a positive integer');
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

  const order = account.order(field, direction);
  const start = (page - 1) * limit;
  // amoCRM answers an empty page (also a page past the end) with 204 and no body.
  if (start >= order.length) {
    replyNoContent(res);
    return;
  }
  const indexes = order.subarray(start, Math.min(order.length, start + limit));
  const contacts = Array.from(indexes, (index) => {
    const contact = account.contactAt(index);
    return { ...contact, _links: { self: { href: `${baseUrl}/api/v4/contacts/${contact.id}` } } };
  });

  const link = (n: number) => {
    const params = new URLSearchParams(query);
    params.set('page', String(n));
    params.set('limit', String(limit));
    return { href: `${baseUrl}/api/v4/contacts?${params.toString()}` };
  };
  const links: Record<string, { href: string }> = { self: link(page), first: link(1) };
  // Like the real API, `next` appears whenever the page is full, even if the next is empty.
  if (indexes.length === limit) links['next'] = link(page + 1);
  if (page > 1) links['prev'] = link(page - 1);
  replyHal(res, { _page: page, _links: links, _embedded: { contacts } });
}

function replyValidation(res: ServerResponse, path: string, detail: string): void {
  replyProblem(res, 400, 'Bad Request', 'Request validation failed', {
    'validation-errors': [{ request_id: '0', errors: [{ code: 'InvalidValue', path, detail }] }],
  });
}
