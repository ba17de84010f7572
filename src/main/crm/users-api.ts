/**
 * The account's users by name (`GET /api/v4/users`, paged), so the window can say who is
 * responsible for a contact and offer the responsible-user filter (R8) by name. Only
 * administrators may list users; for anyone else amoCRM answers 403 and the names stay
 * unknown (the window then shows user ids), which is not an error.
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { storableText } from '../lib/well-formed';
import type { CrmUser } from '../model/people';
import { type AmoHttpOptions, amoGet } from './amo-http';

const usersPageSchema = z
  .object({
    _embedded: z.object({
      users: z.array(
        z
          .object({
            id: z.number().int().positive(),
            name: z.string().nullish(),
            rights: z.object({ group_id: z.number().nullish() }).passthrough().nullish(),
          })
          .passthrough(),
      ),
    }),
    _links: z.object({ next: z.unknown().optional() }).passthrough().optional(),
  })
  .passthrough();

/** A guard against a server that never stops paging: 100 pages of 250 is beyond any account. */
const maxPages = 100;

export async function fetchUsers(http: AmoHttpOptions): Promise<CrmUser[] | null> {
  const host = new URL(http.baseUrl).host;
  const users: CrmUser[] = [];
  for (let page = 1; page <= maxPages; page++) {
    let result: Awaited<ReturnType<typeof amoGet>>;
    try {
      result = await amoGet(http, '/api/v4/users', { limit: '250', page: String(page) });
    } catch (error) {
      if (error instanceof AppError && error.code === 'FORBIDDEN') return null;
      throw error;
    }
    if (result.status === 204) return users;
    const parsed = usersPageSchema.safeParse(result.body);
    if (!parsed.success) throw new AppError('BAD_RESPONSE', `${host} sent a malformed users page ${page}`, { host });
    for (const user of parsed.data._embedded.users) {
      users.push({
        id: user.id,
        name: storableText(user.name ?? '').trim() || `#${user.id}`,
        groupId: user.rights?.group_id ?? null,
      });
    }
    if (!parsed.data._links?.next) return users;
  }
  throw new AppError('BAD_RESPONSE', `${host} kept sending users pages past ${maxPages}`, { host });
}
