/** Text from the other side made safe to show: one line, no control characters, a capped length. */

const maxShownLength = 200;
const fallbackFileName = 'contacts.vcf';

/** C0 and C1 control characters (tab, newline, escape, …). */
function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/** One line of text to show: control characters become spaces, runs of space collapse, length is capped. */
export function displayText(text: string): string {
  const spaced = Array.from(text, (char) => (isControl(char.codePointAt(0) ?? 0) ? ' ' : char)).join('');
  const line = spaced.replace(/\s+/g, ' ').trim();
  const chars = Array.from(line);
  return chars.length > maxShownLength ? `${chars.slice(0, maxShownLength).join('')}…` : line;
}

/** A plain file name ending in .vcf: no folders, no control characters, not empty. */
export function safeFileName(value: unknown): string {
  if (typeof value !== 'string') return fallbackFileName;
  const base = displayText(value.replace(/[\\/:*?"<>|]+/g, '_')).replace(/^\.+/, '');
  if (base === '' || base.length > 120) return fallbackFileName;
  return /\.vcf$/i.test(base) ? base : `${base}.vcf`;
}
