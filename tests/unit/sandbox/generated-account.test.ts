/** The generated account: deterministic, and as messy as real CRM data. */
import { describe, expect, it } from 'vitest';
import type { WireContact } from '../../../src/main/crm/wire';
import { createSandboxAccount } from '../../../src/main/sandbox/account';
import { feminineSurname } from '../../../src/main/sandbox/names';

const anchorTime = 1_780_000_000;
const account = createSandboxAccount({ seed: 'gen-test', contactCount: 3000, anchorTime });
const contacts: WireContact[] = Array.from({ length: account.contactCount }, (_, i) => account.contactAt(i));
const phonesOf = (c: WireContact) =>
  (c.custom_fields_values ?? [])
    .filter((f) => f.field_code === 'PHONE')
    .flatMap((f) => (f.values ?? []).map((v) => String(v.value)));

describe('generated sandbox account', () => {
  it('is the same for the same seed and different for another', () => {
    const again = createSandboxAccount({ seed: 'gen-test', contactCount: 3000, anchorTime });
    expect(again.id).toBe(account.id);
    expect(again.contactAt(1234)).toEqual(contacts[1234]);
    const other = createSandboxAccount({ seed: 'other-seed', contactCount: 3000, anchorTime });
    expect(other.id).not.toBe(account.id);
    expect(other.contactAt(1234)).not.toEqual(contacts[1234]);
  });

  it('has Russian and English names', () => {
    expect(contacts.filter((c) => /[А-Яа-яЁё]/.test(c.name ?? '')).length).toBeGreaterThan(1500);
    expect(contacts.filter((c) => /^[A-Za-z' ]+$/.test(c.name ?? '')).length).toBeGreaterThan(300);
  });

  it('has contacts with no phone (some with custom_fields_values: null) and some with several', () => {
    const counts = contacts.map((c) => phonesOf(c).length);
    expect(counts.filter((n) => n === 0).length).toBeGreaterThan(100);
    expect(counts.filter((n) => n >= 2).length).toBeGreaterThan(100);
    expect(contacts.some((c) => c.custom_fields_values === null)).toBe(true);
  });

  it('writes phones the ways people type them', () => {
    const phones = contacts.flatMap(phonesOf);
    const styles = {
      plusSevenSpaced: /^\+7 \d{3} \d{3}-\d{2}-\d{2}$/,
      eightParens: /^8 \(\d{3}\) \d{3}-\d{2}-\d{2}$/,
      elevenDigits: /^8\d{10}$/,
      foreign: /^\+(?:44|1|49|375|380) /,
      extension: /(доб\.|ext\.) \d+$/,
    };
    for (const [style, pattern] of Object.entries(styles)) {
      expect(
        phones.some((p) => pattern.test(p)),
        style,
      ).toBe(true);
    }
  });

  it('has e-mails, messengers, several responsible users in groups, and dates over three years', () => {
    const codes = new Set(contacts.flatMap((c) => (c.custom_fields_values ?? []).map((f) => f.field_code)));
    expect(codes).toEqual(new Set(['PHONE', 'EMAIL', 'IM', 'POSITION']));
    const responsible = new Set(contacts.map((c) => c.responsible_user_id));
    expect(responsible.size).toBeGreaterThanOrEqual(4);
    const groups = new Set(contacts.map((c) => c.group_id));
    expect(groups.size).toBeGreaterThanOrEqual(2);
    const created = contacts.map((c) => c.created_at as number);
    expect(Math.min(...created)).toBeGreaterThanOrEqual(anchorTime - 3 * 365 * 86400);
    expect(anchorTime - Math.min(...created)).toBeGreaterThan(2.5 * 365 * 86400);
    expect(
      contacts.every(
        (c) => (c.updated_at as number) >= (c.created_at as number) && (c.updated_at as number) <= anchorTime,
      ),
    ).toBe(true);
  });

  it('gives Russian surnames their feminine form', () => {
    expect(feminineSurname('Иванов')).toBe('Иванова');
    expect(feminineSurname('Соловьёв')).toBe('Соловьёва');
    expect(feminineSurname('Островский')).toBe('Островская');
    expect(feminineSurname('Шевченко')).toBe('Шевченко');
  });
});
