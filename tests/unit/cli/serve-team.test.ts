/**
 * `amo-phonebook serve --team <account>` as an office machine runs it: the real CLI in its own
 * process pulls the account, serves it to the team, prints the invitation (with --json, in its
 * one line), and syncs on a timer; a colleague's app (a core service here) joins with that
 * invitation and pulls from it. Stopped, nothing listens any more.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../../src/main/sandbox/server';
import { sandboxUserByKey } from '../../../src/main/sandbox/users';
import { createMemorySecretStore } from '../../../src/main/secrets/file-secret-store';
import { createCoreService } from '../../../src/main/service';
import { readInvitation } from '../../../src/shared/team-invitation';
import { addAccountWithToken, startCliServer } from '../../helpers/cli';
import { consentAs } from '../../helpers/consent-as';
import { tempDir } from '../../helpers/temp-dir';
import { mirrorSnapshot } from '../sync/sync-world';

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ contacts: 1500, seed: 'serve-team', rateLimit: 0 });
});
afterAll(() => sandbox.close());

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('serve --team', () => {
  it('serves the account to a colleague, keeps it in step, and stops listening when stopped', async () => {
    const dataDir = tempDir();
    expect((await addAccountWithToken(dataDir, sandbox.baseUrl, sandbox.tokens['admin'] as string)).code).toBe(0);
    const served = startCliServer([
      '--data-dir',
      dataDir,
      '--json',
      'serve',
      '--port',
      '0',
      '--team',
      String(sandbox.accountId),
      '--team-address',
      '127.0.0.1',
      '--sync-every',
      '1',
      '--client-id',
      sandbox.oauth.clientId,
      '--client-secret',
      sandbox.oauth.clientSecret,
      '--redirect-uri',
      sandbox.oauth.redirectUri,
    ]);
    try {
      const line = JSON.parse(await served.firstLine) as {
        team: { url: string; fingerprint: string; invitation: string };
      };
      expect(readInvitation(line.team.invitation).teamMirror).toEqual({
        url: line.team.url,
        fingerprint: line.team.fingerprint,
      });

      const colleagueDir = tempDir();
      const colleague = createCoreService({
        dataDir: colleagueDir,
        face: 'cli',
        secrets: createMemorySecretStore(),
        requestsPerSecond: 1000,
        openConsentWindow: consentAs('responsible'),
      });
      try {
        await colleague.api.connectWithInvitation({ invitation: line.team.invitation });
        const pages = sandbox.contactPageRequests();
        await colleague.api.syncAccounts({});
        expect(sandbox.contactPageRequests()).toBe(pages);
        const irina = sandboxUserByKey('responsible')?.id;
        const own = sandbox.contactIds().filter((id) => sandbox.liveContact(id)?.responsible_user_id === irina);
        expect([...mirrorSnapshot(colleagueDir, sandbox.accountId).keys()].sort()).toEqual(own.sort());

        // An edit in amoCRM reaches the colleague through the team mirror's own timer.
        sandbox.editContact(own[0] as number, { name: 'Изменено в amoCRM' });
        await expect
          .poll(
            async () => {
              await colleague.api.syncAccounts({});
              return mirrorSnapshot(colleagueDir, sandbox.accountId).get(own[0] as number) ?? '';
            },
            { timeout: 20_000, interval: 500 },
          )
          .toMatch(/^Изменено в amoCRM#/);
      } finally {
        await colleague.close();
      }
      const port = Number(new URL(line.team.url).port);
      expect(await listening(port)).toBe(true);
      await served.stop();
      expect(await listening(port)).toBe(false);
    } finally {
      await served.stop();
    }
  });
});
