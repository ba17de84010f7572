/**
 * Five independent readers of a .vcf, each turned into the same plain shape, so a test can
 * compare what each would store with what amoCRM holds:
 * - aosp: Android's stock importer (AOSP frameworks/opt/vcard, ../shared/tools/aosp-vcard),
 *   what a stock Android phone stores after "Import from .vcf";
 * - vobject: python3-vobject (Debian), the parser Radicale stores every card through;
 * - vdirsyncer: vdirsyncer's own splitter (Debian), which breaks lines at U+2028 and U+2029;
 * - text-vcard: Perl Text::vCard (Debian libtext-vcard-perl);
 * - icaljs: ical.js, the parser of Thunderbird's address book.
 * Each runs on the whole file once (a JVM, two Pythons and a Perl), not per card.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ICAL from 'ical.js';

export type ReaderName = 'aosp' | 'vobject' | 'vdirsyncer' | 'text-vcard' | 'icaljs';
export const readerNames: readonly ReaderName[] = ['aosp', 'vobject', 'vdirsyncer', 'text-vcard', 'icaljs'];

export interface ReaderCard {
  readonly name: string | null;
  /** Each number as the reader holds it (escapes undone). */
  readonly numbers: readonly string[];
  readonly emails: readonly string[];
  readonly company: string | null;
  readonly title: string | null;
  readonly notes: readonly string[];
  readonly urls: readonly string[];
  /** Messenger handles the reader keeps as such (AOSP's IM rows). */
  readonly ims: readonly string[];
}

const here = dirname(fileURLToPath(import.meta.url));
/** Debian's Python, where vobject and vdirsyncer are installed (not a pyenv one on the PATH). */
const debianPython = '/usr/bin/python3';
const aospTool = resolve(here, '../../../../shared/tools/aosp-vcard/aosp-import.mjs');

/** The command to install what a reader needs, or null when it is there. */
export function missingReader(reader: ReaderName): string | null {
  const run = (file: string, args: string[]) => {
    try {
      execFileSync(file, args, { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  switch (reader) {
    case 'aosp':
      return existsSync(aospTool) && run('javac', ['-version'])
        ? null
        : 'apt-get install -y default-jdk-headless (and ../shared/tools/aosp-vcard beside the clone)';
    case 'vobject':
      return run(debianPython, ['-c', 'import vobject']) ? null : 'apt-get install -y python3-vobject';
    case 'vdirsyncer':
      return run(debianPython, ['-c', 'import vdirsyncer.vobject']) ? null : 'apt-get install -y vdirsyncer';
    case 'text-vcard':
      return run('perl', ['-MText::vCard::Addressbook', '-e', '1']) ? null : 'apt-get install -y libtext-vcard-perl';
    case 'icaljs':
      return null;
  }
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, char: string) => (char === 'n' || char === 'N' ? '\n' : char));
}

function json(file: string, args: string[]): unknown {
  return JSON.parse(execFileSync(file, args, { encoding: 'utf8', maxBuffer: 1 << 30 }));
}

interface AospCard {
  displayName: string | null;
  phones: { number: string }[];
  emails: { address: string }[];
  ims: { data: string }[];
  organizations: { company: string | null; title: string | null }[];
  notes: string[];
  websites: string[];
}

export function readWith(reader: ReaderName, file: string): ReaderCard[] {
  switch (reader) {
    case 'aosp': {
      // The tool runs only when started by its real path (it compares its own URL with argv[1]).
      const tool = realpathSync(aospTool);
      const result = json('node', [tool, '--no-rows', file]) as { imported: boolean; cards: AospCard[] };
      if (!result.imported) return [];
      return result.cards.map((card) => ({
        name: card.displayName,
        numbers: card.phones.map((phone) => phone.number),
        emails: card.emails.map((email) => email.address),
        company: card.organizations[0]?.company ?? null,
        title: card.organizations[0]?.title ?? null,
        notes: card.notes ?? [],
        urls: card.websites ?? [],
        ims: card.ims.map((im) => im.data),
      }));
    }
    case 'vobject':
    case 'text-vcard': {
      const cards = (
        reader === 'vobject'
          ? json(debianPython, [join(here, 'read-vobject.py'), file])
          : json('perl', [join(here, 'read-text-vcard.pl'), file])
      ) as Omit<ReaderCard, 'ims'>[];
      return cards.map((card) => ({ ...card, ims: [] }));
    }
    case 'vdirsyncer': {
      const cards = json(debianPython, [join(here, 'read-vdirsyncer.py'), file]) as Record<string, string[]>[];
      return cards.map((props) => {
        const first = (name: string) =>
          props[name]?.[0] === undefined ? null : unescapeText(props[name][0] as string);
        return {
          name: first('FN'),
          numbers: (props['TEL'] ?? []).map(unescapeText),
          emails: (props['EMAIL'] ?? []).map(unescapeText),
          company: props['ORG']?.[0] === undefined ? null : unescapeText(props['ORG'][0].split(/(?<!\\);/)[0] ?? ''),
          title: first('TITLE'),
          notes: (props['NOTE'] ?? []).map(unescapeText),
          urls: props['URL'] ?? [],
          ims: [],
        };
      });
    }
    case 'icaljs': {
      const parsed = ICAL.parse(readFileSync(file, 'utf8')) as unknown;
      const list = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : parsed) as unknown[];
      return list.map((jcard) => {
        const card = new ICAL.Component(jcard as unknown[]);
        const all = (name: string) => card.getAllProperties(name).map((p) => String(p.getFirstValue() ?? ''));
        const org = card.getFirstProperty('org')?.getValues()[0];
        return {
          name: (card.getFirstPropertyValue('fn') as string | null) ?? null,
          numbers: all('tel'),
          emails: all('email'),
          company: org === undefined ? null : String(Array.isArray(org) ? org[0] : org),
          title: (card.getFirstPropertyValue('title') as string | null) ?? null,
          notes: all('note'),
          urls: all('url'),
          ims: [],
        };
      });
    }
  }
}
