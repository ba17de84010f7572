/**
 * The links that hand the vCard to the phone's address book, built from its exact bytes.
 * iOS: a `data:text/vcard` link with `download` (Safari previews it and offers "Add all";
 * a blob: link saves to Files instead). Elsewhere: a blob: download (Chromium caps any URL,
 * data: included, at 2 MB).
 */

/** Each byte's spelling in a data: URL: unreserved ASCII as itself, everything else %XX. */
const byteSpelling: readonly string[] = Array.from({ length: 256 }, (_, byte) => {
  const char = String.fromCharCode(byte);
  return /^[A-Za-z0-9\-._~]$/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
});

/** `data:text/vcard;charset=utf-8,` + every byte percent-encoded but the unreserved ASCII: byte-exact, whatever the bytes are. */
export function vcardDataUrl(bytes: Uint8Array): string {
  const parts = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) parts[i] = byteSpelling[bytes[i] as number] as string;
  return `data:text/vcard;charset=utf-8,${parts.join('')}`;
}

/** A Blob of exactly these bytes, typed as a vCard. */
export function vcardBlob(bytes: Uint8Array): Blob {
  return new Blob([bytes.slice()], { type: 'text/vcard' });
}

export type ImportRoute = 'data-link' | 'blob-download';

export function importRoute(os: 'ios' | 'android' | 'other'): ImportRoute {
  return os === 'ios' ? 'data-link' : 'blob-download';
}
