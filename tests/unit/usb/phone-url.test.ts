/** Only the handoff page address reaches the phone's shell, and it arrives as one word. */
import { describe, expect, it } from 'vitest';
import { assertPhonePageUrl, quoteForRemoteShell, redactKey } from '../../../src/main/delivery/usb/phone-url';
import { AppError } from '../../../src/shared/errors';
import { wordsSeenByPhoneShell } from '../../helpers/adb-stand-in';

const token = 'q1w2e3r4t5y6u7i8o9p0aA';
const key = 'Zm9vYmFyYmF6cXV4LV9mb29iYXJiYXpxdXgtX2Zvbw';
const pageUrl = `http://localhost:8123/p/${token}#k=${key}`;

describe('assertPhonePageUrl', () => {
  it('accepts the handoff page on localhost or 127.0.0.1', () => {
    expect(() => assertPhonePageUrl(pageUrl, 8123)).not.toThrow();
    expect(() => assertPhonePageUrl(`http://127.0.0.1:1/p/${token}#k=${key}`)).not.toThrow();
  });

  const hostile = [
    ['a semicolon', `${pageUrl};reboot`],
    ['command substitution', `http://localhost:8123/p/$(reboot)#k=${key}`],
    ['backticks', `http://localhost:8123/p/\`reboot\`#k=${key}`],
    ['a space', `http://localhost:8123/p/${token} -n com.evil/.Main#k=${key}`],
    ['a single quote', `http://localhost:8123/p/${token}'#k=${key}`],
    ['a double quote', `http://localhost:8123/p/${token}"#k=${key}`],
    ['a newline', `${pageUrl}\nreboot`],
    ['an ampersand', `${pageUrl}&reboot`],
    ['a pipe', `${pageUrl}|reboot`],
    ['another host', `http://evil.example:8123/p/${token}#k=${key}`],
    ['https', `https://localhost:8123/p/${token}#k=${key}`],
    ['another path', `http://localhost:8123/v/${token}#k=${key}`],
    ['no key', `http://localhost:8123/p/${token}`],
    ['port 0', `http://localhost:0/p/${token}#k=${key}`],
    ['port 70000', `http://localhost:70000/p/${token}#k=${key}`],
    ['a file URL', 'file:///sdcard/Download/contacts.vcf'],
    ['an intent URL', 'intent://x#Intent;scheme=http;end'],
  ] as const;

  it.each(hostile)('refuses %s with INVALID_URL', (_name, url) => {
    expect(() => assertPhonePageUrl(url)).toThrow(AppError);
    try {
      assertPhonePageUrl(url);
    } catch (error) {
      expect((error as AppError).code).toBe('INVALID_URL');
    }
  });

  it('refuses a page on another port than the route carries', () => {
    expect(() => assertPhonePageUrl(pageUrl, 9000)).toThrow(/port 8123, but the USB route carries port 9000/);
  });

  it('never echoes the key in its refusal', () => {
    try {
      assertPhonePageUrl(`${pageUrl};reboot`);
      expect.unreachable();
    } catch (error) {
      expect(JSON.stringify((error as AppError).toJSON())).not.toContain(key);
    }
  });
});

describe('quoteForRemoteShell', () => {
  const texts = [
    pageUrl,
    "it's",
    "'",
    "''",
    '$(echo pwned)',
    '`echo pwned`',
    'a; echo pwned',
    'a && echo pwned',
    'two  spaces',
    'line\nbreak',
    '"double" \\back\\slash',
    '#not a comment',
    '*',
  ];

  it.each(texts)('a POSIX shell reads %j back as exactly one word', (text) => {
    const line = `am start -d ${quoteForRemoteShell(text)}`;
    expect(wordsSeenByPhoneShell(line)).toEqual(['start', '-d', text]);
  });

  it("writes ' as '\\''", () => {
    expect(quoteForRemoteShell("a'b")).toBe("'a'\\''b'");
  });
});

describe('redactKey', () => {
  it('hides the key wherever it appears', () => {
    expect(redactKey(`Error: unable to resolve Intent { dat=${pageUrl} flg=0x10000000 }`)).toBe(
      `Error: unable to resolve Intent { dat=http://localhost:8123/p/${token}#k=[hidden] flg=0x10000000 }`,
    );
  });
});
