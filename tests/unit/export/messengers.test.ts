/**
 * Messengers per amoCRM IM code, in the forms each importer keeps (messengers.ts has the
 * table), robust to the ways people write handles and to hostile text.
 */
import { describe, expect, it } from 'vitest';
import { toVCardContact } from '../../../src/main/export/card-from-mirror';
import { internationalDigits, messengersOf, toMessenger } from '../../../src/main/export/messengers';
import { writeVCard3 } from '../../../src/main/export/vcard3';
import { writeVCard4 } from '../../../src/main/export/vcard4';
import { readVCards } from '../../helpers/vcard-reader';

/** The lines a single messenger adds to a 3.0 card, read back. */
const lines3 = (code: string | null, value: string, phones: readonly string[] = ['+79123456789']) => {
  const card = toVCardContact(
    {
      accountId: 1,
      id: 1,
      name: 'A',
      firstName: '',
      lastName: '',
      updatedAt: 0,
      channels: [
        ...phones.map((p) => ({ kind: 'phone' as const, value: p, normalized: p, typeCode: 'MOB' })),
        { kind: 'im', value, normalized: null, typeCode: code },
      ],
    },
    'L',
  );
  const [read] = readVCards(writeVCard3(card));
  return (read?.properties ?? [])
    .filter((p) => /^(X-|IMPP|URL|NOTE)/.test(p.name))
    .map((p) => `${p.name}${p.params['X-SERVICE-TYPE'] ? `(${p.params['X-SERVICE-TYPE'].join()})` : ''}:${p.raw}`);
};

describe('Telegram', () => {
  it.each([
    '@anna_m',
    'anna_m',
    'https://t.me/anna_m',
    'http://t.me/anna_m/',
    't.me/anna_m',
    'https://telegram.me/anna_m?start=1',
    'tg://resolve?domain=anna_m',
    ' @anna_m ',
  ])('%s -> IMPP for iOS and a t.me URL for everyone', (value) => {
    expect(lines3('TELEGRAM', value)).toEqual(['IMPP(Telegram):x-apple:anna_m', 'URL:https://t.me/anna_m']);
  });

  it('recognises a t.me link whatever the code says', () => {
    for (const code of ['OTHER', null, 'SKYPE', 'SOMETHING']) {
      expect(lines3(code, 'https://t.me/anna_m')).toEqual(['IMPP(Telegram):x-apple:anna_m', 'URL:https://t.me/anna_m']);
    }
  });

  it('links an international number, or a national one that is one of the contact’s phones', () => {
    expect(lines3('TELEGRAM', '+7 (912) 345-67-89')).toEqual([
      'IMPP(Telegram):x-apple:+79123456789',
      'URL:https://t.me/+79123456789',
    ]);
    expect(lines3('TELEGRAM', '8 912 345 67 89')).toEqual([
      'IMPP(Telegram):x-apple:+79123456789',
      'URL:https://t.me/+79123456789',
    ]);
    expect(lines3('TELEGRAM', '8 999 000 11 22')).toEqual(['NOTE:Telegram: 8 999 000 11 22']);
  });

  it('puts a handle that is no username in NOTE only', () => {
    expect(lines3('TELEGRAM', 'Anna M.')).toEqual(['NOTE:Telegram: Anna M.']);
    expect(lines3('TELEGRAM', 'abc')).toEqual(['NOTE:Telegram: abc']);
    expect(lines3('TELEGRAM', '1anna')).toEqual(['NOTE:Telegram: 1anna']);
    expect(lines3('TELEGRAM', `a${'b'.repeat(32)}`)).toEqual([`NOTE:Telegram: a${'b'.repeat(32)}`]);
  });
});

describe('WhatsApp', () => {
  it.each([
    '+7 (912) 345-67-89',
    '+79123456789',
    '0079123456789',
    '89123456789',
    'https://wa.me/79123456789',
    'wa.me/+79123456789',
    'https://api.whatsapp.com/send?phone=79123456789&text=hi',
  ])('%s -> a wa.me URL (and IMPP for iOS)', (value) => {
    expect(lines3('WHATSAPP', value)).toEqual(['IMPP(WhatsApp):x-apple:+79123456789', 'URL:https://wa.me/79123456789']);
  });

  it('recognises a wa.me link whatever the code says, and keeps an unknown number in NOTE', () => {
    expect(lines3('OTHER', 'https://wa.me/4915112345678')).toEqual([
      'IMPP(WhatsApp):x-apple:+4915112345678',
      'URL:https://wa.me/4915112345678',
    ]);
    expect(lines3('WHATSAPP', '8 999 000 11 22')).toEqual(['NOTE:WhatsApp: 8 999 000 11 22']);
    expect(lines3('WHATSAPP', 'anna')).toEqual(['NOTE:WhatsApp: anna']);
  });
});

describe('Skype, Jabber, Google Talk, ICQ, MSN', () => {
  it('Skype: X-SKYPE-USERNAME for Android, IMPP skype: for iOS', () => {
    expect(lines3('SKYPE', 'anna.smirnova')).toEqual([
      'X-SKYPE-USERNAME:anna.smirnova',
      'IMPP(Skype):skype:anna.smirnova',
    ]);
    expect(lines3('SKYPE', 'skype:anna.smirnova?call')).toEqual([
      'X-SKYPE-USERNAME:anna.smirnova',
      'IMPP(Skype):skype:anna.smirnova',
    ]);
    expect(lines3('SKYPE', 'live:.cid.8a3f')).toEqual([
      'X-SKYPE-USERNAME:live:.cid.8a3f',
      'IMPP(Skype):skype:live:.cid.8a3f',
    ]);
    // Not a Skype name: Android still gets the text, iOS gets NOTE.
    expect(lines3('SKYPE', 'Anna Smirnova, sales')).toEqual([
      'X-SKYPE-USERNAME:Anna Smirnova\\, sales',
      'NOTE:Skype: Anna Smirnova\\, sales',
    ]);
  });

  it('Jabber and Google Talk: X-JABBER / X-GOOGLE-TALK, IMPP xmpp:', () => {
    expect(lines3('JABBER', 'anna@xmpp.example')).toEqual([
      'X-JABBER:anna@xmpp.example',
      'IMPP(Jabber):xmpp:anna@xmpp.example',
    ]);
    expect(lines3('JABBER', 'xmpp:anna@xmpp.example')).toEqual([
      'X-JABBER:anna@xmpp.example',
      'IMPP(Jabber):xmpp:anna@xmpp.example',
    ]);
    expect(lines3('GTALK', 'anna@gmail.example')).toEqual([
      'X-GOOGLE-TALK:anna@gmail.example',
      'IMPP(GoogleTalk):xmpp:anna@gmail.example',
    ]);
    expect(lines3('JABBER', 'anna at xmpp')).toEqual(['X-JABBER:anna at xmpp', 'NOTE:Jabber: anna at xmpp']);
  });

  it('ICQ and MSN: X-ICQ / X-MSN, IMPP as Apple writes them (aim: for ICQ, msnim:)', () => {
    expect(lines3('ICQ', '123-456-789')).toEqual(['X-ICQ:123-456-789', 'IMPP(ICQ):aim:123456789']);
    expect(lines3('MSN', 'anna@hotmail.example')).toEqual([
      'X-MSN:anna@hotmail.example',
      'IMPP(MSN):msnim:anna@hotmail.example',
    ]);
  });
});

describe('OTHER and unknown codes', () => {
  it('go to NOTE, labelled by the code (or "Messenger"), one per line', () => {
    expect(lines3('OTHER', 'viber +7 912 000-00-00')).toEqual(['NOTE:Messenger: viber +7 912 000-00-00']);
    expect(lines3(null, '@anna')).toEqual(['NOTE:Messenger: @anna']);
    expect(lines3('VIBER', '+7 912 000-00-00')).toEqual(['NOTE:Viber: +7 912 000-00-00']);
    expect(lines3('VK_MESSENGER', 'id123')).toEqual(['NOTE:Vk messenger: id123']);
    expect(lines3('constructor', 'id123')).toEqual(['NOTE:Constructor: id123']);
    expect(lines3('__proto__', 'id123')).toEqual(['NOTE:Proto: id123']);
  });

  it('never let messenger text or a code start a property, a card, or a URL', () => {
    const hostile = 'anna_m\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:evil;x,y\\';
    for (const code of ['TELEGRAM', 'WHATSAPP', 'SKYPE', 'JABBER', 'GTALK', 'ICQ', 'MSN', 'OTHER', 'X\r\nFN:evil']) {
      const lines = lines3(code, hostile);
      expect(lines.some((line) => line.startsWith('URL') || line.startsWith('IMPP'))).toBe(false);
      const notes = lines.filter((line) => line.startsWith('NOTE'));
      expect(notes).toHaveLength(1);
      expect(notes[0]).toContain('anna_m END:VCARD BEGIN:VCARD FN:evil\\;x\\,y\\\\');
    }
    expect(lines3('TELEGRAM', 'https://t.me/anna_m"><script>')).toEqual([
      'NOTE:Telegram: https://t.me/anna_m"><script>',
    ]);
    expect(lines3('TELEGRAM', 'https://t.me/anna_m\nhttps://evil.example')).toEqual([
      'NOTE:Telegram: https://t.me/anna_m https://evil.example',
    ]);
  });

  it('skip empty handles', () => {
    expect(toMessenger('TELEGRAM', '   \r\n\u0000')).toBeNull();
    expect(messengersOf([{ typeCode: 'SKYPE', value: '' }], [])).toEqual([]);
  });
});

describe('internationalDigits', () => {
  it('reads +, 00, and national numbers that match one of the contact’s phones', () => {
    expect(internationalDigits('+7 (912) 345-67-89', [])).toBe('79123456789');
    expect(internationalDigits('00 49 151 1234 5678', [])).toBe('4915112345678');
    expect(internationalDigits('8 (912) 345-67-89', ['+79123456789'])).toBe('79123456789');
    expect(internationalDigits('8 (912) 345-67-89', ['+79990001122'])).toBeNull();
    expect(internationalDigits('12345', ['+79123412345'])).toBeNull();
    expect(internationalDigits('+7 912 CALL ME', [])).toBeNull();
  });
});

describe('messengers in vCard 4.0', () => {
  it('writes IMPP and URL, no legacy X- properties, and NOTE only without either', () => {
    const card = toVCardContact(
      {
        accountId: 1,
        id: 1,
        name: 'A',
        firstName: '',
        lastName: '',
        updatedAt: 0,
        channels: [
          { kind: 'phone', value: '+79123456789', normalized: '+79123456789', typeCode: 'MOB' },
          { kind: 'im', value: '@anna_m', normalized: null, typeCode: 'TELEGRAM' },
          { kind: 'im', value: 'anna.smirnova', normalized: null, typeCode: 'SKYPE' },
          { kind: 'im', value: 'Anna Smirnova', normalized: null, typeCode: 'SKYPE' },
          { kind: 'im', value: 'viber; +7 912', normalized: null, typeCode: 'OTHER' },
        ],
      },
      'L',
    );
    const [read] = readVCards(writeVCard4(card), { version: '4.0' });
    expect(read?.properties.filter((p) => p.name.startsWith('X-'))).toEqual([]);
    expect(read?.get('IMPP').map((p) => p.raw)).toEqual(['x-apple:anna_m', 'skype:anna.smirnova']);
    expect(read?.get('URL').map((p) => p.raw)).toEqual(['https://t.me/anna_m']);
    expect(read?.text('NOTE')).toBe('Skype: Anna Smirnova\nMessenger: viber; +7 912');
  });
});
