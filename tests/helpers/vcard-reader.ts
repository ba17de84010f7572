/**
 * A small vCard reader written from RFC 2426 (3.0) and RFC 6350 (4.0) for tests, sharing no
 * code with the writer: unfold (CRLF + one space or tab), split `[group.]name;params:value`
 * with quoted params, unescape \\ \, \; \n.
 *
 * It is strict on purpose, so that a writer bug fails a test instead of being forgiven:
 * - a BOM, a bare CR or LF, a missing final CRLF, a blank line, a line over 75 octets, an
 *   empty continuation line;
 * - text that does not survive UTF-8 (a lone surrogate), a control character (C0 but TAB,
 *   DEL, C1: U+0085 is a line break to some readers);
 * - a property or parameter name outside the grammar, a parameter value with `"`, `;`,
 *   `:` or `,` outside quotes;
 * - a card that does not start BEGIN, VERSION (the expected one), that nests, is not
 *   closed, or lacks exactly one N and one FN; more than one UID or REV;
 * - in a text value, a backslash that does not start \\ \, \; \n or \N.
 */

export interface ReadProperty {
  readonly group: string | null;
  readonly name: string;
  readonly params: Readonly<Record<string, string[]>>;
  /** The raw value, before unescaping. */
  readonly raw: string;
}

export interface ReadCard {
  readonly version: string;
  readonly properties: readonly ReadProperty[];
  get(name: string): ReadProperty[];
  /** The first value of `name`, unescaped as text. */
  text(name: string): string | undefined;
  /** Every value of `name`, unescaped as text. */
  texts(name: string): string[];
  /** A structured value (N, ADR, ORG): components split on unescaped ';', each unescaped. */
  components(name: string): string[] | undefined;
  /** A list value (CATEGORIES, NICKNAME): items split on unescaped ',', each unescaped. */
  list(name: string): string[] | undefined;
}

export interface ReadOptions {
  /** The VERSION every card must carry right after BEGIN (default 3.0). */
  readonly version?: '3.0' | '4.0';
}

export function unescapeText(raw: string): string {
  return raw.replace(/\\(.?)/gs, (_match, char: string) => {
    if (char === 'n' || char === 'N') return '\n';
    if (char === '\\' || char === ',' || char === ';') return char;
    throw new Error(`broken escape "\\${char}" in ${JSON.stringify(raw)}`);
  });
}

function splitUnescaped(raw: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i] as string;
    if (char === '\\' && i + 1 < raw.length) {
      current += char + raw[i + 1];
      i++;
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

function octets(line: string): number {
  let bytes = 0;
  for (const char of line) {
    const code = char.codePointAt(0) as number;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

export function readVCards(text: string, options: ReadOptions = {}): ReadCard[] {
  const version = options.version ?? '3.0';
  if (text.charCodeAt(0) === 0xfeff) throw new Error('file starts with a BOM');
  if (/[^\r]\n/.test(text) || /^\n/.test(text) || /\r(?!\n)/.test(text)) throw new Error('line ends must be CRLF');
  if (Buffer.from(text, 'utf8').toString('utf8') !== text)
    throw new Error('text is not well-formed UTF-16 (lone surrogate)');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects
  const control = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;
  const physical = text.split('\r\n');
  if (physical.at(-1) !== '') throw new Error('file must end with CRLF');
  physical.pop();
  for (const line of physical) {
    if (octets(line) > 75) throw new Error(`line longer than 75 octets: ${line}`);
    if (line === '') throw new Error('blank line inside the file');
    if (control.test(line)) throw new Error(`control character in line: ${JSON.stringify(line)}`);
  }
  const logical: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (logical.length === 0) throw new Error('continuation before any line');
      if (line.length === 1) throw new Error('empty continuation line');
      logical[logical.length - 1] += line.slice(1);
    } else {
      logical.push(line);
    }
  }

  const cards: ReadCard[] = [];
  let current: ReadProperty[] | null = null;
  for (const line of logical) {
    const property = parseLine(line);
    if (property.name === 'BEGIN') {
      if (property.raw.toUpperCase() !== 'VCARD') throw new Error(`BEGIN of something else: ${line}`);
      if (current) throw new Error('BEGIN inside a card');
      current = [];
    } else if (property.name === 'END') {
      if (property.raw.toUpperCase() !== 'VCARD') throw new Error(`END of something else: ${line}`);
      if (!current) throw new Error('END outside a card');
      cards.push(makeCard(current, version));
      current = null;
    } else {
      if (!current) throw new Error(`property outside a card: ${line}`);
      if (current.length === 0 && (property.name !== 'VERSION' || property.raw !== version)) {
        throw new Error(`a card must start with VERSION:${version}, not ${line}`);
      }
      current.push(property);
    }
  }
  if (current) throw new Error('unterminated card');
  return cards;
}

const nameToken = /^[A-Za-z0-9-]+$/;

function parseLine(line: string): ReadProperty {
  let i = 0;
  let inQuotes = false;
  for (; i < line.length; i++) {
    const char = line[i];
    if (char === '"') inQuotes = !inQuotes;
    else if (char === ':' && !inQuotes) break;
  }
  if (i === line.length) throw new Error(`no ':' in line: ${line}`);
  const head = line.slice(0, i);
  const parts: string[] = [];
  let part = '';
  inQuotes = false;
  for (const char of head) {
    if (char === '"') inQuotes = !inQuotes;
    if (char === ';' && !inQuotes) {
      parts.push(part);
      part = '';
    } else part += char;
  }
  parts.push(part);
  const [nameWithGroup = '', ...paramParts] = parts;
  const dot = nameWithGroup.lastIndexOf('.');
  const group = dot >= 0 ? nameWithGroup.slice(0, dot) : null;
  const name = nameWithGroup.slice(dot + 1).toUpperCase();
  if (!nameToken.test(name) || (group !== null && !nameToken.test(group)))
    throw new Error(`bad property name: ${line}`);
  const params: Record<string, string[]> = {};
  for (const param of paramParts) {
    const equals = param.indexOf('=');
    const key = (equals >= 0 ? param.slice(0, equals) : param).toUpperCase();
    if (!nameToken.test(key)) throw new Error(`bad parameter name in: ${line}`);
    const values = equals >= 0 ? splitParamValues(param.slice(equals + 1), line) : [];
    params[key] = [...(params[key] ?? []), ...values];
  }
  return { group, name, params, raw: line.slice(i + 1) };
}

function splitParamValues(text: string, line: string): string[] {
  const values: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      values.push(current);
      current = '';
    } else current += char;
  }
  if (quoted) throw new Error(`unterminated quote in: ${line}`);
  values.push(current);
  return values;
}

function makeCard(properties: ReadProperty[], version: string): ReadCard {
  const get = (name: string) => properties.filter((p) => p.name === name.toUpperCase());
  for (const [name, min, max] of [
    ['VERSION', 1, 1],
    ['N', 1, 1],
    ['FN', 1, 1],
    ['UID', 0, 1],
    ['REV', 0, 1],
  ] as const) {
    const count = get(name).length;
    if (count < min || count > max) throw new Error(`a card needs ${min}-${max} ${name}, has ${count}`);
  }
  return {
    version,
    properties,
    get,
    text: (name) => {
      const property = get(name)[0];
      return property ? unescapeText(property.raw) : undefined;
    },
    texts: (name) => get(name).map((property) => unescapeText(property.raw)),
    components: (name) => {
      const property = get(name)[0];
      return property ? splitUnescaped(property.raw, ';').map(unescapeText) : undefined;
    },
    list: (name) => {
      const property = get(name)[0];
      return property ? splitUnescaped(property.raw, ',').map(unescapeText) : undefined;
    },
  };
}
