/**
 * A user's export right in an account (R7), as read from amoCRM (crm/rights-api.ts) and
 * stored (mirror/accounts-repo.ts).
 */

/** amoCRM's letters for the contacts "Export" right: all, group, mine, denied. */
export type RightLetter = 'A' | 'G' | 'M' | 'D';

export type UserRights =
  | {
      readonly known: true;
      readonly exportLetter: RightLetter;
      readonly isAdmin: boolean;
      readonly groupId: number | null;
    }
  | { readonly known: false; readonly reason: 'not-admin' };
