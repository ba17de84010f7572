/**
 * Who is in a .vcf file someone shared to the installed app: the number of cards and their
 * display names (FN, else N), read leniently from any vCard 2.1/3.0/4.0 a phone exports.
 * Unfolding works on bytes, so a fold that splits a UTF-8 character still reads right.
 */
import { displayText } from './display-text';

export interface VcardNames {
  readonly count: number;
  readonly names: readonly string[];
}

const cr = 0x0d;
const lf = 0x0a;

/** Removes line folds: CRLF (or a bare LF) followed by one space or tab. */
export function unfold(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let length = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    const breakLength = byte === cr && bytes[i + 1] === lf ? 2 : byte === lf ? 1 : 0;
    if (breakLength > 0) {
      const next = bytes[i + breakLength];
      if (next === 0x20 || next === 0x09) {
        i += breakLength; // skip the break and the one whitespace after it
        continue;
      }
    }
    out[length++] = byte;
  }
  return out.subarray(0, length);
}

/** RFC 6350 text unescaping: \\ \; \, and \n (or \N). */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, char: string) => (char === 'n' || char === 'N' ? '\n' : char));
}

/** Quoted-printable (vCard 2.1, as Android exports): =XX bytes (soft line breaks are joined before). */
function decodeQuotedPrintable(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value[i] === '=' ? value.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      for (const byte of new TextEncoder().encode(value[i])) bytes.push(byte);
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

interface Property {
  readonly name: string;
  readonly params: string;
  readonly value: string;
}

function parseLine(line: string): Property | null {
  const colon = line.indexOf(':');
  if (colon < 0) return null;
  const head = line.slice(0, colon);
  const semicolon = head.indexOf(';');
  const fullName = semicolon < 0 ? head : head.slice(0, semicolon);
  // A group prefix ("item1.FN") does not change what the property is.
  const name = fullName.slice(fullName.lastIndexOf('.') + 1).toUpperCase();
  return { name, params: semicolon < 0 ? '' : head.slice(semicolon + 1).toUpperCase(), value: line.slice(colon + 1) };
}

function textValue(property: Property): string {
  const quoted = /(^|;)(ENCODING=)?QUOTED-PRINTABLE(;|$)/.test(property.params);
  return unescapeText(quoted ? decodeQuotedPrintable(property.value) : property.value);
}

/**
 * Splits a structured value on the separators that are not escaped ("a\\;b;c" → "a\\;b", "c").
 * A loop rather than a lookbehind regex: Safari before iOS 16.4 cannot parse a lookbehind,
 * and that syntax error would stop the whole page, handoff included, not just this reader.
 */
export function splitUnescaped(value: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i] as string;
    if (char === '\\' && i + 1 < value.length) {
      current += char + value[++i];
    } else if (char === separator) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

/** "Family;Given;Middle;Prefix;Suffix" → "Prefix Given Middle Family Suffix". */
function nameFromN(value: string): string {
  const parts = splitUnescaped(value, ';').map((part) => unescapeText(part).trim());
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = parts;
  return [prefix, given, middle, family, suffix].filter((part) => part !== '').join(' ');
}

/** Counts the cards and reads up to `limit` display names, in file order. */
export function vcardNames(bytes: Uint8Array, limit = 200): VcardNames {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(unfold(bytes));
  const lines = logicalLines(text);
  let count = 0;
  let inCard = false;
  let fn: string | null = null;
  let n: string | null = null;
  const names: string[] = [];
  for (const line of lines) {
    const property = parseLine(line);
    if (property === null) continue;
    if (property.name === 'BEGIN' && property.value.trim().toUpperCase() === 'VCARD') {
      inCard = true;
      fn = null;
      n = null;
    } else if (property.name === 'END' && property.value.trim().toUpperCase() === 'VCARD' && inCard) {
      inCard = false;
      count++;
      const name = displayText(fn ?? n ?? '');
      if (name !== '' && names.length < limit) names.push(name);
    } else if (inCard && property.name === 'FN' && fn === null) {
      fn = textValue(property);
    } else if (inCard && property.name === 'N' && n === null) {
      const quoted = /QUOTED-PRINTABLE/.test(property.params);
      n = nameFromN(quoted ? decodeQuotedPrintable(property.value) : property.value);
    }
  }
  return { count, names };
}

/** The file's lines, with quoted-printable soft breaks ("=" ending a QP value's line) joined. */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let pending: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line: string = pending === null ? raw : pending + raw;
    const colon = line.indexOf(':');
    const quoted = colon >= 0 && /QUOTED-PRINTABLE/i.test(line.slice(0, colon));
    if (quoted && line.endsWith('=')) {
      pending = line.slice(0, -1);
    } else {
      pending = null;
      lines.push(line);
    }
  }
  if (pending !== null) lines.push(pending);
  return lines;
}
