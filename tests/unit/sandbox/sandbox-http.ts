/** Small fetch helpers for the sandbox tests: every test talks to it over real HTTP. */
import type { SandboxHandle } from '../../../src/main/sandbox/server';

export interface Answer {
  status: number;
  contentType: string;
  text: string;
  /** The body parsed as JSON; undefined when it is empty or not JSON. */
  json: unknown;
}

export async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json };
}

/** GET `path` on the sandbox with a bearer token (the admin's unless given). */
export function apiGet(sandbox: SandboxHandle, path: string, token = sandbox.tokens['admin']): Promise<Answer> {
  return call(
    `${sandbox.baseUrl}${path}`,
    token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } },
  );
}

export interface Page<T> {
  _page: number;
  _links: Record<string, { href: string } | undefined>;
  _embedded: Record<string, T[]>;
}

/** Every item of a HAL list, page by page until 204. */
export async function allItems<T>(sandbox: SandboxHandle, path: string, key: string, token?: string): Promise<T[]> {
  const items: T[] = [];
  const separator = path.includes('?') ? '&' : '?';
  for (let page = 1; ; page++) {
    const answer = await apiGet(sandbox, `${path}${separator}page=${page}`, token);
    if (answer.status === 204) return items;
    if (answer.status !== 200) throw new Error(`${path} page ${page}: ${answer.status} ${answer.text}`);
    items.push(...((answer.json as Page<T>)._embedded[key] ?? []));
  }
}

export interface ContactRow {
  id: number;
  name: string;
  first_name: string;
  last_name: string;
  updated_at: number;
  created_at: number;
  responsible_user_id: number;
  group_id: number;
  custom_fields_values:
    | { field_id: number; field_code: string; values: { value: string; enum_id?: number; enum_code?: string }[] }[]
    | null;
}
