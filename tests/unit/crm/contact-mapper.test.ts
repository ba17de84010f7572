/** Real CRM data is messy: none of it may crash a sync or be silently lost. */
import { describe, expect, it } from 'vitest';
import { toMirrorContact } from '../../../src/main/crm/contact-mapper';
import type { WireContact } from '../../../src/main/crm/wire';

const base: WireContact = {
  id: 1,
  name: 'Анна Смирнова',
  first_name: 'Анна',
  last_name: 'Смирнова',
  created_at: 100,
  updated_at: 200,
};
const phones = (...values: Array<string | number | null>) => ({
  field_id: 1,
  field_code: 'PHONE',
  values: values.map((value) => ({ value, enum_code: 'MOB' })),
});

describe('toMirrorContact', () => {
  it('finds phones, e-mails and messengers by field_code, never by id', () => {
    const contact = toMirrorContact(
      {
        ...base,
        custom_fields_values: [
          { field_id: 999, field_code: 'PHONE', values: [{ value: '8 (912) 345-67-89', enum_code: 'WORK' }] },
          { field_id: 5, field_code: 'EMAIL', values: [{ value: 'Anna@Client.Example', enum_code: 'PRIV' }] },
          { field_id: 6, field_code: 'IM', values: [{ value: 'anna_s', enum_code: 'TELEGRAM' }] },
          { field_id: 7, field_code: null, field_name: 'Телефон (свой)', values: [{ value: '+7 999 000-00-00' }] },
        ],
      },
      'RU',
    );
    expect(contact.channels).toEqual([
      { kind: 'phone', value: '8 (912) 345-67-89', normalized: '+79123456789', typeCode: 'WORK' },
      { kind: 'email', value: 'Anna@Client.Example', normalized: 'anna@client.example', typeCode: 'PRIV' },
      { kind: 'im', value: 'anna_s', normalized: null, typeCode: 'TELEGRAM' },
    ]);
    expect(contact.phoneCount).toBe(1);
    expect(contact.searchText).toContain('89123456789');
    expect(contact.searchText).toContain('79123456789');
    expect(contact.searchText).toContain('анна смирнова');
  });

  it('copes with custom_fields_values: null, no name at all, and missing timestamps', () => {
    const contact = toMirrorContact({ id: 7, name: null, custom_fields_values: null }, 'RU');
    expect(contact).toMatchObject({
      id: 7,
      name: '',
      firstName: '',
      lastName: '',
      phoneCount: 0,
      createdAt: 0,
      updatedAt: 0,
      channels: [],
    });
  });

  it('builds the name from first and last name when `name` is empty', () => {
    expect(toMirrorContact({ ...base, name: '  ' }, 'RU').name).toBe('Анна Смирнова');
  });

  it('keeps a phone like "n/a" as written but does not count it as a phone (R2)', () => {
    const contact = toMirrorContact({ ...base, custom_fields_values: [phones('n/a', '', null, '123')] }, 'RU');
    expect(contact.channels.map((c) => c.value)).toEqual(['n/a', '123']);
    expect(contact.phoneCount).toBe(0);
  });

  it('keeps duplicated numbers, numbers as JSON numbers, unknown enum codes, emoji and RTL text', () => {
    const contact = toMirrorContact(
      {
        ...base,
        name: '😀 محمد علي',
        custom_fields_values: [
          {
            field_id: 1,
            field_code: 'PHONE',
            values: [
              { value: '+7 912 345 67 89', enum_code: 'SATELLITE' },
              { value: 79123456789 },
              { value: '+79123456789' },
            ],
          },
        ],
      },
      'RU',
    );
    expect(contact.name).toBe('😀 محمد علي');
    expect(contact.channels).toHaveLength(3);
    expect(contact.channels.every((c) => c.normalized === '+79123456789')).toBe(true);
    expect(contact.channels[0]?.typeCode).toBe('SATELLITE');
    expect(contact.phoneCount).toBe(3);
  });

  it('normalizes with the account country, and international numbers everywhere', () => {
    const local = toMirrorContact(
      { ...base, custom_fields_values: [phones('8 495 123 45 67', '+44 20 7946 0958')] },
      'RU',
    );
    expect(local.channels.map((c) => c.normalized)).toEqual(['+74951234567', '+442079460958']);
    const noRegion = toMirrorContact(
      { ...base, custom_fields_values: [phones('8 495 123 45 67', '+44 20 7946 0958')] },
      undefined,
    );
    expect(noRegion.channels.map((c) => c.normalized)).toEqual([null, '+442079460958']);
    expect(noRegion.phoneCount).toBe(2);
  });
});
