import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importRoute, vcardBlob, vcardDataUrl } from '../../../src/renderer/phone/import-link';

const prefix = 'data:text/vcard;charset=utf-8,';

/** What a browser gets back from the link: the bytes of the data: URL, read by Node's own fetch (undici). */
async function bytesOf(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  return new Uint8Array(await response.arrayBuffer());
}

describe('vcardDataUrl', () => {
  it('round-trips a real vCard byte for byte: CRLF, folds, Cyrillic, emoji, RTL, escapes', async () => {
    const vcard = new TextEncoder().encode(
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Анна Сергеевна 👩‍💼\r\nN:Сергеевна;Анна;;;\r\nNOTE:line\\nnext\\, with\\; marks % + # ? &\r\n' +
        ' folded\r\nORG:شركة النور\r\nTEL;TYPE=CELL:+7 (912) 345-67-89\r\nEND:VCARD\r\n',
    );
    const url = vcardDataUrl(vcard);
    expect(url.startsWith(prefix)).toBe(true);
    // Nothing in the URL a browser could read as a fragment, query or line break.
    expect(url.slice(prefix.length)).toMatch(/^[A-Za-z0-9\-._~%]*$/);
    expect(await bytesOf(url)).toEqual(vcard);
  });

  it('round-trips any bytes at all, invalid UTF-8 included (property test)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => {
        expect(await bytesOf(vcardDataUrl(bytes))).toEqual(bytes);
      }),
      { numRuns: 200 },
    );
  });

  it('an empty file is an empty data: URL', () => {
    expect(vcardDataUrl(new Uint8Array())).toBe(prefix);
  });
});

describe('vcardBlob and the route', () => {
  it('a text/vcard Blob of exactly the bytes', async () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, 0x42, 0x0d, 0x0a, 0xff, 0x00]);
    const blob = vcardBlob(bytes.subarray(3));
    expect(blob.type).toBe('text/vcard');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes.subarray(3));
  });

  it('iOS gets the data: link, everyone else a blob: download', () => {
    expect(importRoute('ios')).toBe('data-link');
    // Several cards: Safari's preview shows only the first, so the file goes to the Files app.
    expect(importRoute('ios', 1)).toBe('data-link');
    expect(importRoute('ios', 2)).toBe('files-download');
    expect(importRoute('android', 5)).toBe('blob-download');
    expect(importRoute('android')).toBe('blob-download');
    expect(importRoute('other')).toBe('blob-download');
  });
});
