/**
 * The team mirror's one question to amoCRM per colleague session: whose sign-in is this, and
 * what may they export? Who: `GET /api/v4/account` with the colleague's own token (amoCRM
 * answers 401 for a wrong or revoked one, and names the account, which must be the one this
 * team mirror serves). What: their rights, read with the team mirror's own sign-in (an
 * administrator's: only administrators may read users), as the export reads them (R7).
 * Rights that cannot be read count as "only their own contacts", the export's own fallback.
 */
import { AppError } from '../../shared/errors';
import { fetchAccountInfo } from '../crm/account-api';
import type { AmoHttpOptions } from '../crm/amo-http';
import { fetchUserRights } from '../crm/rights-api';
import type { Colleague, SignInCheck } from './colleague-sessions';

export interface AmoSignInCheckOptions {
  /** The account this team mirror serves. */
  readonly accountId: number;
  /** How to ask amoCRM with a colleague's token (the account's address and limiter). */
  readonly asColleague: (token: string) => AmoHttpOptions;
  /** How to ask amoCRM as the team mirror itself. */
  readonly asTeamMirror: () => Promise<AmoHttpOptions>;
}

export function amoSignInCheck(options: AmoSignInCheckOptions): SignInCheck {
  return async (token): Promise<Colleague> => {
    const info = await fetchAccountInfo(options.asColleague(token));
    if (info.id !== options.accountId) {
      throw new AppError('FORBIDDEN', 'This sign-in belongs to another amoCRM account than the team mirror serves', {
        accountId: info.id,
      });
    }
    const rights = await fetchUserRights(await options.asTeamMirror(), info.currentUserId);
    return rights.known
      ? {
          userId: info.currentUserId,
          exportLetter: rights.exportLetter,
          groupId: rights.groupId,
          isAdmin: rights.isAdmin,
        }
      : { userId: info.currentUserId, exportLetter: 'M', groupId: null, isAdmin: false };
  };
}
