/**
 * The links that hand the vCard to the phone's address book, built from its exact bytes.
 *
 * iPhone, one contact: a `data:text/vcard` link with `download`: Safari previews the card and
 * offers "Create New Contact" (the one-tap path, known to work for one card).
 * iPhone, several contacts: Safari's preview shows only the first card of a file
 * (tbar0970/jethro-pmm#988; brave/brave-browser#51965 for the same preview in Brave), while
 * the Files app lists them all with "Add All N Contacts". So the file is saved to Files: a
 * `data:` link typed `application/octet-stream`, which Safari downloads (to Downloads)
 * instead of previewing, and the page says what to tap there. Verified here in WebKit
 * (the download and its bytes, tests/e2e/webkit-handoff.test.ts); not on a real iPhone:
 * the Files app's "Add All" is reported, not seen.
 * Elsewhere: a blob: download (Chromium caps any URL, data: included, at 2 MB).
 */

/** Each byte's spelling in a data: URL: unreserved ASCII as itself, everything else %XX. */
const byteSpelling: readonly string[] = Array.from({ length: 256 }, (_, byte) => {
  const char = String.fromCharCode(byte);
  return /^[A-Za-z0-9\-._~]$/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
});

/** `data:text/vcard;charset=utf-8,` + every byte percent-encoded but the unreserved ASCII: byte-exact, whatever the bytes are. */
export function vcardDataUrl(bytes: Uint8Array, type: 'preview' | 'file' = 'preview'): string {
  const parts = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) parts[i] = byteSpelling[bytes[i] as number] as string;
  const mime = type === 'preview' ? 'text/vcard;charset=utf-8' : 'application/octet-stream';
  return `data:${mime},${parts.join('')}`;
}

/** A Blob of exactly these bytes, typed as a vCard. */
export function vcardBlob(bytes: Uint8Array): Blob {
  return new Blob([bytes.slice()], { type: 'text/vcard' });
}

/** data-link: Safari's preview (one card); files-download: saved to the Files app (several); blob-download: elsewhere. */
export type ImportRoute = 'data-link' | 'files-download' | 'blob-download';

export function importRoute(os: 'ios' | 'android' | 'other', cards = 1): ImportRoute {
  if (os !== 'ios') return 'blob-download';
  return cards > 1 ? 'files-download' : 'data-link';
}
