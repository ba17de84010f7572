/**
 * Text that every reader of the mirror can read: a lone UTF-16 surrogate (half of a broken
 * emoji, which JSON can carry as `\ud83d` alone) becomes U+FFFD. better-sqlite3 would store
 * it as invalid UTF-8 (`ED A0 80`), which SQLite's functions, FTS5, the sqlite3 shell and
 * backup tools then read as garbage.
 */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function wellFormed(text: string): string {
  return /[\ud800-\udfff]/.test(text) ? text.replace(loneSurrogate, '\ufffd') : text;
}

/** A JSON escape of a surrogate, the only way a lone one can arrive in UTF-8 JSON text. */
const surrogateEscape = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;

/**
 * JSON.parse whose strings are all well-formed. The reviver runs only when the text has a
 * surrogate escape at all (an emoji written as `\ud83d\ude00`, or a broken one), so the
 * usual page of contacts parses at JSON.parse's own speed.
 */
export function parseWellFormedJson(text: string): unknown {
  if (!surrogateEscape.test(text)) return JSON.parse(text) as unknown;
  return JSON.parse(text, (_key, value: unknown) => (typeof value === 'string' ? wellFormed(value) : value)) as unknown;
}

/** amoCRM's own fields are far shorter; a longer value is cut here so no screen or phone gets 100 KB. */
export const maxStoredTextLength = 1000;

/**
 * Text as the mirror stores it: well-formed, without NUL (which C tools and some readers
 * take for the end of the text), and at most maxStoredTextLength code points, never cutting
 * a surrogate pair in two. Other control characters are kept as the CRM has them: each
 * writer cleans them for its own format (export/vcard-text.ts).
 */
export function storableText(text: string): string {
  const clean = wellFormed(text).replaceAll('\u0000', '');
  if (clean.length <= maxStoredTextLength) return clean;
  return Array.from(clean).slice(0, maxStoredTextLength).join('');
}
