/** `GET /api/v4/contacts/custom_fields`: the field definitions, readable by every user. */
import type { ServerResponse } from 'node:http';
import type { SandboxContext } from './context';
import { sandboxFieldDefinitions } from './custom-fields';
import { replyHal, replyNoContent, replyValidation } from './http-replies';
import { isProblem, pageLinks, readPaging } from './query-params';

export function serveCustomFields(res: ServerResponse, ctx: SandboxContext, query: URLSearchParams): void {
  const paging = readPaging(query, 250);
  if (isProblem(paging)) {
    replyValidation(res, paging.path, paging.detail);
    return;
  }
  const start = (paging.page - 1) * paging.limit;
  const definitions = sandboxFieldDefinitions.slice(start, start + paging.limit);
  if (definitions.length === 0) {
    replyNoContent(res);
    return;
  }
  const baseUrl = ctx.hosts.baseUrl();
  const fields = definitions.map((field) => ({
    id: field.id,
    name: field.name,
    type: field.type,
    account_id: ctx.account.id,
    code: field.code,
    sort: field.sort,
    is_api_only: false,
    enums: field.enums ? field.enums.map((e) => ({ ...e })) : null,
    group_id: null,
    required_statuses: [],
    is_deletable: false,
    is_predefined: true,
    entity_type: 'contacts',
    _links: { self: { href: `${baseUrl}/api/v4/contacts/custom_fields/${field.id}` } },
  }));
  const links = pageLinks(baseUrl, '/api/v4/contacts/custom_fields', query, paging, fields.length === paging.limit);
  replyHal(res, {
    _total_items: sandboxFieldDefinitions.length,
    _page: paging.page,
    _page_count: Math.ceil(sandboxFieldDefinitions.length / paging.limit),
    _links: links,
    _embedded: { custom_fields: fields },
  });
}
