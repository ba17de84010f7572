/**
 * Deletions come from the events feed (`GET /api/v4/events`): the contacts list simply
 * stops returning a deleted contact, so nothing else tells us. Events filters work for
 * every account (unlike contact filters), and results are limited to what the user may see.
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { type AmoHttpOptions, amoGet } from './amo-http';
import { halPageSchema } from './wire';

/** What the sync reads of the feed: deletions, restorations, and changes of responsible user. */
const wantedTypes = ['contact_deleted', 'contact_restored', 'entity_responsible_changed'] as const;
export type ContactEventType = (typeof wantedTypes)[number];

export interface ContactEvent {
  /** ULID-like: sorts in the order the events happened, also within one second. */
  readonly id: string;
  readonly type: ContactEventType;
  readonly contactId: number;
  /** The CRM's Unix seconds. */
  readonly createdAt: number;
}

const pageSchema = halPageSchema(
  'events',
  z
    .object({
      id: z.union([z.string(), z.number()]),
      type: z.string(),
      entity_id: z.number(),
      entity_type: z.string().optional(),
      created_at: z.number(),
    })
    .passthrough(),
);

const maxPages = 1000;

/**
 * Deletions, restorations and changes of responsible user of contacts since `from`
 * (inclusive), oldest first. One request for the three: they cost a page, not three.
 */
export async function fetchContactDeletions(http: AmoHttpOptions, from: number): Promise<ContactEvent[]> {
  const host = new URL(http.baseUrl).host;
  const events: ContactEvent[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const answer = await amoGet(http, '/api/v4/events', {
      'filter[type]': wantedTypes.join(','),
      'filter[entity]': 'contact',
      'filter[created_at][from]': String(from),
      limit: '100',
      page: String(page),
    });
    if (answer.status === 204) break;
    const parsed = pageSchema.safeParse(answer.body);
    if (!parsed.success) throw new AppError('BAD_RESPONSE', `${host} sent a malformed events page`, { host });
    for (const event of parsed.data._embedded.events) {
      // Never trust a filter blindly: keep only what was asked for.
      if (isWantedType(event.type) && event.created_at >= from && (event.entity_type ?? 'contact') === 'contact') {
        events.push({
          id: String(event.id),
          type: event.type,
          contactId: event.entity_id,
          createdAt: event.created_at,
        });
      }
    }
    if (!parsed.data._links?.next) break;
  }
  return events.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function isWantedType(type: string): type is ContactEventType {
  return (wantedTypes as readonly string[]).includes(type);
}
