/**
 * One sign-in check per colleague session: concurrent requests share it, it holds for the
 * session, a refusal is remembered briefly (a wrong token cannot make the team mirror hammer
 * amoCRM), a fault of amoCRM is not remembered, and the table stays bounded.
 */
import { describe, expect, it } from 'vitest';
import { freshFor } from '../../../src/main/team/amo-sign-in-check';
import { type Colleague, createColleagueSessions } from '../../../src/main/team/colleague-sessions';
import { AppError } from '../../../src/shared/errors';

const irina: Colleague = { userId: 5_000_002, exportLetter: 'M', groupId: 101, isAdmin: false };

function world(answer: (token: string) => Promise<Colleague>) {
  let now = 1_000_000;
  const asked: string[] = [];
  const sessions = createColleagueSessions({
    now: () => now,
    check: (token) => {
      asked.push(token);
      return answer(token);
    },
    sessionMs: 60_000,
    refusalMs: 5_000,
    maxSessions: 3,
  });
  return { sessions, asked, later: (ms: number) => (now += ms) };
}

describe('colleague sessions', () => {
  it('checks a token once for twenty requests at once, and again only after the session', async () => {
    const w = world(async () => irina);
    const all = await Promise.all(Array.from({ length: 20 }, () => w.sessions.colleagueFor('token-irina-1')));
    expect(all.every((colleague) => colleague.userId === irina.userId)).toBe(true);
    expect(w.asked).toEqual(['token-irina-1']);
    w.later(59_000);
    await w.sessions.colleagueFor('token-irina-1');
    expect(w.asked).toHaveLength(1);
    w.later(2_000);
    await w.sessions.colleagueFor('token-irina-1');
    expect(w.asked).toHaveLength(2);
    // A sync reading its rights asks afresh within the session too (R7: at every export),
    // unless its own first request has just checked.
    await w.sessions.colleagueFor('token-irina-1', true);
    expect(w.asked).toHaveLength(2);
    w.later(11_000);
    await w.sessions.colleagueFor('token-irina-1', true);
    expect(w.asked).toHaveLength(3);
  });

  it('remembers a refusal for a while, but asks again after a fault of amoCRM', async () => {
    let fault = true;
    const w = world(async (token) => {
      if (token.startsWith('wrong')) throw new AppError('AUTH_REJECTED', 'no');
      if (fault) throw new AppError('NETWORK_UNREACHABLE', 'amoCRM is away');
      return irina;
    });
    for (let i = 0; i < 5; i++) {
      await expect(w.sessions.colleagueFor('wrong-token-1')).rejects.toMatchObject({ code: 'AUTH_REJECTED' });
    }
    expect(w.asked.filter((token) => token === 'wrong-token-1')).toHaveLength(1);
    w.later(6_000);
    await expect(w.sessions.colleagueFor('wrong-token-1')).rejects.toMatchObject({ code: 'AUTH_REJECTED' });
    expect(w.asked.filter((token) => token === 'wrong-token-1')).toHaveLength(2);

    await expect(w.sessions.colleagueFor('token-irina-1')).rejects.toMatchObject({ code: 'NETWORK_UNREACHABLE' });
    fault = false;
    expect(await w.sessions.colleagueFor('token-irina-1')).toEqual(irina);
  });

  it('refuses what is no token at all without asking, and keeps at most maxSessions', async () => {
    const w = world(async () => irina);
    for (const token of ['', 'short', 'with space inside', 'x'.repeat(5000), 'ютф-восемь-токен']) {
      await expect(w.sessions.colleagueFor(token)).rejects.toMatchObject({ code: 'AUTH_REJECTED' });
    }
    expect(w.asked).toEqual([]);
    for (let i = 0; i < 10; i++) await w.sessions.colleagueFor(`token-number-${i}`);
    expect(w.sessions.size()).toBe(3);
  });
});

describe("freshFor (every colleague's rights, read once for the team)", () => {
  it('shares one load among those asking within its time, loads again after, and keeps no failure', async () => {
    let now = 0;
    let loads = 0;
    let fail = false;
    const rights = freshFor(
      10_000,
      () => now,
      async () => {
        loads++;
        if (fail) throw new Error('amoCRM is away');
        return loads;
      },
    );
    expect(await Promise.all([rights(), rights(), rights()])).toEqual([1, 1, 1]);
    now = 9_999;
    expect(await rights()).toBe(1);
    now = 10_000;
    expect(await rights()).toBe(2);
    fail = true;
    now = 30_000;
    await expect(rights()).rejects.toThrow('away');
    fail = false;
    expect(await rights()).toBe(4);
  });
});
