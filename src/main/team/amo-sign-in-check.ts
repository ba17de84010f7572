/**
 * The team mirror's question to amoCRM for a colleague: whose sign-in is this, and what may
 * they export? Who: `GET /api/v4/account` with the colleague's own token (amoCRM answers 401
 * for a wrong or revoked one, and names the account, which must be the one this team mirror
 * serves). What: their rights, from the list of every user's rights that the team mirror reads
 * with its own (an administrator's) sign-in, one request for the whole team, as the export
 * reads them (R7). Rights that cannot be read count as "only their own contacts", the
 * export's own fallback.
 */
import { AppError } from '../../shared/errors';
import { fetchAccountInfo } from '../crm/account-api';
import type { AmoHttpOptions } from '../crm/amo-http';
import type { UserRights } from '../model/rights';
import type { Colleague, SignInCheck } from './colleague-sessions';

export interface AmoSignInCheckOptions {
  /** The account this team mirror serves. */
  readonly accountId: number;
  /** How to ask amoCRM with a colleague's token (the account's address and limiter). */
  readonly asColleague: (token: string) => AmoHttpOptions;
  /** Every user's rights, as amoCRM says them now (the caller keeps them a few seconds: freshRights). */
  readonly everyonesRights: () => Promise<ReadonlyMap<number, UserRights>>;
}

export function amoSignInCheck(options: AmoSignInCheckOptions): SignInCheck {
  return async (token): Promise<Colleague> => {
    const info = await fetchAccountInfo(options.asColleague(token));
    if (info.id !== options.accountId) {
      throw new AppError('FORBIDDEN', 'This sign-in belongs to another amoCRM account than the team mirror serves', {
        accountId: info.id,
      });
    }
    const rights = (await options.everyonesRights()).get(info.currentUserId);
    return rights?.known
      ? {
          userId: info.currentUserId,
          exportLetter: rights.exportLetter,
          groupId: rights.groupId,
          isAdmin: rights.isAdmin,
        }
      : { userId: info.currentUserId, exportLetter: 'M', groupId: null, isAdmin: false };
  };
}

/**
 * `load`, kept for `ms` and shared by everyone asking meanwhile (twenty colleagues who sign in
 * at once are one request); a failure is not kept.
 */
export function freshFor<T>(ms: number, now: () => number, load: () => Promise<T>): () => Promise<T> {
  let kept: { promise: Promise<T>; at: number } | null = null;
  return () => {
    if (kept && now() - kept.at < ms) return kept.promise;
    const promise = load();
    const entry = { promise, at: now() };
    kept = entry;
    promise.catch(() => {
      if (kept === entry) kept = null;
    });
    return promise;
  };
}
