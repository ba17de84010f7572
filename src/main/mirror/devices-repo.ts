/** The user's phones, file targets and CardDAV accounts. */

import { z } from 'zod';
import { cardDavProviderSchema } from '../../shared/api/domains/fields';
import type { CardDavProvider, Device, DeviceAccountState, TargetPlatform } from '../../shared/api/types';
import { transliterate } from '../lib/transliterate';
import { checkedRow, checkedRows } from './checked-rows';
import type { MirrorDb } from './mirror-db';

/** A readable, typeable id from the name ("Мой iPhone" -> "moy-iphone"), unique in the table. */
export function addDevice(db: MirrorDb, name: string, platform: TargetPlatform, now: number): Device {
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

/** A device row with its CardDAV target's columns, if it is one (migration 7). */
const deviceSelect = `SELECT d.id, d.name, d.platform, d.created_at AS createdAt, t.provider, t.server_url AS serverUrl,
    t.username, t.auth, t.own_book AS ownBook
  FROM devices d LEFT JOIN carddav_targets t ON t.device_id = d.id`;

const deviceRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  platform: z.enum(['ios', 'android', 'file', 'carddav']) satisfies z.ZodType<TargetPlatform>,
  createdAt: z.number(),
  provider: cardDavProviderSchema.nullable() satisfies z.ZodType<CardDavProvider | null>,
  serverUrl: z.string().nullable(),
  username: z.string().nullable(),
  auth: z.enum(['password', 'oauth']).nullable(),
  ownBook: z.number().nullable(),
});
type DeviceRow = z.infer<typeof deviceRowSchema>;

function toDevice(row: DeviceRow): Device {
  const device: Device = { id: row.id, name: row.name, platform: row.platform, createdAt: row.createdAt };
  if (row.provider === null) return device;
  return {
    ...device,
    carddav: {
      provider: row.provider,
      serverUrl: row.serverUrl ?? '',
      username: row.username ?? '',
      auth: row.auth ?? 'password',
      ownBook: row.ownBook === 1,
    },
  };
}

export function listDevices(db: MirrorDb): Device[] {
  const rows = db.prepare(`${deviceSelect} ORDER BY d.created_at, d.id`).all();
  return checkedRows(deviceRowSchema, rows, 'devices').map(toDevice);
}

export function getDevice(db: MirrorDb, id: string): Device | null {
  const row = db.prepare(`${deviceSelect} WHERE d.id = ?`).get(id);
  return row === undefined ? null : toDevice(checkedRow(deviceRowSchema, row, 'devices'));
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
