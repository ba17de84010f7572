/**
 * Reading amoCRM-style query strings: `limit`/`page` paging, PHP-style arrays
 * (`filter[id][]=1&filter[id][]=2`, `filter[id][0]=1`, or a comma list), and the HAL
 * links that page through a list.
 */

export interface Paging {
  readonly limit: number;
  readonly page: number;
}

export interface ParamProblem {
  readonly path: string;
  readonly detail: string;
}

export function readPaging(query: URLSearchParams, maxLimit: number, defaultLimit = 50): Paging | ParamProblem {
  const limit = query.has('limit') ? Number(query.get('limit')) : defaultLimit;
  const page = query.has('page') ? Number(query.get('page')) : 1;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    return { path: 'limit', detail: `limit must be an integer from 1 to ${maxLimit}` };
  }
  if (!Number.isInteger(page) || page < 1) return { path: 'page', detail: 'page must be a positive integer' };
  return { limit, page };
}

export function isProblem(value: Paging | ParamProblem): value is ParamProblem {
  return 'detail' in value;
}

/** Every value given for `name`, in any of PHP's array spellings or as a comma list. */
export function paramValues(query: URLSearchParams, name: string): string[] {
  const values: string[] = [];
  const indexed = new RegExp(`^${escapeRegExp(name)}\\[\\d*\\]$`);
  for (const [key, value] of query) {
    if (key === name || indexed.test(key)) values.push(...value.split(','));
  }
  return values.map((value) => value.trim()).filter((value) => value !== '');
}

/** A `[from]`/`[to]` range (inclusive), and a bare `name=T` apart: endpoints read it differently. */
export function paramRange(
  query: URLSearchParams,
  name: string,
): { from: number | null; to: number | null; bare: number | null } | ParamProblem {
  const read = (key: string): number | null | ParamProblem => {
    const raw = query.get(key);
    if (raw === null || raw === '') return null;
    const value = Number(raw);
    return Number.isInteger(value) ? value : { path: key, detail: `${key} must be Unix seconds` };
  };
  const from = read(`${name}[from]`);
  const to = read(`${name}[to]`);
  const bare = read(name);
  for (const part of [from, to, bare]) if (part !== null && typeof part === 'object') return part;
  return { from: from as number | null, to: to as number | null, bare: bare as number | null };
}

export function isRangeProblem(value: object): value is ParamProblem {
  return 'detail' in value;
}

/** `_links` for page `page` of a list: `next` whenever the page is full, as amoCRM does. */
export function pageLinks(
  baseUrl: string,
  path: string,
  query: URLSearchParams,
  paging: Paging,
  pageIsFull: boolean,
): Record<string, { href: string }> {
  const link = (n: number) => {
    const params = new URLSearchParams(query);
    params.set('page', String(n));
    params.set('limit', String(paging.limit));
    return { href: `${baseUrl}${path}?${params.toString()}` };
  };
  const links: Record<string, { href: string }> = { self: link(paging.page), first: link(1) };
  if (pageIsFull) links['next'] = link(paging.page + 1);
  if (paging.page > 1) links['prev'] = link(paging.page - 1);
  return links;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
