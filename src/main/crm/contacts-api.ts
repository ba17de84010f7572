/**
 * Paging through `GET /api/v4/contacts`: 250 per page, until a 204 or a page without a
 * `next` link (which the API also sends before an empty page, so both end the loop).
 * The one filter used is by responsible user, and only where the account honours filters
 * (sync/pull-scope.ts): on most accounts a filter is silently ignored, so the caller checks
 * what came back.
 */
import { AppError } from '../../shared/errors';
import { type AmoHttpOptions, amoGet } from './amo-http';
import { type WireContact, wireContactSchema, wireContactsPageSchema } from './wire';

export const contactsPageSize = 250;
/** A runaway guard: 250 x 100,000 pages is far beyond any real account. */
const maxPages = 100_000;

export type ContactsOrder = 'id-asc' | 'updated-desc';

export interface ContactsPage {
  readonly page: number;
  readonly contacts: readonly WireContact[];
  /** The CRM's clock when it answered (Unix seconds), if it said. */
  readonly serverTime: number | null;
}

const orderParams: Readonly<Record<ContactsOrder, Record<string, string>>> = {
  'id-asc': { 'order[id]': 'asc' },
  'updated-desc': { 'order[updated_at]': 'desc' },
};

export interface ContactPagesRequest {
  readonly order: ContactsOrder;
  /** 1 unless a stopped pull resumes. */
  readonly fromPage?: number;
  /** `filter[responsible_user_id]`: only this user's contacts (if the account honours it). */
  readonly responsibleUserId?: number | null;
}

export async function* pullContactPages(
  http: AmoHttpOptions,
  request: ContactPagesRequest,
): AsyncGenerator<ContactsPage> {
  const host = new URL(http.baseUrl).host;
  const filter: Record<string, string> =
    request.responsibleUserId != null ? { 'filter[responsible_user_id]': String(request.responsibleUserId) } : {};
  for (let page = request.fromPage ?? 1; page <= maxPages; page++) {
    const result = await amoGet(http, '/api/v4/contacts', {
      limit: String(contactsPageSize),
      page: String(page),
      ...orderParams[request.order],
      ...filter,
    });
    if (result.status === 204) return;
    const parsed = wireContactsPageSchema.safeParse(result.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError(
        'BAD_RESPONSE',
        `${host} sent a malformed contacts page ${page} (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}); nothing from it was saved`,
        { host, page },
      );
    }
    yield { page, contacts: parsed.data._embedded.contacts, serverTime: result.serverTime };
    if (!parsed.data._links?.next) return;
  }
  throw new AppError('BAD_RESPONSE', `${host} kept sending pages past ${maxPages}`, { host });
}

/** One contact by id, or null when the CRM no longer has it (or no longer shows it to this user). */
export async function fetchContact(http: AmoHttpOptions, id: number): Promise<WireContact | null> {
  const host = new URL(http.baseUrl).host;
  let result: Awaited<ReturnType<typeof amoGet>>;
  try {
    result = await amoGet(http, `/api/v4/contacts/${id}`);
  } catch (error) {
    if (error instanceof AppError && error.params['status'] === 404) return null;
    throw error;
  }
  if (result.status === 204) return null;
  const parsed = wireContactSchema.safeParse(result.body);
  if (!parsed.success) throw new AppError('BAD_RESPONSE', `${host} sent a malformed contact ${id}`, { host });
  return parsed.data;
}
