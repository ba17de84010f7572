/**
 * What the user may export (R7), from `GET /api/v4/users/{id}?with=role,group`.
 *
 * Only administrators may read users; for anyone else amoCRM answers 403, and then the
 * rights are reported as unknown (the export side falls back to "only contacts where I am
 * responsible", and says why). Any other failure is a real error.
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { RightLetter, UserRights } from '../model/rights';
import { type AmoHttpOptions, amoGet } from './amo-http';
import { halPageSchema } from './wire';

const letter = z.enum(['A', 'G', 'M', 'D', 'L']);
const userSchema = z
  .object({
    id: z.number(),
    rights: z
      .object({
        contacts: z.object({ export: letter.optional(), view: letter.optional() }).passthrough().optional(),
        is_admin: z.boolean().optional(),
        group_id: z.number().nullish(),
      })
      .passthrough(),
  })
  .passthrough();

export async function fetchUserRights(http: AmoHttpOptions, userId: number): Promise<UserRights> {
  const host = new URL(http.baseUrl).host;
  let answer: Awaited<ReturnType<typeof amoGet>>;
  try {
    answer = await amoGet(http, `/api/v4/users/${userId}`, { with: 'role,group' });
  } catch (error) {
    if (error instanceof AppError && error.code === 'FORBIDDEN') return { known: false, reason: 'not-admin' };
    throw error;
  }
  const parsed = answer.status === 200 ? userSchema.safeParse(answer.body) : null;
  if (!parsed?.success)
    throw new AppError('BAD_RESPONSE', `${host} sent no usable rights for user ${userId}`, { host });
  return rightsOf(parsed.data);
}

const usersPageSchema = halPageSchema('users', userSchema);

/**
 * Every user's rights in one listing (`GET /api/v4/users`, administrators only): what a team
 * mirror serves its colleagues by, one request for the whole team instead of one each.
 */
export async function fetchEveryonesRights(http: AmoHttpOptions): Promise<Map<number, UserRights>> {
  const host = new URL(http.baseUrl).host;
  const rights = new Map<number, UserRights>();
  for (let page = 1; page <= 100; page++) {
    const answer = await amoGet(http, '/api/v4/users', { limit: '250', page: String(page) });
    if (answer.status === 204) break;
    const parsed = usersPageSchema.safeParse(answer.body);
    if (!parsed.success) throw new AppError('BAD_RESPONSE', `${host} sent a malformed list of users`, { host });
    for (const user of parsed.data._embedded.users) rights.set(user.id, rightsOf(user));
    if (!parsed.data._links?.next) break;
  }
  return rights;
}

function rightsOf(user: z.infer<typeof userSchema>): UserRights {
  const { rights } = user;
  const exportRight = rights.contacts?.export;
  const viewRight = rights.contacts?.view;
  return {
    known: true,
    // Export needs view (amoCRM lowers a right that contradicts its prerequisite); 'L' is catalogs only.
    exportLetter: weaker(
      exportRight === 'L' || exportRight === undefined ? 'D' : exportRight,
      viewRight === 'L' || viewRight === undefined ? 'A' : viewRight,
    ),
    isAdmin: rights.is_admin ?? false,
    groupId: rights.group_id ?? null,
  };
}

const strength: Readonly<Record<RightLetter, number>> = { A: 3, G: 2, M: 1, D: 0 };

function weaker(a: RightLetter, b: RightLetter): RightLetter {
  return strength[a] <= strength[b] ? a : b;
}
