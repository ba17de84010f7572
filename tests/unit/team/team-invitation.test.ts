/**
 * The team set-up's invitation: read back exactly what was written, found inside any text
 * (a messenger line, a file with instructions), refused in words when it is not one. Then the
 * whole set-up on a sandbox over real HTTP: the administrator signs in through the consent page,
 * makes an invitation (which carries no token), and a colleague on another computer (another
 * data folder) signs in with it as themselves; a sign-in to another account is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../../src/main/sandbox/server';
import { sandboxUserByKey } from '../../../src/main/sandbox/users';
import { createMemorySecretStore } from '../../../src/main/secrets/file-secret-store';
import { createCoreService } from '../../../src/main/service';
import {
  InvitationError,
  readInvitation,
  type TeamInvitation,
  writeInvitation,
} from '../../../src/shared/team-invitation';
import { consentAs } from '../../helpers/consent-as';
import { tempDir } from '../../helpers/temp-dir';

const invitation: TeamInvitation = {
  accountUrl: 'https://acme.amocrm.ru',
  product: 'amocrm',
  clientId: '5f8b3c1e-0c1d-4e0e-9a55-1b2c3d4e5f60',
  clientSecret: 'S3cr3t&key=with?odd#chars+plus',
  redirectUri: 'https://acme.example/amocrm/callback?x=1',
  invitedBy: 'Иван Петров',
};

const reasonOf = (text: string) => {
  try {
    readInvitation(text);
    return 'read';
  } catch (error) {
    return error instanceof InvitationError ? error.reason : `not an InvitationError: ${String(error)}`;
  }
};

describe('the invitation line', () => {
  it('reads back exactly what was written, alone or inside a file of instructions', () => {
    const line = writeInvitation(invitation);
    expect(line).toMatch(/^amo-phonebook:\/\/invite\?v=1&/);
    expect(readInvitation(line)).toEqual(invitation);
    const file = `Приглашение в amo-phonebook\r\n\r\n1. Установите приложение.\n\n${line}\n\nНе пересылайте его.`;
    expect(readInvitation(file)).toEqual(invitation);
    // A messenger wraps the line in quotes or angle brackets of its own: still one line.
    expect(readInvitation(`«${line}»`.replace('»', ' »'))).toEqual(invitation);
  });

  it('a custom consent site (the sandbox) travels with it; http only on this computer', () => {
    const local = {
      ...invitation,
      accountUrl: 'http://127.0.0.1:4100',
      product: 'custom' as const,
      consentBaseUrl: 'http://127.0.0.1:4100',
    };
    expect(readInvitation(writeInvitation(local))).toEqual(local);
    expect(reasonOf(writeInvitation({ ...local, accountUrl: 'http://acme.amocrm.ru' }))).toBe('damaged');
    // A forged invitation cannot send a colleague to a look-alike sign-in page: a custom site only
    // on this computer, and amoCRM's or Kommo's product only for an account on their hosts.
    expect(
      reasonOf(
        writeInvitation({
          ...local,
          accountUrl: 'https://acme.amocrm.ru',
          consentBaseUrl: 'https://amocrm-login.example',
        }),
      ),
    ).toBe('damaged');
    expect(reasonOf(writeInvitation({ ...invitation, accountUrl: 'https://acme.amocrm.ru.evil.example' }))).toBe(
      'damaged',
    );
    expect(reasonOf(writeInvitation({ ...invitation, product: 'kommo' }))).toBe('damaged');
    expect(
      readInvitation(writeInvitation({ ...invitation, product: 'kommo', accountUrl: 'https://acme.kommo.com' }))
        .product,
    ).toBe('kommo');
  });

  it('carries a team mirror on the office network with its fingerprint, and refuses any other', () => {
    const fingerprint = 'AB:'.repeat(31) + 'AB';
    const withMirror = { ...invitation, teamMirror: { url: 'https://192.168.1.5:8443', fingerprint } };
    expect(readInvitation(writeInvitation(withMirror)).teamMirror).toEqual(withMirror.teamMirror);
    // Written without colons, in lower case: read back in the one form.
    const plainPrint = {
      ...invitation,
      teamMirror: { url: 'https://office-box.local:8443', fingerprint: 'ab'.repeat(32) },
    };
    expect(readInvitation(writeInvitation(plainPrint)).teamMirror?.fingerprint).toBe(fingerprint);
    // A colleague's sign-in goes to the team mirror: never to the internet, never in clear, never half-named.
    for (const [url, print] of [
      ['https://8.8.8.8:8443', fingerprint],
      ['https://mirror.example.com', fingerprint],
      ['https://172.32.0.1', fingerprint],
      ['http://192.168.1.5:8443', fingerprint],
      ['https://user:pw@192.168.1.5', fingerprint],
      ['https://192.168.1.5/elsewhere', fingerprint],
      ['https://192.168.1.5', 'AB:CD'],
      ['https://192.168.1.5', `${fingerprint}:EF`],
      ['https://192.168.1.5', ''],
      ['', fingerprint],
    ] as const) {
      const line =
        writeInvitation(invitation) + `&mirror=${encodeURIComponent(url)}&mirror_fp=${encodeURIComponent(print)}`;
      expect(reasonOf(line), `${url} ${print}`).toBe('damaged');
    }
    for (const host of [
      '10.1.2.3',
      '172.16.0.9',
      '172.31.255.1',
      '192.168.0.1',
      '169.254.3.4',
      '127.0.0.1',
      '[::1]',
      '[fd12::1]',
      '[fe80::1]',
    ]) {
      const line = writeInvitation({ ...invitation, teamMirror: { url: `https://${host}:9000`, fingerprint } });
      expect(readInvitation(line).teamMirror?.url, host).toBe(`https://${host}:9000`);
    }
  });

  it('refuses, with a reason the window turns into words, what is not a usable invitation', () => {
    const line = writeInvitation(invitation);
    // Tried: plain text, an amoCRM address, a truncated line, each field missing or hostile.
    expect(reasonOf('Привет! Вот ссылка на amoCRM: https://acme.amocrm.ru')).toBe('none');
    expect(reasonOf('')).toBe('none');
    expect(reasonOf(line.slice(0, line.indexOf('&secret')))).toBe('damaged');
    expect(reasonOf('amo-phonebook://invite')).toBe('damaged');
    expect(reasonOf(line.replace('v=1', 'v=2'))).toBe('otherVersion');
    for (const [field, value] of [
      ['account', 'javascript:alert(1)'],
      ['account', 'https://user:pass@acme.amocrm.ru'],
      ['redirect', 'file:///etc/passwd'],
      ['product', 'evil'],
      ['client_id', 'id\u0000with-nul'],
      ['secret', 'x'.repeat(1001)],
    ] as const) {
      const params = new URL(line.replace('amo-phonebook://invite', 'https://x.invalid/')).searchParams;
      params.set(field, value);
      expect(reasonOf(`amo-phonebook://invite?${params.toString()}`), `${field}=${value.slice(0, 30)}`).toBe('damaged');
    }
    expect(reasonOf(`${line}${'a'.repeat(9000)}`)).toBe('damaged');
    expect(reasonOf('x'.repeat(1_000_001))).toBe('none');
    // The sender's name is shown, never trusted: control characters are dropped, the length capped.
    expect(readInvitation(writeInvitation({ ...invitation, invitedBy: 'Ivan\u0007\u001b[31m' })).invitedBy).toBe(
      'Ivan[31m',
    );
  });
});

describe('the team set-up on a sandbox', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox({ contacts: 40, seed: 'team-invitation', rateLimit: 0 });
  });
  afterAll(() => sandbox.close());

  const computer = (userKey: string, seen?: string[]) => {
    const secrets = createMemorySecretStore();
    return {
      secrets,
      service: createCoreService({
        dataDir: tempDir(),
        face: 'cli',
        secrets,
        requestsPerSecond: 1000,
        openConsentWindow: consentAs(userKey, seen),
      }),
    };
  };

  it('the administrator invites; a colleague signs in as themselves; the invitation carries no token', async () => {
    const admin = computer('admin');
    const connected = await admin.service.api.connectWithOAuth({
      product: 'custom',
      consentBaseUrl: sandbox.baseUrl,
      ...sandbox.oauth,
    });
    const made = await admin.service.api.createTeamInvitation({ accountId: connected.id });
    expect(made.accountUrl).toBe(sandbox.baseUrl);
    const stored = JSON.parse((await admin.secrets.get(`account:${connected.id}:token`)) ?? '{}') as Record<
      string,
      string
    >;
    expect(stored['accessToken']?.length).toBeGreaterThan(10);
    expect(made.link).not.toContain(stored['accessToken']);
    expect(made.link).not.toContain(stored['refreshToken']);
    expect(readInvitation(made.link)).toMatchObject({ accountUrl: sandbox.baseUrl, clientId: sandbox.oauth.clientId });

    const seen: string[] = [];
    const colleague = computer('responsible', seen);
    const joined = await colleague.service.api.connectWithInvitation({
      invitation: `Вот приглашение:\n${made.link}\n`,
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain(`client_id=${encodeURIComponent(sandbox.oauth.clientId)}`);
    expect(joined.id).toBe(connected.id);
    expect(joined.currentUserId).toBe(sandboxUserByKey('responsible')?.id);
    expect(connected.currentUserId).toBe(sandboxUserByKey('admin')?.id);
    expect(joined.authKind).toBe('oauth');
    // The colleague's rights are their own: not the administrator's "all" (a non-administrator
    // cannot read its rights, so the export keeps to "only mine").
    expect(connected.exportRight).toBe('all');
    expect(joined.exportRight).toBe('unknown');
    await admin.service.close();
    await colleague.service.close();
  });

  it('refuses an invitation used for another account, a damaged one, and one for the demo or a token without integration', async () => {
    const admin = computer('admin');
    const viaToken = await admin.service.api.addAccountWithToken({
      baseUrl: sandbox.baseUrl,
      token: sandbox.tokens['admin'] as string,
    });
    // A token sign-in knows no integration: the administrator must give it.
    await expect(admin.service.api.createTeamInvitation({ accountId: viaToken.id })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const made = await admin.service.api.createTeamInvitation({ accountId: viaToken.id, ...sandbox.oauth });
    // The invitation names another account than the one the colleague then signs in to.
    const elsewhere = made.link.replace(encodeURIComponent(sandbox.baseUrl), encodeURIComponent('http://127.0.0.1:9'));
    expect(elsewhere).not.toBe(made.link);
    const colleague = computer('responsible');
    await expect(colleague.service.api.connectWithInvitation({ invitation: elsewhere })).rejects.toMatchObject({
      code: 'INVITATION_OTHER_ACCOUNT',
      params: { expected: '127.0.0.1:9', signedIn: new URL(sandbox.baseUrl).host },
    });
    expect(await colleague.service.api.listAccounts({})).toEqual([]);
    await expect(
      colleague.service.api.connectWithInvitation({ invitation: 'https://acme.amocrm.ru' }),
    ).rejects.toMatchObject({ code: 'INVITATION_INVALID', params: { context: 'none' } });
    await expect(
      colleague.service.api.connectWithInvitation({ invitation: made.link.slice(0, 60) }),
    ).rejects.toMatchObject({ code: 'INVITATION_INVALID', params: { context: '' } });
    const demo = await admin.service.api.connectDemoAccount({});
    await expect(admin.service.api.createTeamInvitation({ accountId: demo.id })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await admin.service.close();
    await colleague.service.close();
  });
});
