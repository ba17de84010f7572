/**
 * Reading who the token belongs to, and whether the account honours API filters:
 * `GET /api/v4/account?with=users_groups,is_api_filter_enabled`.
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { type AmoHttpOptions, amoGet } from './amo-http';
import { wireAccountSchema } from './wire';

export interface CrmAccountInfo {
  readonly id: number;
  readonly name: string;
  readonly subdomain: string;
  readonly currentUserId: number;
  readonly country: string | null;
  readonly groups: ReadonlyArray<{ readonly id: number; readonly name: string }>;
  /**
   * amoCRM's support switched API filtering on for this account: `filter[...]` is honoured.
   * Elsewhere a filter is silently ignored (reference s.4), so nothing may rely on it.
   */
  readonly apiFilterEnabled: boolean;
}

const groupsSchema = z.object({
  _embedded: z
    .object({ users_groups: z.array(z.object({ id: z.number(), name: z.string() }).passthrough()) })
    .passthrough(),
});

export async function fetchAccountInfo(http: AmoHttpOptions): Promise<CrmAccountInfo> {
  const host = new URL(http.baseUrl).host;
  const result = await amoGet(http, '/api/v4/account', { with: 'users_groups,is_api_filter_enabled' });
  if (result.status !== 200) {
    throw new AppError('BAD_RESPONSE', `${host} sent no account information`, { host });
  }
  const parsed = wireAccountSchema.safeParse(result.body);
  if (!parsed.success) {
    throw new AppError('BAD_RESPONSE', `${host} does not answer like amoCRM (the account data has the wrong shape)`, {
      host,
    });
  }
  const account = parsed.data;
  const groups = groupsSchema.safeParse(result.body);
  return {
    id: account.id,
    name: account.name,
    subdomain: account.subdomain,
    currentUserId: account.current_user_id,
    country: account.country ?? null,
    groups: groups.success ? groups.data._embedded.users_groups.map(({ id, name }) => ({ id, name })) : [],
    apiFilterEnabled: account.is_api_filter_enabled === true,
  };
}
