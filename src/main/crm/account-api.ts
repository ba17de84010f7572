/** Reading who the token belongs to: `GET /api/v4/account`. */
import { AppError } from '../../shared/errors';
import { type AmoHttpOptions, amoGet } from './amo-http';
import { wireAccountSchema } from './wire';

export interface CrmAccountInfo {
  readonly id: number;
  readonly name: string;
  readonly subdomain: string;
  readonly currentUserId: number;
  readonly country: string | null;
}

export async function fetchAccountInfo(http: AmoHttpOptions): Promise<CrmAccountInfo> {
  const host = new URL(http.baseUrl).host;
  const result = await amoGet(http, '/api/v4/account', { with: 'users_groups' });
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
  return {
    id: account.id,
    name: account.name,
    subdomain: account.subdomain,
    currentUserId: account.current_user_id,
    country: account.country ?? null,
  };
}
