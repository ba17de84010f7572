/**
 * Connecting each way (long-lived token, authorization code, consent flow), keeping an
 * OAuth sign-in alive with single-use refresh tokens, following a renamed account, and
 * what the user may export.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OpenConsentWindow } from '../../../src/main/crm/consent';
import { parseCredentials } from '../../../src/main/crm/credentials';
import { accountTokenKey } from '../../../src/main/secrets/secret-store';
import { crmSnapshot, mirrorSnapshot, syncWorld } from './sync-world';

let world: Awaited<ReturnType<typeof syncWorld>> | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

/** A stand-in for the browser window: follows the consent page's redirect, as a user clicking "Allow" would. */
const approvingWindow: OpenConsentWindow = async (url) => {
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (!location) throw new Error(`the consent page did not redirect (${response.status})`);
  return location;
};

describe('connecting', () => {
  it('with an authorization code: tokens exchanged, stored, and refreshed when they expire', async () => {
    let clock = Math.floor(Date.now() / 1000);
    world = await syncWorld({ accessTokenTtlSeconds: 3600, clock: () => clock }, { now: () => clock * 1000 });
    const { sandbox, call, secrets } = world;
    const account = await call('addAccountWithCode', {
      baseUrl: sandbox.baseUrl,
      code: sandbox.issueAuthorizationCode(),
      ...sandbox.oauth,
    });
    expect(account).toMatchObject({ id: sandbox.accountId, authKind: 'oauth', exportRight: 'all', isAdmin: true });
    const stored = parseCredentials((await secrets.get(accountTokenKey(account.id))) as string, 'x');
    expect(stored.kind).toBe('oauth');

    // Two hours later the access token is dead: the sync refreshes first, once, and saves the new pair.
    clock += 7200;
    await call('syncAccounts', {});
    const refreshed = parseCredentials((await secrets.get(accountTokenKey(account.id))) as string, 'x');
    expect(
      refreshed.kind === 'oauth' && stored.kind === 'oauth' && refreshed.refreshToken !== stored.refreshToken,
    ).toBe(true);
    expect(mirrorSnapshot(world.dataDir, sandbox.accountId)).toEqual(crmSnapshot(sandbox));

    // Someone else spent the refresh token (it works once, for everyone): reconnect, in words.
    sandbox.revokeRefreshTokens();
    clock += 7200;
    const error = await call('syncAccounts', {}).catch((e: unknown) => e as { code: string; message: string });
    expect(error).toMatchObject({ code: 'AUTH_REJECTED' });
    expect((error as { message: string }).message).toMatch(/[Cc]onnect the account again/);
  });

  it('refuses a used authorization code', async () => {
    world = await syncWorld();
    const code = world.sandbox.issueAuthorizationCode();
    await world.call('addAccountWithCode', { baseUrl: world.sandbox.baseUrl, code, ...world.sandbox.oauth });
    expect(
      await world.codeOf(
        world.call('addAccountWithCode', { baseUrl: world.sandbox.baseUrl, code, ...world.sandbox.oauth }),
      ),
    ).toBe('AUTH_REJECTED');
  });

  it('through the consent page, with a random state checked on return', async () => {
    world = await syncWorld({ autoApprove: true }, { openConsentWindow: approvingWindow });
    const account = await world.call('connectWithOAuth', {
      product: 'custom',
      consentBaseUrl: world.sandbox.baseUrl,
      ...world.sandbox.oauth,
    });
    expect(account).toMatchObject({ id: world.sandbox.accountId, authKind: 'oauth' });

    // A window that hands back someone else's redirect (another state) is refused.
    const forged: OpenConsentWindow = async (url) =>
      (await approvingWindow(url, '')).replace(/state=[^&]+/, 'state=forged');
    const second = await syncWorld({ autoApprove: true }, { openConsentWindow: forged });
    try {
      expect(
        await second.codeOf(
          second.call('connectWithOAuth', {
            product: 'custom',
            consentBaseUrl: second.sandbox.baseUrl,
            ...second.sandbox.oauth,
          }),
        ),
      ).toBe('AUTH_REJECTED');
      expect(await second.call('listAccounts', {})).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('follows an account whose subdomain was renamed, keyed on the account id', async () => {
    world = await syncWorld();
    const { sandbox, call } = world;
    await call('addAccountWithCode', {
      baseUrl: sandbox.baseUrl,
      code: sandbox.issueAuthorizationCode(),
      ...sandbox.oauth,
    });
    await call('syncAccounts', {});
    const oldBase = sandbox.baseUrl;
    const newBase = sandbox.renameSubdomain();
    expect(newBase).not.toBe(oldBase);
    sandbox.editContact(sandbox.contactIds()[0] as number, { name: 'После переименования' });
    await call('syncAccounts', {});
    const [account] = await call('listAccounts', {});
    expect(account).toMatchObject({ id: sandbox.accountId, baseUrl: newBase });
    expect(mirrorSnapshot(world.dataDir, sandbox.accountId)).toEqual(crmSnapshot(sandbox));
  });
});

describe('rights (R7)', () => {
  it('an admin sees its export right; a non-admin gets "unknown" (amoCRM answers 403) and is told why', async () => {
    world = await syncWorld();
    const admin = await world.connectAdmin();
    expect(admin).toMatchObject({ exportRight: 'all', isAdmin: true });

    const manager = await syncWorld({ seed: 'rights-manager' });
    try {
      const account = await manager.call('addAccountWithToken', {
        baseUrl: manager.sandbox.baseUrl,
        token: manager.sandbox.tokens['responsible'] as string,
      });
      expect(account).toMatchObject({ exportRight: 'unknown', isAdmin: null });
      // The sync goes on regardless: the fallback is applied at export.
      const result = await manager.call('syncAccounts', {});
      expect(result.accounts[0]?.contacts).toBe(1200);
    } finally {
      await manager.close();
    }
  });
});
