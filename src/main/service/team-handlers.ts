/**
 * The team set-up: an administrator's invitation for colleagues, and a colleague's sign-in
 * through it. The invitation carries the integration and the account's address, never a token
 * (src/shared/team-invitation.ts): each colleague signs in to amoCRM as themselves and gets
 * their own rights.
 */
import type { ApiParsedInput } from '../../shared/api/schemas';
import type { TeamInvitationMade } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import {
  InvitationError,
  productOfAccountUrl,
  readInvitation,
  type TeamInvitation,
  writeInvitation,
} from '../../shared/team-invitation';
import type { VerbGroup } from '../api/registry';
import { getAccount, listAccountSummaries, setTeamMirror } from '../mirror/accounts-repo';
import { signInThroughConsent } from './accounts-handlers';
import { loadCredentials } from './connection';
import type { CoreContext, ServiceContext } from './context';
import { teamMirrorStatus } from './team-mirror-handlers';

async function createTeamInvitation(
  ctx: ServiceContext,
  input: ApiParsedInput<'createTeamInvitation'>,
): Promise<TeamInvitationMade> {
  const account = getAccount(ctx.db, input.accountId);
  if (!account) {
    throw new AppError('NOT_FOUND', `No connected account has id ${input.accountId}`, { accountId: input.accountId });
  }
  if (account.isDemo) {
    throw new AppError(
      'INVALID_INPUT',
      'The demo account has no team: connect your own amoCRM account to invite colleagues',
    );
  }
  const stored = await loadCredentials(ctx, account);
  // An OAuth sign-in knows its integration; a long-lived token does not, so the form gives it.
  const known = stored.kind === 'oauth' ? stored : undefined;
  const clientId = input.clientId ?? known?.clientId;
  const clientSecret = input.clientSecret ?? known?.clientSecret;
  const redirectUri = input.redirectUri ?? known?.redirectUri;
  if (!clientId || !clientSecret || !redirectUri) {
    throw new AppError(
      'INVALID_INPUT',
      "this account was connected with a long-lived token: give the integration's id, secret key and redirect address (amoCRM: Settings, Integrations, your integration, Keys and scopes)",
    );
  }
  const product = productOfAccountUrl(account.baseUrl);
  const running = teamMirrorStatus(ctx);
  const teamMirror = running?.accountId === account.id ? running : null;
  const summary = listAccountSummaries(ctx.db).find((candidate) => candidate.id === account.id);
  const invitedBy = summary?.currentUserName ?? null;
  const invitation: TeamInvitation = {
    accountUrl: account.baseUrl,
    // An account on amoCRM's or Kommo's own hosts signs in on their consent site; any other
    // (the sandbox) serves its consent page itself.
    ...(product ? { product } : { product: 'custom', consentBaseUrl: account.baseUrl }),
    clientId,
    clientSecret,
    redirectUri,
    ...(invitedBy ? { invitedBy } : {}),
    // This computer's team mirror, while it serves this account: colleagues pull from it.
    ...(teamMirror ? { teamMirror: { url: teamMirror.url, fingerprint: teamMirror.fingerprint } } : {}),
  };
  return {
    link: writeInvitation(invitation),
    accountName: account.name,
    accountUrl: account.baseUrl,
    invitedBy,
    teamMirror,
  };
}

async function connectWithInvitation(ctx: CoreContext, input: ApiParsedInput<'connectWithInvitation'>) {
  let invitation: TeamInvitation;
  try {
    invitation = readInvitation(input.invitation);
  } catch (error) {
    if (!(error instanceof InvitationError)) throw error;
    // `context` picks the words: no invitation at all, a damaged one, one from a newer version.
    throw new AppError('INVITATION_INVALID', `That invitation cannot be used: ${error.message}`, {
      context: error.reason === 'damaged' ? '' : error.reason,
    });
  }
  const account = await signInThroughConsent(ctx, invitation, invitation.accountUrl, invitation.teamMirror ?? null);
  // Where to pull from from now on; an invitation without a team mirror means amoCRM itself.
  setTeamMirror(ctx.db, account.id, invitation.teamMirror ?? null);
  return account;
}

export const teamVerbs = { createTeamInvitation, connectWithInvitation } satisfies VerbGroup<ServiceContext>;
