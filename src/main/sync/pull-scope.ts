/**
 * Which contacts a first pull asks amoCRM for (issue 21, item 2). Someone who may export only
 * the contacts they are responsible for (R7 "if responsible", or rights unknown, which the
 * export treats the same way) needs no others in the mirror; asking for theirs alone
 * (`filter[responsible_user_id]`) makes a team of twenty scan the account about once between
 * them instead of twenty times. Only where the account honours API filters: elsewhere amoCRM
 * ignores a filter without a word, and the pull checks that it was honoured all the same.
 */
import type { UserRights } from '../model/rights';

export interface ScopeInputs {
  readonly currentUserId: number;
  readonly apiFilterEnabled: boolean;
}

/** The responsible user to filter the first pull by, or null: every contact the user sees. */
export function pullScopeFor(account: ScopeInputs, rights: UserRights): number | null {
  if (!account.apiFilterEnabled) return null;
  const ownOnly = !rights.known || rights.exportLetter === 'M';
  return ownOnly ? account.currentUserId : null;
}

/**
 * Whether a mirror pulled for `pulledFor` lacks contacts the user may export now: its pull was
 * filtered for someone, and the rights have since widened (or the sign-in is another user's).
 */
export function mirrorTooNarrow(pulledFor: number | null, wanted: number | null): boolean {
  return pulledFor !== null && pulledFor !== wanted;
}

/** True when a page of a pull filtered for `userId` holds someone else's contact: the filter was ignored. */
export function filterWasIgnored(
  userId: number,
  contacts: ReadonlyArray<{ readonly responsible_user_id?: number | null | undefined }>,
): boolean {
  return contacts.some((contact) => contact.responsible_user_id !== userId);
}
