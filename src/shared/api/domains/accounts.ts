/** Connecting amoCRM/Kommo accounts (a long-lived token, an authorization code, the consent page, the demo) and the rights each gives (R7). */
import { z } from 'zod';
import { accountIdSchema, empty } from './fields';
import { verb } from './verb';

/**
 * The contacts "export" right as amoCRM names it (R7): all, own group, only where the user
 * is responsible, denied; or unknown when the CRM would not tell us (non-admin users
 * cannot read their own rights) and the export side falls back to "only mine".
 */
export type ExportRight = 'all' | 'group' | 'responsible' | 'denied' | 'unknown';
export type AuthKind = 'long-lived' | 'oauth' | 'demo';

export interface AccountSummary {
  /** amoCRM's account id: the key of everything, since a subdomain can be renamed. */
  readonly id: number;
  readonly name: string;
  readonly subdomain: string;
  readonly baseUrl: string;
  readonly isDemo: boolean;
  readonly currentUserId: number;
  /** Who you are in the account, when the mirror knows the name (administrators list users). */
  readonly currentUserName: string | null;
  readonly authKind: AuthKind;
  readonly exportRight: ExportRight;
  /** True or false when known; null when the CRM did not say. */
  readonly isAdmin: boolean | null;
  readonly contactCount: number;
  readonly contactsWithPhone: number;
  /** Unix milliseconds of the last completed sync, or null before the first. */
  readonly lastSyncedAt: number | null;
}

/** An invitation for colleagues (src/shared/team-invitation.ts): never a token. */
export interface TeamInvitationMade {
  /** The one line a colleague pastes or opens: amo-phonebook://invite?... */
  readonly link: string;
  readonly accountName: string;
  readonly accountUrl: string;
  /** Who made it (the administrator's name in the account), when the mirror knows it. */
  readonly invitedBy: string | null;
  /** The team mirror the invitation names (this computer's, while it serves the account). */
  readonly teamMirror: TeamMirrorStatus | null;
}

/** This computer serving an account's mirror to the team (issue 21). */
export interface TeamMirrorStatus {
  readonly accountId: number;
  /** `https://<office address>:<port>`: what the invitation carries. */
  readonly url: string;
  /** SHA-256 of its certificate: what colleagues' apps trust it by. */
  readonly fingerprint: string;
  /** Colleagues whose sign-in it checked with amoCRM in the last half hour. */
  readonly colleagues: number;
  /** Answers with contacts data so far. */
  readonly answered: number;
}

/** The accounts verbs: each one's input schema and what it answers. */
export const accountsVerbs = {
  listAccounts: verb(empty).returns<readonly AccountSummary[]>(),
  addAccountWithToken: verb(
    z
      .object({
        baseUrl: z.string().trim().min(1).max(2048),
        token: z.string().trim().min(1).max(16_384),
      })
      .strict(),
  ).returns<AccountSummary>(),
  addAccountWithCode: verb(
    z
      .object({
        baseUrl: z.string().trim().min(1).max(2048),
        clientId: z.string().trim().min(1).max(200),
        clientSecret: z.string().trim().min(1).max(1000),
        code: z.string().trim().min(1).max(16_384),
        redirectUri: z.string().trim().min(1).max(2048),
      })
      .strict(),
  ).returns<AccountSummary>(),
  connectWithOAuth: verb(
    z
      .object({
        /** Which consent site: amoCRM (Russia), Kommo, or a custom one (the sandbox). */
        product: z.enum(['amocrm', 'kommo', 'custom']),
        consentBaseUrl: z.string().trim().min(1).max(2048).optional(),
        clientId: z.string().trim().min(1).max(200),
        clientSecret: z.string().trim().min(1).max(1000),
        redirectUri: z.string().trim().min(1).max(2048),
      })
      .strict(),
  ).returns<AccountSummary>(),
  completeOAuthConsent: verb(
    z
      .object({
        requestId: z.string().regex(/^[a-f0-9]{16}$/, 'a sign-in id'),
        /** The address amoCRM sent the browser to; absent: the person gave up. */
        redirectedTo: z.string().trim().min(1).max(8192).optional(),
      })
      .strict(),
  ).returns<{ readonly accepted: boolean }>(),
  connectDemoAccount: verb(empty).returns<AccountSummary>(),
  /**
   * The team set-up: an invitation to this account through its integration. The integration is
   * read from the account's OAuth sign-in; an account connected with a long-lived token gives it
   * here (its id, secret key and redirect address, from amoCRM's integration settings).
   */
  createTeamInvitation: verb(
    z
      .object({
        accountId: accountIdSchema,
        clientId: z.string().trim().min(1).max(200).optional(),
        clientSecret: z.string().trim().min(1).max(1000).optional(),
        redirectUri: z.string().trim().min(1).max(2048).optional(),
      })
      .strict(),
  ).returns<TeamInvitationMade>(),
  /** A colleague signs in as themselves through the invitation's integration and account. */
  connectWithInvitation: verb(
    z.object({ invitation: z.string().min(1).max(1_000_000) }).strict(),
  ).returns<AccountSummary>(),
  removeAccount: verb(z.object({ accountId: accountIdSchema }).strict()).returns<{ readonly removed: boolean }>(),
  /**
   * Serves this account's mirror to the team on the office network (issue 21): colleagues'
   * apps, given its address in the invitation, pull from it instead of amoCRM. Until stopped
   * or the app closes. The address is the one the phone handoff uses unless one is named.
   */
  startTeamMirror: verb(
    z
      .object({
        accountId: accountIdSchema,
        address: z.string().trim().min(1).max(100).optional(),
        port: z.number().int().min(0).max(65_535).optional(),
      })
      .strict(),
  ).returns<TeamMirrorStatus>(),
  stopTeamMirror: verb(empty).returns<{ readonly stopped: boolean }>(),
  getTeamMirror: verb(empty).returns<TeamMirrorStatus | null>(),
} as const;
