/**
 * Issue 21, item 3, end to end: the administrator's computer serves its mirror to the team
 * (startTeamMirror); colleagues join with the invitation, which carries the team mirror's
 * address and fingerprint, and pull from it instead of amoCRM. Real parts: a sandbox amoCRM
 * over HTTP, three core services on their own SQLite files, the team mirror's HTTPS server.
 *
 * Tried: each colleague gets exactly what their rights export (only mine, my group, nothing)
 * and the same export as pulling from amoCRM; no request of theirs but the sign-in check
 * reaches amoCRM; hostile requests (others' contacts by id, by filter, by page; other users;
 * no token, a wrong one, other methods and paths, bad parameters); edits, reassignments and
 * deletions reach colleagues through it; a stopped team mirror, or one with another
 * certificate, makes the colleague's app pull from amoCRM itself, and say so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireContact } from '../../../src/main/crm/wire';
import { type SandboxHandle, startSandbox } from '../../../src/main/sandbox/server';
import { sandboxUserByKey } from '../../../src/main/sandbox/users';
import { createMemorySecretStore } from '../../../src/main/secrets/file-secret-store';
import { type CoreService, createCoreService } from '../../../src/main/service';
import { pinnedFetch } from '../../../src/main/team/pinned-fetch';
import type { ApiEventOf } from '../../../src/shared/api/events';
import type { TeamMirrorStatus } from '../../../src/shared/api/types';
import { readInvitation } from '../../../src/shared/team-invitation';
import { consentAs } from '../../helpers/consent-as';
import { tempDir } from '../../helpers/temp-dir';
import { readVCards } from '../../helpers/vcard-reader';
import { mirrorSnapshot } from '../sync/sync-world';

const irina = sandboxUserByKey('responsible');
const pavel = sandboxUserByKey('group');
if (!irina || !pavel) throw new Error('the sandbox lost its users');

let sandbox: SandboxHandle;
const services: CoreService[] = [];
let admin: CoreService;
let accountId = 0;
let mirror: TeamMirrorStatus;
let link = '';

function computer(userKey: string) {
  const dataDir = tempDir();
  const service = createCoreService({
    dataDir,
    face: 'cli',
    secrets: createMemorySecretStore(),
    requestsPerSecond: 1000,
    httpTuning: { backoffMs: () => 10, timeoutMs: 5000, rateLimitPatienceMs: 0 },
    openConsentWindow: consentAs(userKey),
  });
  services.push(service);
  return { service, dataDir };
}

beforeAll(async () => {
  sandbox = await startSandbox({ contacts: 3000, seed: 'team-mirror', rateLimit: 0 });
  admin = computer('admin').service;
  const connected = await admin.api.connectWithOAuth({
    product: 'custom',
    consentBaseUrl: sandbox.baseUrl,
    ...sandbox.oauth,
  });
  accountId = connected.id;
  await admin.api.syncAccounts({});
  mirror = await admin.api.startTeamMirror({ accountId, address: '127.0.0.1' });
  link = (await admin.api.createTeamInvitation({ accountId })).link;
});
afterAll(async () => {
  for (const service of services) await service.close();
  await sandbox.close();
});

/** The CRM's contacts that `keep` picks, as mirrorSnapshot shows them. */
function crmContacts(keep: (contact: WireContact) => boolean) {
  const all = new Map<number, string>();
  for (const id of sandbox.contactIds()) {
    const contact = sandbox.liveContact(id);
    if (contact && keep(contact)) all.set(id, '');
  }
  return all;
}

const idsOf = (snapshot: Map<number, string>) => [...snapshot.keys()].sort((a, b) => a - b);

async function exportedUids(service: CoreService, dataDir: string): Promise<string[]> {
  const device = await service.api.addDevice({ name: `Pixel ${Math.random()}`, platform: 'android' });
  const outPath = join(dataDir, `${device.id}.vcf`);
  await service.api.exportToFile({ deviceId: device.id, outPath, period: 'all', onlyMine: false, format: 'vcard3' });
  return readVCards(readFileSync(outPath, 'utf8'))
    .map((card) => card.text('UID') ?? '')
    .sort();
}

describe('a team mirror', () => {
  it('puts its address and fingerprint in the invitation', () => {
    expect(mirror.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(readInvitation(link).teamMirror).toEqual({ url: mirror.url, fingerprint: mirror.fingerprint });
  });

  it('serves each colleague exactly what their rights export, with no contact request to amoCRM', async () => {
    const viaMirror = computer('responsible');
    const joined = await viaMirror.service.api.connectWithInvitation({ invitation: link });
    const pagesBefore = sandbox.contactPageRequests();
    const requestsBefore = sandbox.receivedRequests();
    const sources = new Set<string>();
    const stop = viaMirror.service.events.on('sync:progress', (event: ApiEventOf<'sync:progress'>) => {
      sources.add(event.source);
    });
    await viaMirror.service.api.syncAccounts({});
    stop();
    expect([...sources]).toEqual(['team-mirror']);
    // amoCRM heard only the sign-in check: who is this (their token), and their rights (the mirror's).
    expect(sandbox.contactPageRequests()).toBe(pagesBefore);
    expect(sandbox.receivedRequests() - requestsBefore).toBeLessThanOrEqual(2);
    expect(joined.id).toBe(accountId);
    const own = crmContacts((contact) => contact.responsible_user_id === irina.id);
    expect(own.size).toBeGreaterThan(100);
    expect(idsOf(mirrorSnapshot(viaMirror.dataDir, accountId))).toEqual(idsOf(own));

    // The same export as Irina pulling from amoCRM herself (an invitation without the mirror).
    const direct = computer('responsible');
    await admin.api.stopTeamMirror({});
    const plainLink = (await admin.api.createTeamInvitation({ accountId })).link;
    expect(readInvitation(plainLink).teamMirror).toBeUndefined();
    mirror = await admin.api.startTeamMirror({
      accountId,
      address: '127.0.0.1',
      port: Number(new URL(mirror.url).port),
    });
    await direct.service.api.connectWithInvitation({ invitation: plainLink });
    await direct.service.api.syncAccounts({});
    const uids = await exportedUids(viaMirror.service, viaMirror.dataDir);
    expect(uids.length).toBeGreaterThan(50);
    expect(uids).toEqual(await exportedUids(direct.service, direct.dataDir));

    // A group right: the group's contacts; a denied one: none at all.
    const group = computer('group');
    await group.service.api.connectWithInvitation({ invitation: link });
    await group.service.api.syncAccounts({});
    expect(idsOf(mirrorSnapshot(group.dataDir, accountId))).toEqual(
      idsOf(crmContacts((contact) => (contact.group_id ?? 0) === pavel.groupId)),
    );
    const denied = computer('denied');
    await denied.service.api.connectWithInvitation({ invitation: link });
    await denied.service.api.syncAccounts({});
    expect(mirrorSnapshot(denied.dataDir, accountId).size).toBe(0);
  });

  it("is served only from an administrator's sign-in (it must see every contact and read every right)", async () => {
    const manager = computer('responsible');
    const joined = await manager.service.api.connectWithOAuth({
      product: 'custom',
      consentBaseUrl: sandbox.baseUrl,
      ...sandbox.oauth,
    });
    await expect(
      manager.service.api.startTeamMirror({ accountId: joined.id, address: '127.0.0.1' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/administrator/),
    });
    expect(await manager.service.api.getTeamMirror({})).toBeNull();
  });

  it('gives nothing away to hostile requests', async () => {
    const token = await oauthTokenOf('responsible');
    const get = async (path: string, init: { method?: string; token?: string | null } = {}) => {
      const headers: Record<string, string> =
        init.token === null ? {} : { authorization: `Bearer ${init.token ?? token}` };
      const answer = await pinnedFetch(mirror.fingerprint)(`${mirror.url}${path}`, {
        method: init.method ?? 'GET',
        headers,
      });
      const text = await answer.text();
      return { status: answer.status, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
    };
    const others = sandbox.contactIds().filter((id) => sandbox.liveContact(id)?.responsible_user_id === pavel.id);
    const other = others[0] as number;
    expect((await get(`/api/v4/contacts/${other}`)).status).toBe(204);
    expect((await get(`/api/v4/contacts?filter[id]=${other}`)).status).toBe(204);
    expect((await get(`/api/v4/contacts?filter[responsible_user_id]=${pavel.id}`)).status).toBe(204);
    // Every page, every order: only hers.
    for (const order of ['order[id]=asc', 'order[updated_at]=desc', 'order[id]=desc']) {
      for (let page = 1; ; page++) {
        const answer = await get(`/api/v4/contacts?limit=250&page=${page}&${order}`);
        if (answer.status === 204) break;
        const embedded = answer.json?.['_embedded'] as { contacts: Array<{ responsible_user_id: number }> } | undefined;
        const contacts = embedded?.contacts ?? [];
        expect(contacts.length).toBeGreaterThan(0);
        expect(contacts.every((contact) => contact.responsible_user_id === irina.id)).toBe(true);
      }
    }
    expect((await get(`/api/v4/users/${pavel.id}`)).status).toBe(403);
    expect((await get('/api/v4/users')).status).toBe(403);
    expect((await get(`/api/v4/users/${irina.id}`)).json).toMatchObject({
      id: irina.id,
      rights: { contacts: { export: 'M' } },
    });
    // The traversal is resolved before routing: it is /api/v4/users, refused as above.
    expect((await get('/api/v4/contacts/../users')).status).toBe(403);
    expect((await get('/api/v4/leads')).status).toBe(404);
    expect((await get('/api/v4/contacts', { method: 'POST' })).status).toBe(405);
    expect((await get('/api/v4/contacts', { method: 'DELETE' })).status).toBe(405);
    expect((await get(`/api/v4/contacts?filter[id]=${'9'.repeat(9000)}`)).status).toBe(414);
    expect((await get('/api/v4/contacts?order[id]=sideways')).status).toBe(400);
    expect((await get('/api/v4/contacts?page=-1')).status).toBe(400);
    expect((await get('/api/v4/contacts?filter[responsible_user_id]=1 OR 1=1')).status).toBe(400);
    const big = await get('/api/v4/contacts?limit=100000');
    const bigPage = big.json?.['_embedded'] as { contacts: unknown[] } | undefined;
    expect(bigPage?.contacts.length).toBeLessThanOrEqual(250);

    // No sign-in, or a wrong one: 401; a wrong one asked twice reaches amoCRM once.
    expect((await get('/api/v4/account', { token: null })).status).toBe(401);
    const before = sandbox.receivedRequests();
    expect((await get('/api/v4/account', { token: 'not-a-real-token-0001' })).status).toBe(401);
    expect((await get('/api/v4/account', { token: 'not-a-real-token-0001' })).status).toBe(401);
    expect(sandbox.receivedRequests() - before).toBe(1);
    // Its clock is the account's watermark: the colleague pulls later edits from there.
    const answer = await pinnedFetch(mirror.fingerprint)(`${mirror.url}/api/v4/account`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(Math.abs(Date.parse(answer.headers.get('date') ?? '') / 1000 - Date.now() / 1000)).toBeLessThan(120);
  });

  it('passes edits, reassignments and deletions on to colleagues', async () => {
    const colleague = computer('responsible');
    await colleague.service.api.connectWithInvitation({ invitation: link });
    await colleague.service.api.syncAccounts({});
    const mine = sandbox.contactIds().filter((id) => sandbox.liveContact(id)?.responsible_user_id === irina.id);
    const others = sandbox.contactIds().filter((id) => sandbox.liveContact(id)?.responsible_user_id === pavel.id);
    sandbox.editContact(mine[0] as number, { responsible_user_id: pavel.id });
    sandbox.editContact(others[0] as number, { responsible_user_id: irina.id });
    sandbox.deleteContact(mine[1] as number);
    sandbox.editContact(mine[2] as number, { name: 'Переименована через зеркало' });
    await admin.api.syncAccounts({});
    await colleague.service.api.syncAccounts({});
    const snapshot = mirrorSnapshot(colleague.dataDir, accountId);
    expect(idsOf(snapshot)).toEqual(idsOf(crmContacts((contact) => contact.responsible_user_id === irina.id)));
    expect(snapshot.get(mine[2] as number)).toMatch(/^Переименована через зеркало#/);
  });

  it('falls back to amoCRM when the team mirror is stopped or is not the one of the invitation', async () => {
    const colleague = computer('responsible');
    await colleague.service.api.connectWithInvitation({ invitation: link });
    await admin.api.stopTeamMirror({});
    const sources = new Set<string>();
    const stop = colleague.service.events.on('sync:progress', (event: ApiEventOf<'sync:progress'>) => {
      sources.add(event.source);
    });
    await colleague.service.api.syncAccounts({});
    expect(sources.has('amocrm-instead-of-team-mirror')).toBe(true);
    // From amoCRM she gets every contact she may see (this account does not filter); her own among them.
    const pulled = mirrorSnapshot(colleague.dataDir, accountId);
    for (const id of crmContacts((contact) => contact.responsible_user_id === irina.id).keys()) {
      expect(pulled.has(id), `contact ${id}`).toBe(true);
    }

    // Another certificate at the address: nothing is sent to it, amoCRM answers instead.
    mirror = await admin.api.startTeamMirror({
      accountId,
      address: '127.0.0.1',
      port: Number(new URL(mirror.url).port),
    });
    const forged = computer('responsible');
    const wrongPrint = mirror.fingerprint.replace(/^../, mirror.fingerprint.startsWith('00') ? '11' : '00');
    await forged.service.api.connectWithInvitation({
      invitation: link.replace(encodeURIComponent(mirror.fingerprint), encodeURIComponent(wrongPrint)),
    });
    const answeredBefore = (await admin.api.getTeamMirror({}))?.answered ?? 0;
    sources.clear();
    const stopForged = forged.service.events.on('sync:progress', (event: ApiEventOf<'sync:progress'>) => {
      sources.add(event.source);
    });
    await forged.service.api.syncAccounts({});
    stopForged();
    stop();
    expect(sources.has('amocrm-instead-of-team-mirror')).toBe(true);
    expect((await admin.api.getTeamMirror({}))?.answered).toBe(answeredBefore);
    expect(mirrorSnapshot(forged.dataDir, accountId).size).toBeGreaterThan(100);
  });
});

/** A fresh OAuth access token of a sandbox user, as their app would hold it. */
async function oauthTokenOf(userKey: string): Promise<string> {
  const page = new URL('/oauth', sandbox.baseUrl);
  const allow = new URL('/oauth/allow', page.origin);
  allow.searchParams.set('client_id', sandbox.oauth.clientId);
  allow.searchParams.set('state', 'x');
  allow.searchParams.set('user', userKey);
  const location = (await fetch(allow, { redirect: 'manual' })).headers.get('location') ?? '';
  const code = new URL(location).searchParams.get('code') ?? '';
  const answer = await fetch(new URL('/oauth2/access_token', sandbox.baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_id: sandbox.oauth.clientId,
      client_secret: sandbox.oauth.clientSecret,
      grant_type: 'authorization_code',
      code,
      redirect_uri: sandbox.oauth.redirectUri,
    }),
  });
  return ((await answer.json()) as { access_token: string }).access_token;
}
