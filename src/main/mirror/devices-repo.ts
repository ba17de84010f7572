/** The user's phones and file targets. */
import type { Device, DeviceAccountState, DevicePlatform } from '../../shared/api/types';
import { transliterate } from '../lib/transliterate';
import type { MirrorDb } from './database';

/** A readable, typeable id from the name ("Мой iPhone" -> "moy-iphone"), unique in the table. */
export function addDevice(db: MirrorDb, name: string, platform: DevicePlatform, now: number): Device {
  const base =
    name
      .split(/[^\p{L}\p{N}]+/u)
      .map((word) => transliterate(word))
      .filter(Boolean)
      .join('-')
      .slice(0, 40) || platform;
  const exists = db.prepare('SELECT 1 FROM devices WHERE id = ?').pluck();
  let id = base;
  for (let n = 2; exists.get(id); n++) id = `${base}-${n}`;
  db.prepare('INSERT INTO devices (id, name, platform, created_at) VALUES (?, ?, ?, ?)').run(id, name, platform, now);
  return { id, name, platform, createdAt: now };
}

export function listDevices(db: MirrorDb): Device[] {
  return db
    .prepare('SELECT id, name, platform, created_at AS createdAt FROM devices ORDER BY created_at, id')
    .all() as Device[];
}

export function getDevice(db: MirrorDb, id: string): Device | null {
  return (
    (db.prepare('SELECT id, name, platform, created_at AS createdAt FROM devices WHERE id = ?').get(id) as
      | Device
      | undefined) ?? null
  );
}

export function renameDevice(db: MirrorDb, id: string, name: string): boolean {
  return db.prepare('UPDATE devices SET name = ? WHERE id = ?').run(name, id).changes > 0;
}

export function removeDevice(db: MirrorDb, id: string): boolean {
  return db.prepare('DELETE FROM devices WHERE id = ?').run(id).changes > 0;
}

/** Per account, what a device holds by the ledger (R5's cap counted for iPhones). */
export function deviceAccountStates(db: MirrorDb, device: Device, capPerAccount: number): DeviceAccountState[] {
  const rows = db
    .prepare(
      `SELECT m.account_id AS accountId, a.name AS accountName, m.first_exported_at AS firstExportedAt,
         m.last_exported_at AS lastExportedAt,
         (SELECT count(*) FROM export_ledger l WHERE l.device_id = m.device_id AND l.account_id = m.account_id) AS contacts
       FROM export_marks m JOIN accounts a ON a.id = m.account_id
       WHERE m.device_id = ? ORDER BY a.name`,
    )
    .all(device.id) as Array<Omit<DeviceAccountState, 'capRemaining'>>;
  return rows.map((row) => ({
    ...row,
    capRemaining: device.platform === 'ios' ? Math.max(0, capPerAccount - row.contacts) : null,
  }));
}
