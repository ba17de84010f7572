/**
 * Writing 100,000 pulled contacts into a fresh mirror the way a sync writes them (pages of
 * 250, one transaction each, through upsertContacts: upserts, channels, the FTS index and
 * the last-seven-digits index), against a baseline of raw INSERTs of the same rows
 * (contacts and channels, prepared statements, one transaction a page, no upsert, no FTS)
 * into a fresh database with the same tables, in the same run. Contacts are generated and
 * mapped before any timing: the figure is the mirror write.
 * Usage: npm run bench -- --contacts 100000 [--runs 3]; TMPDIR=/dev/shm takes the disk out of it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { toMirrorContact } from '../../src/main/crm/contact-mapper';
import { upsertContacts } from '../../src/main/mirror/contacts-repo';
import type { MirrorDb } from '../../src/main/mirror/database';
import { migrateTo } from '../../src/main/mirror/migrations/runner';
import type { MirrorContact } from '../../src/main/model/contact';
import { phoneRegion } from '../../src/main/phones/normalize';
import { createSandboxAccount } from '../../src/main/sandbox/account';
import { closeStore, openStore } from '../../src/main/store/open-store';
import { argNumber, report } from './bench-kit';

const contactCount = argNumber('contacts', 100_000);
const runs = argNumber('runs', 3);
const pageSize = 250;

const account = createSandboxAccount({ seed: 'bench', contactCount, anchorTime: 1_750_000_000 });
const region = phoneRegion(account.country);
const contacts: MirrorContact[] = [];
for (let index = 0; index < contactCount; index++) contacts.push(toMirrorContact(account.contactAt(index), region));
const pages: MirrorContact[][] = [];
for (let start = 0; start < contacts.length; start += pageSize) pages.push(contacts.slice(start, start + pageSize));

const dir = mkdtempSync(join(tmpdir(), 'amo-phonebook-bench-'));

function addAccount(db: Database.Database): void {
  db.prepare(
    `INSERT INTO accounts (id, name, subdomain, base_url, country, current_user_id, connected_at)
     VALUES (?, 'Bench', 'bench', 'https://bench.amocrm.ru', 'RU', 1, 0)`,
  ).run(account.id);
}

interface Timing {
  readonly wallMs: number;
  /** This process's CPU (user and system): SQLite and the card renderer both run on this thread. */
  readonly cpuMs: number;
}

function timed(task: () => void): Timing {
  const cpu = process.cpuUsage();
  const started = performance.now();
  task();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/** The mirror as the app opens it (latest schema, WAL, foreign keys), written by upsertContacts. */
function mirrorWrite(path: string): Timing {
  const db: MirrorDb = openStore(path);
  addAccount(db);
  const timing = timed(() => {
    for (const page of pages) upsertContacts(db, account.id, page);
  });
  closeStore(db);
  return timing;
}

/**
 * The same tables as the mirror had before search existed (schema 3: contacts with their
 * name index, channels with theirs), the same connection settings, plain INSERTs.
 */
function rawInserts(path: string): Timing {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('wal_autocheckpoint = 10000');
  migrateTo(db, 3);
  addAccount(db);
  const insertContact = db.prepare(
    `INSERT INTO contacts (account_id, id, name, first_name, last_name, responsible_user_id, group_id,
       created_at, updated_at, phone_count, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertChannel = db.prepare(
    `INSERT INTO contact_channels (account_id, contact_id, kind, position, value, normalized, type_code)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const writePage = db.transaction((page: readonly MirrorContact[]) => {
    for (const c of page) {
      insertContact.run(
        account.id,
        c.id,
        c.name,
        c.firstName,
        c.lastName,
        c.responsibleUserId,
        c.groupId,
        c.createdAt,
        c.updatedAt,
        c.phoneCount,
        c.searchText,
      );
      c.channels.forEach((channel, position) => {
        insertChannel.run(
          account.id,
          c.id,
          channel.kind,
          position,
          channel.value,
          channel.normalized,
          channel.typeCode,
        );
      });
    }
  });
  const timing = timed(() => {
    for (const page of pages) writePage(page);
  });
  db.close();
  return timing;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

try {
  const mirror: Timing[] = [];
  const raw: Timing[] = [];
  // Interleaved, each on a fresh file, so both meet the same machine weather.
  for (let run = 0; run < runs; run++) {
    raw.push(rawInserts(join(dir, `raw-${run}.sqlite`)));
    mirror.push(mirrorWrite(join(dir, `mirror-${run}.sqlite`)));
  }
  const list = (timings: Timing[], key: keyof Timing) => timings.map((t) => t[key].toFixed(0)).join(', ');
  console.log(`runs, wall: mirror ${list(mirror, 'wallMs')} ms; raw ${list(raw, 'wallMs')} ms`);
  console.log(`runs, CPU:  mirror ${list(mirror, 'cpuMs')} ms; raw ${list(raw, 'cpuMs')} ms`);
  const medianOf = (timings: Timing[], key: keyof Timing) => median(timings.map((t) => t[key]));
  const [mirrorMs, rawMs] = [medianOf(mirror, 'wallMs'), medianOf(raw, 'wallMs')];
  const [mirrorCpu, rawCpu] = [medianOf(mirror, 'cpuMs'), medianOf(raw, 'cpuMs')];
  report(
    `ingest ${contactCount} contacts in pages of ${pageSize} (median of ${runs}, wall)`,
    mirrorMs,
    'raw INSERTs of the same rows, schema 3, no upsert, no FTS',
    rawMs,
  );
  report(`the same, CPU`, mirrorCpu, 'the raw INSERTs, CPU', rawCpu);
  console.log(
    `targets: at most 3x the baseline: ${mirrorMs <= 3 * rawMs ? 'holds' : 'MISSED'}; under 1500 ms of CPU: ${mirrorCpu < 1500 ? 'holds' : 'MISSED'} (the baseline alone: ${rawCpu.toFixed(0)} ms of CPU)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
