/** The "no keychain" warning: when it shows, in which language, and "don't show again". */
import { describe, expect, it } from 'vitest';
import { keychainNotice, keychainProblem, warnAboutKeychain } from '../../../src/main/electron/keychain-notice';

describe('keychainProblem', () => {
  it("is a problem only on Linux's basic_text backend, or with no encryption at all", () => {
    expect(keychainProblem('linux', true, 'basic_text')).toBe('basic_text');
    expect(keychainProblem('linux', true, 'gnome_libsecret')).toBeNull();
    expect(keychainProblem('linux', true, 'kwallet6')).toBeNull();
    expect(keychainProblem('darwin', true, null)).toBeNull();
    expect(keychainProblem('win32', true, null)).toBeNull();
    expect(keychainProblem('darwin', false, null)).toBe('unavailable');
  });
});

describe('keychainNotice', () => {
  it('speaks Russian to a Russian system and English otherwise, without jargon', () => {
    const ru = keychainNotice('basic_text', 'ru-RU');
    expect(ru.message).toBe('На этом компьютере нет хранилища паролей');
    expect(ru.detail).toMatch(/подключите аккаунт заново/);
    const en = keychainNotice('basic_text', 'en-US');
    expect(en.message).toBe('This computer has no password keychain');
    expect(keychainNotice('unavailable', 'de').detail).toMatch(/ordinary file/);
    for (const text of [ru, en]) expect(`${text.message} ${text.detail}`).not.toMatch(/safeStorage|basic_text|DPAPI/);
  });
});

describe('warnAboutKeychain', () => {
  it('shows once a problem exists, and remembers "don\'t show again"', async () => {
    const shown: string[] = [];
    let remembered = 0;
    const deps = (alreadyDismissed: boolean, tick: boolean) => ({
      locale: 'en',
      alreadyDismissed,
      showMessageBox: async (text: { message: string }) => {
        shown.push(text.message);
        return { checkboxChecked: tick };
      },
      rememberDismissed: async () => {
        remembered += 1;
      },
    });
    await warnAboutKeychain(null, deps(false, true));
    expect(shown).toEqual([]);
    await warnAboutKeychain('basic_text', deps(false, false));
    expect([shown.length, remembered]).toEqual([1, 0]);
    await warnAboutKeychain('basic_text', deps(false, true));
    expect([shown.length, remembered]).toEqual([2, 1]);
    await warnAboutKeychain('basic_text', deps(true, true));
    expect(shown.length).toBe(2);
  });
});
