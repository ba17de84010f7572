/** Listing the account's users against the sandbox: administrators get names, others a 403 that is not an error. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticAuth } from '../../../src/main/crm/account-auth';
import type { AmoHttpOptions } from '../../../src/main/crm/amo-http';
import { createRequestLimiter } from '../../../src/main/crm/request-limiter';
import { fetchUsers } from '../../../src/main/crm/users-api';
import { type SandboxHandle, startSandbox } from '../../../src/main/sandbox/server';

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ contacts: 10, seed: 'users-api', rateLimit: 100 });
});
afterAll(() => sandbox.close());

const http = (token: string): AmoHttpOptions => ({
  baseUrl: sandbox.baseUrl,
  auth: staticAuth(token),
  limiter: createRequestLimiter(100),
  backoffMs: () => 5,
  maxRetries: 1,
});

describe('fetchUsers', () => {
  it('gives an administrator every user with a name and a group', async () => {
    const users = await fetchUsers(http(sandbox.tokens['admin'] as string));
    expect(users?.map((user) => user.id).sort()).toEqual(sandbox.account.users.map((user) => user.id).sort());
    for (const user of users ?? []) expect(user.name).toMatch(/\p{L}/u);
  });

  it('answers null, not an error, to a user amoCRM will not show the list (403)', async () => {
    expect(await fetchUsers(http(sandbox.tokens['responsible'] as string))).toBeNull();
  });

  it('refuses a wrong token with the usual error', async () => {
    await expect(fetchUsers(http('not-a-token'))).rejects.toMatchObject({ code: 'AUTH_REJECTED' });
  });
});
