/** Whose contacts a first pull asks for, when a mirror is too narrow, and a filter that was ignored. */
import { describe, expect, it } from 'vitest';
import { filterWasIgnored, mirrorTooNarrow, pullScopeFor } from '../../../src/main/sync/pull-scope';

const me = 42;
const filtering = { currentUserId: me, apiFilterEnabled: true };
const known = (exportLetter: 'A' | 'G' | 'M' | 'D') => ({
  known: true as const,
  exportLetter,
  isAdmin: false,
  groupId: 1,
});

describe('pullScopeFor', () => {
  it('asks for my contacts only where I may export only mine and the account filters', () => {
    expect(pullScopeFor(filtering, known('M'))).toBe(me);
    // Rights unknown (not an admin): the export takes only mine, so the pull does too.
    expect(pullScopeFor(filtering, { known: false, reason: 'not-admin' })).toBe(me);
    for (const letter of ['A', 'G', 'D'] as const) expect(pullScopeFor(filtering, known(letter))).toBeNull();
    // Without API filtering amoCRM would ignore the filter: never rely on it.
    expect(pullScopeFor({ ...filtering, apiFilterEnabled: false }, known('M'))).toBeNull();
  });
});

describe('mirrorTooNarrow', () => {
  it('is true only for a mirror pulled for someone that the current scope no longer matches', () => {
    expect(mirrorTooNarrow(null, null)).toBe(false);
    expect(mirrorTooNarrow(null, me)).toBe(false); // a whole mirror serves "only mine" too
    expect(mirrorTooNarrow(me, me)).toBe(false);
    expect(mirrorTooNarrow(me, null)).toBe(true); // rights widened
    expect(mirrorTooNarrow(me, 43)).toBe(true); // another user signed in
  });
});

describe('filterWasIgnored', () => {
  it('sees a page holding anyone else’s contact, or one without a responsible user', () => {
    expect(filterWasIgnored(me, [])).toBe(false);
    expect(filterWasIgnored(me, [{ responsible_user_id: me }, { responsible_user_id: me }])).toBe(false);
    expect(filterWasIgnored(me, [{ responsible_user_id: me }, { responsible_user_id: 7 }])).toBe(true);
    expect(filterWasIgnored(me, [{ responsible_user_id: null }])).toBe(true);
    expect(filterWasIgnored(me, [{}])).toBe(true);
  });
});
