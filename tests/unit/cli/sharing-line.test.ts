/**
 * The sync's progress line says, in the terminal's language, when colleagues share amoCRM's
 * limit (issue 21): the pull is slower on purpose, and nothing is wrong; and where the contacts
 * come from when it is not amoCRM as usual. Tried: both languages, with and without sharing, a
 * resumed pull, the team mirror and amoCRM in its place.
 */
import { describe, expect, it } from 'vitest';
import { cliWords } from '../../../src/main/cli/words';

const progress = {
  accountId: 7,
  pages: 3,
  contacts: 750,
  requestsPerSecond: 2,
  resumed: false,
  source: 'amocrm' as const,
};

describe('the sync progress line', () => {
  it('says why it is slower while colleagues share the limit, and nothing more otherwise', () => {
    const en = cliWords('en').sync.progress;
    expect(en({ ...progress, sharingLimit: false })).toBe('account 7: page 3, 750 contacts, 2 req/s');
    expect(en({ ...progress, sharingLimit: true })).toBe(
      "account 7: page 3, 750 contacts, 2 req/s (slower: colleagues are syncing at the same time and share amoCRM's limit)",
    );
    const ru = cliWords('ru').sync.progress;
    expect(ru({ ...progress, sharingLimit: false })).not.toContain('коллеги');
    expect(ru({ ...progress, resumed: true, sharingLimit: true })).toMatch(
      /^аккаунт 7: продолжаем с места остановки, уже 750 контактов… \(медленнее: коллеги синхронизируют аккаунт одновременно и делят лимит amoCRM\)$/,
    );
  });

  it('says when the contacts come from the team mirror, or from amoCRM because it could not be reached', () => {
    const en = cliWords('en').sync.progress;
    const ru = cliWords('ru').sync.progress;
    const base = { ...progress, sharingLimit: false };
    expect(en({ ...base, source: 'team-mirror' })).toBe(
      'account 7: page 3, 750 contacts, 2 req/s (from the team mirror)',
    );
    expect(en({ ...base, source: 'amocrm-instead-of-team-mirror' })).toMatch(
      /from amoCRM itself: the team mirror could not be reached\)$/,
    );
    expect(ru({ ...base, source: 'team-mirror' })).toMatch(/\(из зеркала команды\)$/);
    expect(ru({ ...base, source: 'amocrm-instead-of-team-mirror' })).toMatch(/зеркало команды недоступно\)$/);
  });
});
