/**
 * Writing 100,000 generated contacts as vCard 3.0 and 4.0 (toVCardContact + the writer +
 * joining the file's text), against a baseline that only joins the same contacts' names
 * with CRLF, in the same run: card by card (writeCard, as file-export.ts calls it: one
 * string per card, joined at the end) and in one go as the file's bytes
 * (writeContactCardsUtf8, nothing left to encode). Also toVCardContact, the writers and the
 * UIDs alone. The whole export of 100,000 (read + delta + write) must stay under 1 s, so the
 * 3.0 writing should take well under 300 ms.
 *
 * The contacts are the sandbox's (seed "bench"), mapped as a sync maps them: names,
 * phones typed every way, e-mails, messengers, positions, hostile names now and then.
 * Usage: npm run bench -- --contacts 100000
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { toMirrorContact } from '../../src/main/crm/contact-mapper';
import {
  contactUid,
  type ExportableContact,
  toVCardContact,
  writeContactCards,
  writeContactCardsUtf8,
} from '../../src/main/export/card-from-mirror';
import type { VCardContact } from '../../src/main/export/vcard-model';
import { writeVCard3 } from '../../src/main/export/vcard3';
import { writeVCard4 } from '../../src/main/export/vcard4';
import { phoneRegion } from '../../src/main/phones/normalize';
import { createSandboxAccount } from '../../src/main/sandbox/account';
import { argNumber, report } from './bench-kit';

const contactCount = argNumber('contacts', 100_000);
const runs = 7;
const label = 'amoCRM Sandbox bench';

const account = createSandboxAccount({ seed: 'bench', contactCount, anchorTime: 1_750_000_000 });
const region = phoneRegion(account.country);
const contacts: ExportableContact[] = [];
for (let index = 0; index < contactCount; index++) {
  const mirror = toMirrorContact(account.contactAt(index), region);
  contacts.push({
    accountId: account.id,
    id: mirror.id,
    name: mirror.name,
    firstName: mirror.firstName,
    lastName: mirror.lastName,
    updatedAt: mirror.updatedAt,
    position: mirror.position,
    channels: mirror.channels,
  });
}

// Each figure builds the file's text as file-export.ts does: one string per card, joined once.
function joinNames(): string {
  const names: string[] = [];
  for (const contact of contacts) names.push(contact.name);
  return names.join('\r\n');
}

function exportFile(write: (card: VCardContact) => string): string {
  const out: string[] = [];
  for (const contact of contacts) out.push(write(toVCardContact(contact, label)));
  return out.join('');
}

function writeOnly(cards: readonly VCardContact[], write: (card: VCardContact) => string): string {
  const out: string[] = [];
  for (const card of cards) out.push(write(card));
  return out.join('');
}

// A real export runs once, on a heap the last one left collected: each run here starts
// from a full collection, so one run's 30+ MB of text does not slow the next.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

async function medianMs(times: number, task: () => unknown): Promise<number> {
  const taken: number[] = [];
  for (let i = 0; i < times; i++) {
    collect();
    const started = performance.now();
    task();
    taken.push(performance.now() - started);
  }
  taken.sort((a, b) => a - b);
  return taken[Math.floor(taken.length / 2)] as number;
}

// Warm up every path once (JIT), and check what is written.
const count = (text: string) => text.split('BEGIN:VCARD\r\n').length - 1;
const size3 = Buffer.byteLength(exportFile(writeVCard3));
const size4 = Buffer.byteLength(exportFile(writeVCard4));
if (count(exportFile(writeVCard3)) !== contactCount || count(exportFile(writeVCard4)) !== contactCount) {
  throw new Error('a card went missing');
}
if (writeContactCards(contacts, label, 'vcard3') !== exportFile(writeVCard3)) throw new Error('batch differs (3.0)');
if (writeContactCards(contacts, label, 'vcard4') !== exportFile(writeVCard4)) throw new Error('batch differs (4.0)');
joinNames();

const baselineMs = await medianMs(runs, joinNames);
const v3Ms = await medianMs(runs, () => exportFile(writeVCard3));
const v4Ms = await medianMs(runs, () => exportFile(writeVCard4));
const batch3 = await medianMs(runs, () => writeContactCardsUtf8(contacts, label, 'vcard3', 'comma'));
const batch4 = await medianMs(runs, () => writeContactCardsUtf8(contacts, label, 'vcard4', 'comma'));
const build = await medianMs(runs, () => contacts.map((contact) => toVCardContact(contact, label)));
const cards = contacts.map((contact) => toVCardContact(contact, label));
const write3 = await medianMs(runs, () => writeOnly(cards, writeVCard3));
const write4 = await medianMs(runs, () => writeOnly(cards, writeVCard4));
const uids = await medianMs(runs, () => {
  for (const contact of contacts) contactUid(contact.accountId, contact.id);
});

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
console.log(`${contactCount} contacts; 3.0 file ${mb(size3)} MB, 4.0 file ${mb(size4)} MB (median of ${runs})`);
const baseline = 'join names with CRLF';
report(`write ${contactCount} cards as vCard 3.0 (toVCardContact + writeVCard3)`, v3Ms, baseline, baselineMs);
report(`write ${contactCount} cards as vCard 4.0 (toVCardContact + writeVCard4)`, v4Ms, baseline, baselineMs);
report(
  `write ${contactCount} cards as vCard 3.0 UTF-8 in one go (writeContactCardsUtf8)`,
  batch3,
  baseline,
  baselineMs,
);
report(
  `write ${contactCount} cards as vCard 4.0 UTF-8 in one go (writeContactCardsUtf8)`,
  batch4,
  baseline,
  baselineMs,
);
// The parts below keep everything they make alive, so they do not add up to the above.
report('  toVCardContact alone (all cards kept)', build, baseline, baselineMs);
report('  writeVCard3 alone (cards built beforehand)', write3, baseline, baselineMs);
report('  writeVCard4 alone (cards built beforehand)', write4, baseline, baselineMs);
report(`  contactUid alone (${contactCount})`, uids, baseline, baselineMs);
