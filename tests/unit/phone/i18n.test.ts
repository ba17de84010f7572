import { describe, expect, it } from 'vitest';
import { en } from '../../../src/renderer/phone/i18n/en';
import { ru } from '../../../src/renderer/phone/i18n/ru';
import { messageLeaves as leaves } from '../../helpers/message-leaves';

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/** key → its plural forms (or [''] for a plain key). */
function forms(strings: Map<string, string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const path of strings.keys()) {
    const base = path.replace(pluralSuffix, '');
    const form = pluralSuffix.exec(path)?.[1] ?? '';
    out.set(base, (out.get(base) ?? new Set()).add(form));
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('phone page strings', () => {
  const enStrings = leaves(en);
  const ruStrings = leaves(ru);

  it('Russian and English have the same keys, each with its language’s plural forms', () => {
    const enForms = forms(enStrings);
    const ruForms = forms(ruStrings);
    expect([...ruForms.keys()].sort()).toEqual([...enForms.keys()].sort());
    for (const [base, set] of enForms) {
      if (set.has('')) {
        expect(ruForms.get(base), base).toEqual(new Set(['']));
      } else {
        expect([...set].sort(), base).toEqual(['one', 'other']);
        expect([...(ruForms.get(base) ?? [])].sort(), base).toEqual(['few', 'many', 'one', 'other']);
      }
    }
  });

  it('no empty strings, and both languages use the same {{variables}}', () => {
    for (const [path, text] of [...enStrings, ...ruStrings]) expect(text.trim(), path).not.toBe('');
    for (const [path, text] of enStrings) {
      const base = path.replace(pluralSuffix, '');
      const ruText = ruStrings.get(path) ?? ruStrings.get(`${base}_many`) ?? '';
      // English "_one" may spell the number out ("Add contact"); compare the general form.
      if (!path.endsWith('_one')) expect(variables(ruText), path).toEqual(variables(text));
    }
  });

  it('every refusal and ending has its own message', () => {
    for (const ending of [
      'unknown-token',
      'busy',
      'expired',
      'cancelled',
      'rate-limited',
      'bad-message',
      'bad-proof',
      'too-large',
      'decrypt',
      'format',
    ]) {
      expect(enStrings.has(`ending.${ending}`), ending).toBe(true);
      expect(ruStrings.has(`ending.${ending}`), ending).toBe(true);
    }
    expect(new Set(Object.values(en.ending)).size).toBe(Object.keys(en.ending).length);
  });
});
