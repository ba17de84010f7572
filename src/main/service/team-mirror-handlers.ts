/**
 * This computer as the team mirror (issue 21, item 3): start, stop and report the HTTPS server
 * of team/team-server.ts for one account, with its certificate kept in the data folder (the
 * fingerprint in every invitation stays valid from one start to the next) and the sign-in
 * check that asks amoCRM who each colleague is (team/amo-sign-in-check.ts).
 *
 * The mirror it serves is this app's own, kept in step by its usual syncs (the events API
 * after the first pull): the window's sync, or `serve --team`'s, which syncs on a timer.
 */
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiParsedInput } from '../../shared/api/schemas';
import type { TeamMirrorStatus } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import type { VerbGroup } from '../api/registry';
import { staticAuth } from '../crm/account-auth';
import { fetchEveryonesRights } from '../crm/rights-api';
import { preferRemembered, rankLanAddresses } from '../delivery/handoff/lan-addresses';
import { writeFileAtomically } from '../lib/atomic-write';
import { getAccount } from '../mirror/accounts-repo';
import type { MirrorDb } from '../mirror/mirror-db';
import { amoSignInCheck, freshFor } from '../team/amo-sign-in-check';
import { createColleagueSessions } from '../team/colleague-sessions';
import { isUsableCertificate, makeTeamCertificate, type TeamCertificate } from '../team/self-signed-certificate';
import { startTeamServer } from '../team/team-server';
import { connectionFor } from './connection';
import type { RunningTeamMirror, ServiceContext } from './context';

async function startTeamMirror(
  ctx: ServiceContext,
  { accountId, address, port }: ApiParsedInput<'startTeamMirror'>,
): Promise<TeamMirrorStatus> {
  const account = getAccount(ctx.db, accountId);
  if (!account) throw new AppError('NOT_FOUND', `No connected account has id ${accountId}`, { accountId });
  if (account.isDemo) throw new AppError('INVALID_INPUT', 'The demo account has no team to serve');
  // It must see every contact and read every colleague's rights: only an administrator can.
  if (account.isAdmin !== true) {
    throw new AppError(
      'INVALID_INPUT',
      "Only an administrator's sign-in can serve the team: connect the account as an amoCRM administrator on this computer",
    );
  }
  if (account.teamMirror) {
    throw new AppError('INVALID_INPUT', 'This computer pulls this account from a team mirror itself: it cannot be one');
  }
  await stopTeamMirror(ctx);
  const certificate = await teamCertificate(ctx.dataDir);
  const sessions = createColleagueSessions({
    now: ctx.now,
    check: amoSignInCheck({
      accountId,
      asColleague: (token) => ({
        ...ctx.httpTuning,
        baseUrl: account.baseUrl,
        auth: staticAuth(token),
        limiter: ctx.limiterFor(account.baseUrl),
        maxRetries: 1,
      }),
      // Read afresh at most every 10 s: a sync reads its rights at its start (R7), and twenty
      // colleagues signing in at once share one request.
      everyonesRights: freshFor(10_000, ctx.now, async () =>
        fetchEveryonesRights(await connectionFor(ctx, account, undefined, 'amocrm')),
      ),
    }),
  });
  const server = await startTeamServer({
    db: ctx.db,
    accountId,
    sessions,
    certificate,
    host: address ?? officeAddress(ctx),
    port: port ?? 0,
    log: ctx.handoffs.log,
  });
  markServed(ctx.db, accountId, server.url, ctx.now());
  ctx.teamMirror.running = { accountId, server, sessions, fingerprint: certificate.fingerprint };
  return statusOf(ctx.teamMirror.running);
}

async function stopTeamMirror(ctx: ServiceContext): Promise<{ stopped: boolean }> {
  const running = ctx.teamMirror.running;
  if (!running) return { stopped: false };
  ctx.teamMirror.running = null;
  await running.server.close();
  return { stopped: true };
}

function statusOf(running: RunningTeamMirror): TeamMirrorStatus {
  return {
    accountId: running.accountId,
    url: running.server.url,
    fingerprint: running.fingerprint,
    colleagues: running.sessions.size(),
    answered: running.server.answered(),
  };
}

export function teamMirrorStatus(ctx: ServiceContext): TeamMirrorStatus | null {
  return ctx.teamMirror.running ? statusOf(ctx.teamMirror.running) : null;
}

/** Closing the core closes the server: nothing listens after the app is gone. */
export async function closeTeamMirror(ctx: ServiceContext): Promise<void> {
  await stopTeamMirror(ctx);
}

/** The address the phone handoff would use: the office network's, as the person chose it. */
function officeAddress(ctx: ServiceContext): string {
  const { handoffs } = ctx;
  const [best] = preferRemembered(
    rankLanAddresses(handoffs.networkInterfaces()),
    handoffs.settings.read().handoffAddresses,
  );
  if (!best) {
    throw new AppError(
      'NO_LAN_ADDRESS',
      'This computer is on no office network: colleagues could not reach a team mirror',
    );
  }
  return best.address;
}

/**
 * Departures are written for this account from now on (migration 0014); older ones of
 * accounts no longer here, and those past 90 days, go.
 */
function markServed(db: MirrorDb, accountId: number, url: string, nowMs: number): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO team_mirror_accounts (account_id, enabled_at, url) VALUES (?, ?, ?)
       ON CONFLICT (account_id) DO UPDATE SET url = excluded.url`,
    ).run(accountId, Math.floor(nowMs / 1000), url);
    db.prepare(
      `DELETE FROM contact_departures WHERE account_id NOT IN (SELECT id FROM accounts)
         OR stamp < (SELECT coalesce(max(watermark), 0) FROM sync_state) - 90 * 86400`,
    ).run();
  })();
}

/** The certificate kept in the data folder (key 0600), made once; a broken or expiring one is made again. */
async function teamCertificate(dataDir: string): Promise<TeamCertificate> {
  const certPath = join(dataDir, 'team-mirror-cert.pem');
  const keyPath = join(dataDir, 'team-mirror-key.pem');
  const [certPem, keyPem] = await Promise.all([
    readFile(certPath, 'utf8').catch(() => ''),
    readFile(keyPath, 'utf8').catch(() => ''),
  ]);
  if (certPem && keyPem && isUsableCertificate({ certPem, keyPem })) {
    return { certPem, keyPem, fingerprint: new X509Certificate(certPem).fingerprint256 };
  }
  const made = makeTeamCertificate();
  await writeFileAtomically(keyPath, made.keyPem);
  await writeFileAtomically(certPath, made.certPem);
  return made;
}

export const teamMirrorVerbs = {
  startTeamMirror,
  stopTeamMirror,
  getTeamMirror: async (ctx: ServiceContext) => teamMirrorStatus(ctx),
} satisfies VerbGroup<ServiceContext>;
