/**
 * A small vCard 3.0 reader written from RFC 2426 for tests, sharing no code with the
 * writer: unfold (CRLF + one space or tab), split name;params:value with quoted params,
 * unescape \\ \, \; \n. It is strict on purpose: a bare LF, a blank line or a line over
 * 75 octets fails the test instead of being forgiven.
 */

export interface ReadProperty {
  readonly name: string;
  readonly params: Readonly<Record<string, string[]>>;
  /** The raw value, before unescaping. */
  readonly raw: string;
}

export interface ReadCard {
  readonly properties: readonly ReadProperty[];
  get(name: string): ReadProperty[];
  text(name: string): string | undefined;
  /** A structured value (N, ADR, ORG): components split on unescaped ';', each unescaped. */
  components(name: string): string[] | undefined;
}

export function unescapeText(raw: string): string {
  return raw.replace(/\\([\\,;nN])/g, (_match, char: string) => (char === 'n' || char === 'N' ? '\n' : char));
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

export function readVCards(text: string): ReadCard[] {
  if (text.charCodeAt(0) === 0xfeff) throw new Error('file starts with a BOM');
  if (/[^\r]\n/.test(text) || /\r[^\n]/.test(text)) throw new Error('line ends must be CRLF');
  const physical = text.split('\r\n');
  if (physical.at(-1) !== '') throw new Error('file must end with CRLF');
  physical.pop();
  for (const line of physical) {
    if (Buffer.byteLength(line) > 75) throw new Error(`line longer than 75 octets: ${line}`);
    if (line === '') throw new Error('blank line inside the file');
  }
  const logical: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (logical.length === 0) throw new Error('continuation before any line');
      logical[logical.length - 1] += line.slice(1);
    } else {
      logical.push(line);
    }
  }

  const cards: ReadCard[] = [];
  let current: ReadProperty[] | null = null;
  for (const line of logical) {
    const property = parseLine(line);
    if (property.name === 'BEGIN' && property.raw.toUpperCase() === 'VCARD') {
      if (current) throw new Error('BEGIN inside a card');
      current = [];
    } else if (property.name === 'END' && property.raw.toUpperCase() === 'VCARD') {
      if (!current) throw new Error('END outside a card');
      cards.push(makeCard(current));
      current = null;
    } else {
      if (!current) throw new Error(`property outside a card: ${line}`);
      current.push(property);
    }
  }
  if (current) throw new Error('unterminated card');
  return cards;
}

function parseLine(line: string): ReadProperty {
  let i = 0;
  let inQuotes = false;
  for (; i < line.length; i++) {
    const char = line[i];
    if (char === '"') inQuotes = !inQuotes;
    else if (char === ':' && !inQuotes) break;
  }
  if (i === line.length) throw new Error(`no ':' in line: ${line}`);
  const [nameWithGroup = '', ...paramParts] = line.slice(0, i).split(';');
  const name = (nameWithGroup.split('.').at(-1) ?? '').toUpperCase();
  const params: Record<string, string[]> = {};
  for (const part of paramParts) {
    const [key = '', value = ''] = part.split('=');
    params[key.toUpperCase()] = value.split(',').map((v) => v.replace(/^"|"$/g, ''));
  }
  return { name, params, raw: line.slice(i + 1) };
}

function makeCard(properties: ReadProperty[]): ReadCard {
  const get = (name: string) => properties.filter((p) => p.name === name.toUpperCase());
  return {
    properties,
    get,
    text: (name) => {
      const property = get(name)[0];
      return property ? unescapeText(property.raw) : undefined;
    },
    components: (name) => {
      const property = get(name)[0];
      return property ? splitUnescaped(property.raw, ';').map(unescapeText) : undefined;
    },
  };
}
