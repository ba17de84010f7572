/** The desktop's offer to start fresh on a damaged mirror: only for that error, only when chosen. */
import { describe, expect, it } from 'vitest';
import { damagedMirrorPath, damagedMirrorText, offerToStartFresh } from '../../../src/main/electron/damaged-mirror';
import { AppError } from '../../../src/shared/errors';

const damaged = new AppError('DB_CORRUPT', 'damaged', { path: '/data/mirror.sqlite', store: 'mirror' });

function deps(choose: boolean) {
  const asked: string[] = [];
  const setAside: string[] = [];
  return {
    asked,
    setAside,
    deps: {
      locale: 'en-US',
      ask: async (text: { message: string }) => {
        asked.push(text.message);
        return choose;
      },
      setAside: (path: string) => {
        setAside.push(path);
        return `${path}.aside`;
      },
      log: () => undefined,
    },
  };
}

describe('offerToStartFresh', () => {
  it('keeps the damaged mirror aside only when the person chooses it', async () => {
    const yes = deps(true);
    expect(await offerToStartFresh(damaged, yes.deps)).toBe(true);
    expect(yes.setAside).toEqual(['/data/mirror.sqlite']);
    const no = deps(false);
    expect(await offerToStartFresh(damaged, no.deps)).toBe(false);
    expect(no.asked).toEqual(['The app’s local database is damaged']);
    expect(no.setAside).toEqual([]);
  });

  it('never offers it for a newer-version mirror, a damaged secrets file, or any other error', async () => {
    for (const error of [
      new AppError('DB_TOO_NEW', 'newer', { path: '/data/mirror.sqlite' }),
      new AppError('DB_CORRUPT', 'secrets', { path: '/data/secrets.json' }),
      new Error('DB_CORRUPT'),
      'DB_CORRUPT',
    ]) {
      const any = deps(true);
      expect(damagedMirrorPath(error)).toBeNull();
      expect(await offerToStartFresh(error, any.deps)).toBe(false);
      expect(any.asked).toEqual([]);
    }
  });

  it('says what starting fresh costs, in both languages, with the path', () => {
    for (const locale of ['ru-RU', 'en-GB']) {
      const text = damagedMirrorText(locale, '/data/mirror.sqlite');
      expect(text.detail).toContain('/data/mirror.sqlite');
      expect(text.startFresh.length).toBeGreaterThan(5);
    }
    expect(damagedMirrorText('ru', '/x').detail).toMatch(/не трогали/);
    expect(damagedMirrorText('en', '/x').detail).toMatch(/left untouched.*every contact once more/s);
  });
});
