/** The terminal speaks Russian on a Russian system: the POSIX variables first, then the platform's locale. */
import { describe, expect, it } from 'vitest';
import { terminalLanguage } from '../../../src/main/cli/terminal-language';

describe('the terminal language', () => {
  it('follows LC_ALL, LC_MESSAGES, LANG in that order, then the platform locale', () => {
    const platform = (locale: string) => () => locale;
    expect(terminalLanguage({ LANG: 'ru_RU.UTF-8' }, platform('en-US'))).toBe('ru');
    expect(terminalLanguage({ LC_ALL: 'en_US.UTF-8', LANG: 'ru_RU.UTF-8' }, platform('ru-RU'))).toBe('en');
    expect(terminalLanguage({ LC_MESSAGES: 'ru_RU', LANG: 'en_US' }, platform('en-US'))).toBe('ru');
    // "C" and unset mean no choice: the platform decides (macOS and Windows set no LANG).
    expect(terminalLanguage({ LANG: 'C' }, platform('ru-RU'))).toBe('ru');
    expect(terminalLanguage({}, platform('en-GB'))).toBe('en');
    // "rus" or "russian" is not a locale name here; "ru" alone is.
    expect(terminalLanguage({ LANG: 'ru' }, platform('en-US'))).toBe('ru');
    expect(terminalLanguage({ LANG: 'rust' }, platform('en-US'))).toBe('en');
  });
});
