/**
 * Paging through `GET /api/v4/contacts`: 250 per page, until a 204 or a page without a
 * `next` link (which the API also sends before an empty page, so both end the loop).
 */
import { AppError } from '../../shared/errors';
import { type AmoHttpOptions, amoGet } from './amo-http';
import { type WireContact, wireContactsPageSchema } from './wire';

export const contactsPageSize = 250;
/** A runaway guard: 250 x 100,000 pages is far beyond any real account. */
const maxPages = 100_000;

export interface ContactsPage {
  readonly page: number;
  readonly contacts: readonly WireContact[];
}

export async function* pullAllContacts(http: AmoHttpOptions): AsyncGenerator<ContactsPage> {
  const host = new URL(http.baseUrl).host;
  for (let page = 1; page <= maxPages; page++) {
    const result = await amoGet(http, '/api/v4/contacts', {
      limit: String(contactsPageSize),
      page: String(page),
      'order[id]': 'asc',
    });
    if (result.status === 204) return;
    const parsed = wireContactsPageSchema.safeParse(result.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError(
        'BAD_RESPONSE',
        `${host} sent a malformed contacts page ${page} (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'})`,
        { host, page },
      );
    }
    yield { page, contacts: parsed.data._embedded.contacts };
    if (!parsed.data._links?.next) return;
  }
  throw new AppError('BAD_RESPONSE', `${host} kept sending pages past ${maxPages}`, { host });
}
