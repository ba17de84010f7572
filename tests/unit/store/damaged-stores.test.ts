/**
 * Crash safety of the data folder's stores: a truncated or garbage mirror, a page damaged
 * inside one, a garbage settings or secrets file. Each gets a clear message, nothing is
 * written over (checked byte for byte), and there is a way forward: the file kept aside
 * (renamed beside itself, with its companions) and a clean start. Real files, a real SQLite.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/main/api/dispatch';
import { asideName, setAside, sqliteCompanions } from '../../../src/main/lib/set-aside';
import { closeMirror, openMirror } from '../../../src/main/mirror/database';
import { latestVersion } from '../../../src/main/mirror/migrations/runner';
import { createMemorySecretStore } from '../../../src/main/secrets/file-secret-store';
import { openSecretStore, type SecretsNotice } from '../../../src/main/secrets/open-secrets';
import { createCoreService } from '../../../src/main/service';
import { startFreshIfDamaged } from '../../../src/main/store/start-fresh';
import { AppError } from '../../../src/shared/errors';
import { fillMirror } from '../../bench/fill-mirror';
import { runCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp-dir';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function openService(dataDir: string, log: (line: string) => void = () => undefined) {
  return createCoreService({ dataDir, face: 'cli', secrets: createMemorySecretStore(), log });
}

/** The refusal of a service start, as the faces get it. */
function startRefusal(dataDir: string): AppError {
  try {
    openService(dataDir);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('the service started on a damaged mirror');
}

/** A data folder whose mirror holds 600 real contacts, closed cleanly. */
function folderWithMirror(): { dataDir: string; mirror: string } {
  const dataDir = tempDir();
  const mirror = join(dataDir, 'mirror.sqlite');
  fillMirror(mirror, 600);
  return { dataDir, mirror };
}

function overwrite(path: string, offset: number, bytes: Buffer): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

describe('a damaged mirror', () => {
  it.each([
    ['cut to half its size', (path: string) => truncateSync(path, Math.floor(readFileSync(path).length / 2))],
    ['cut inside its header', (path: string) => truncateSync(path, 100)],
    ['its header overwritten', (path: string) => overwrite(path, 0, Buffer.alloc(100, 0x55))],
    ['replaced by garbage', (path: string) => writeFileSync(path, Buffer.alloc(64 * 1024, 0xa7))],
  ])('%s: refused in words, untouched, then kept aside for a clean start', (_what, damage) => {
    const { dataDir, mirror } = folderWithMirror();
    damage(mirror);
    const before = sha(mirror);
    const refusal = startRefusal(dataDir);
    expect(refusal.code).toBe('DB_CORRUPT');
    expect(refusal.params).toMatchObject({ store: 'mirror', path: mirror });
    expect(refusal.message).toMatch(/damaged.*left untouched.*kept aside/);
    expect(sha(mirror)).toBe(before);

    const outcome = startFreshIfDamaged(dataDir, new Date('2026-12-04T19:40:00Z'));
    expect(outcome).toMatchObject({
      kind: 'kept-aside',
      aside: join(dataDir, 'mirror.damaged-2026-12-04T19-40-00Z.sqlite'),
    });
    expect(outcome.kind === 'kept-aside' && sha(outcome.aside)).toBe(before);
    expect(existsSync(mirror)).toBe(false);
    const service = openService(dataDir);
    return service.close();
  });

  it('a page damaged inside: the read that meets it is DB_CORRUPT in words; the next start checks and refuses', async () => {
    const { dataDir, mirror } = folderWithMirror();
    // Page 3 of this (seeded, so always the same) mirror is one a name search reads; the open
    // itself reads around it. Probed over every page: none gave INTERNAL, each a read met said DB_CORRUPT.
    overwrite(mirror, 4096 * 2, Buffer.alloc(4096, 0x41));
    const service = openService(dataDir);
    const dispatch = createDispatcher(service.api, () => undefined);
    const answer = await dispatch('searchContacts', { query: 'an' });
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'DB_CORRUPT', params: { store: 'mirror', path: mirror } },
    });
    expect(answer.ok === false && answer.error.message).toMatch(/damaged .*Start the app again/);
    // Closing a damaged mirror never throws on the way out.
    await service.close();
    expect(existsSync(`${mirror}.needs-check`)).toBe(true);

    const before = sha(mirror);
    expect(startRefusal(dataDir).code).toBe('DB_CORRUPT');
    expect(sha(mirror)).toBe(before);
    const outcome = startFreshIfDamaged(dataDir);
    expect(outcome.kind).toBe('kept-aside');
    // The marker went with the file: the clean mirror is not checked for nothing.
    expect(outcome.kind === 'kept-aside' && existsSync(`${outcome.aside}.needs-check`)).toBe(true);
    expect(existsSync(`${mirror}.needs-check`)).toBe(false);
  });

  it('a marker on a healthy mirror (restored from a backup) costs one check, then goes', () => {
    const { mirror } = folderWithMirror();
    writeFileSync(`${mirror}.needs-check`, 'seen once');
    closeMirror(openMirror(mirror));
    expect(existsSync(`${mirror}.needs-check`)).toBe(false);
  });

  it('start-fresh moves nothing that opens fine, nor a mirror from a newer version', () => {
    const { dataDir, mirror } = folderWithMirror();
    expect(startFreshIfDamaged(dataDir)).toEqual({ kind: 'healthy' });
    expect(existsSync(mirror)).toBe(true);
    const future = new Database(mirror);
    future.pragma(`user_version = ${latestVersion() + 3}`);
    future.close();
    expect(startFreshIfDamaged(dataDir)).toEqual({ kind: 'too-new' });
    expect(existsSync(mirror)).toBe(true);
    expect(startFreshIfDamaged(tempDir())).toEqual({ kind: 'no-mirror' });
  });

  it('in the terminal: one line naming start-fresh (en, ru), then a clean start', async () => {
    const { dataDir, mirror } = folderWithMirror();
    writeFileSync(mirror, 'garbage, not SQLite');
    const en = await runCli(['--data-dir', dataDir, 'account', 'list']);
    expect(en.code).toBe(1);
    expect(en.stderr.trim().split('\n')).toHaveLength(1);
    expect(en.stderr).toMatch(/damaged; it was left untouched\. Run `amo-phonebook start-fresh`/);
    const ru = await runCli(['--data-dir', dataDir, 'account', 'list'], { env: { LANG: 'ru_RU.UTF-8' } });
    expect(ru.stderr).toMatch(/повреждена; мы её не трогали\. Команда `amo-phonebook start-fresh`/);

    const fresh = await runCli(['--data-dir', dataDir, 'start-fresh']);
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toMatch(/Kept the damaged database as .*mirror\.damaged-.*\.sqlite/);
    expect(fresh.stdout).toMatch(/connect your accounts again/);
    const aside = readdirSync(dataDir).find((name) => name.startsWith('mirror.damaged-'));
    expect(readFileSync(join(dataDir, aside ?? 'missing'), 'utf8')).toBe('garbage, not SQLite');
    const list = await runCli(['--data-dir', dataDir, 'account', 'list']);
    expect(list.code).toBe(0);
    const again = await runCli(['--data-dir', dataDir, 'start-fresh']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/opens fine: nothing was changed/);
  }, 60_000);
});

describe('a damaged settings or secrets file', () => {
  it('settings: kept aside and said; the defaults are used, and a change never writes over it', async () => {
    const dataDir = tempDir();
    const path = join(dataDir, 'settings.json');
    writeFileSync(path, '{"handoffPort": 47');
    const lines: string[] = [];
    const service = openService(dataDir, (line) => lines.push(line));
    try {
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/settings\.json could not be read; it was kept as .*settings\.damaged-.*\.json/);
      const aside = readdirSync(dataDir).find((name) => name.startsWith('settings.damaged-')) ?? 'missing';
      expect(readFileSync(join(dataDir, aside), 'utf8')).toBe('{"handoffPort": 47');
      expect(existsSync(path)).toBe(false);
    } finally {
      await service.close();
    }
    // A list instead of an object is not settings either.
    writeFileSync(path, '[1, 2]');
    await openService(dataDir, (line) => lines.push(line)).close();
    expect(lines).toHaveLength(2);
  });

  it('secrets: kept aside with a notice; the accounts then ask to be connected again; a new sign-in is a new file', async () => {
    const dataDir = tempDir();
    const path = join(dataDir, 'secrets.json');
    writeFileSync(path, '{"account:5:token": "half a tok');
    const notices: SecretsNotice[] = [];
    const store = openSecretStore({
      dataDir,
      keychain: async () => null,
      prefer: 'file',
      notice: (notice) => notices.push(notice),
    });
    expect(await store.get('account:5:token')).toBeNull();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'kept-aside', path });
    const aside = notices[0]?.kind === 'kept-aside' ? notices[0].aside : 'missing';
    expect(readFileSync(aside, 'utf8')).toBe('{"account:5:token": "half a tok');
    await store.set('account:6:token', 'new');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ 'account:6:token': 'new' });
    expect(readFileSync(aside, 'utf8')).toBe('{"account:5:token": "half a tok');
  });
});

describe('setAside', () => {
  it('names the kept file by its time, never takes a name in use, and moves the companions with it', () => {
    const dir = tempDir();
    const now = new Date('2026-12-04T19:40:00.123Z');
    expect(asideName(join(dir, 'mirror.sqlite'), now)).toBe(join(dir, 'mirror.damaged-2026-12-04T19-40-00Z.sqlite'));
    expect(setAside(join(dir, 'absent.json'), now)).toBeNull();
    const file = join(dir, 'mirror.sqlite');
    for (const attempt of [1, 2]) {
      writeFileSync(file, `db ${attempt}`);
      for (const suffix of sqliteCompanions) writeFileSync(`${file}${suffix}`, `${suffix} ${attempt}`);
      const aside = setAside(file, now, sqliteCompanions);
      expect(aside).toBe(asideName(file, now, attempt));
      expect(readFileSync(aside ?? '', 'utf8')).toBe(`db ${attempt}`);
      for (const suffix of sqliteCompanions) {
        expect(readFileSync(`${aside}${suffix}`, 'utf8')).toBe(`${suffix} ${attempt}`);
        expect(existsSync(`${file}${suffix}`)).toBe(false);
      }
    }
    expect(readdirSync(dir).filter((name) => name.startsWith('mirror.damaged-'))).toHaveLength(8);
  });
});
