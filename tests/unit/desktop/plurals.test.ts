/**
 * Counts meet nouns in the window's own words: i18next's plural forms from Intl.PluralRules
 * (Russian one/few/many, English one/other) and the locale's thousands separator, for the
 * counts that catch every rule: 1, 2, 5, 11, 21, 22, 25, 104, 1 000 (and 1 000 000).
 */
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../src/renderer/desktop/i18n/en';
import { ru } from '../../../src/renderer/desktop/i18n/ru';
import { messageLeaves as leaves } from '../../helpers/message-leaves';

const counts = [1, 2, 5, 11, 21, 22, 25, 104, 1000, 1_000_000];
const pluralSuffix = /_(one|few|many|other)$/;

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { en: { translation: en }, ru: { translation: ru } },
    lng: 'ru',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
});

describe('counts in the desktop window', () => {
  it('agree with their noun in Russian: 1 контакт, 2 контакта, 5 контактов, 11, 21, 22, 25, 104, 1 000', () => {
    const t = i18n.getFixedT('ru');
    const received = counts.map((count) => t('handoff.delivered', { count }));
    expect(received).toEqual([
      'Готово: телефон получил 1 контакт.',
      'Готово: телефон получил 2 контакта.',
      'Готово: телефон получил 5 контактов.',
      'Готово: телефон получил 11 контактов.',
      'Готово: телефон получил 21 контакт.',
      'Готово: телефон получил 22 контакта.',
      'Готово: телефон получил 25 контактов.',
      'Готово: телефон получил 104 контакта.',
      'Готово: телефон получил 1\u00a0000 контактов.',
      'Готово: телефон получил 1\u00a0000\u00a0000 контактов.',
    ]);
    expect(t('sync.phaseContacts', { name: 'Acme', count: 3000 })).toBe('«Acme»: загружено 3\u00a0000 контактов…');
    expect(t('sync.phaseContacts', { name: 'Acme', count: 21 })).toBe('«Acme»: загружен 21 контакт…');
    expect(t('accounts.contacts', { count: 16500, withPhone: 1912 })).toBe(
      '16\u00a0500 контактов, с телефоном: 1\u00a0912',
    );
  });

  it('agree in English, with its thousands separator', () => {
    const t = i18n.getFixedT('en');
    expect(counts.map((count) => t('wizard.delivery.fileDone', { count }))).toEqual([
      '1 contact was saved to this file:',
      '2 contacts were saved to this file:',
      '5 contacts were saved to this file:',
      '11 contacts were saved to this file:',
      '21 contacts were saved to this file:',
      '22 contacts were saved to this file:',
      '25 contacts were saved to this file:',
      '104 contacts were saved to this file:',
      '1,000 contacts were saved to this file:',
      '1,000,000 contacts were saved to this file:',
    ]);
  });

  it('pick the right form for every plural string, in both languages, for every test count', () => {
    const rules = { en: new Intl.PluralRules('en'), ru: new Intl.PluralRules('ru') };
    for (const [language, messages] of [
      ['en', en],
      ['ru', ru],
    ] as const) {
      const strings = leaves(messages);
      const bases = new Set(
        [...strings.keys()].filter((key) => key.endsWith('_other')).map((key) => key.replace(pluralSuffix, '')),
      );
      expect(bases.size, language).toBeGreaterThanOrEqual(12);
      const t = i18n.getFixedT(language);
      for (const base of bases) {
        for (const count of counts) {
          const form = strings.get(`${base}_${rules[language].select(count)}`);
          expect(form, `${language} ${base}_${rules[language].select(count)}`).toBeDefined();
          const shown = t(base, { count, name: 'N', account: 'A', device: 'D', withPhone: 0, url: 'U' });
          expect(shown, `${language} ${base} ${count}`).toContain(new Intl.NumberFormat(language).format(count));
          expect(shown).not.toMatch(/\{\{|_(one|few|many|other)$/);
        }
      }
    }
  });

  it('show every count with the locale’s separators (no bare {{count}} left)', () => {
    for (const messages of [en, ru]) {
      for (const [path, text] of leaves(messages)) {
        expect(text, path).not.toMatch(/\{\{(count|withPhone|total|delivered|new|updated|done|used|cap|remaining)\}\}/);
      }
    }
  });
});
