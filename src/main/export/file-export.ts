/**
 * Exporting to a .vcf file: every contact with a phone (R2) of the chosen accounts, with
 * the iOS cap (R5) when the device is an iPhone, written atomically (R15).
 *
 * Not yet here (the export engine issue): the per-device ledger, periods (R4), rights
 * (R7, R8) and the union of delivered numbers (R9-R12). Until then every export is a
 * first export, and `new` counts every delivered contact.
 */

import { mkdir } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { Device, ExportResult } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import { writeFileAtomically } from '../delivery/file-delivery';
import { defaultExportFolder } from '../lib/paths';
import type { AccountRecord } from '../mirror/accounts-repo';
import type { MirrorDb } from '../mirror/database';
import { countContactsWithoutPhone, readExportableContacts } from '../mirror/export-reads';
import { toVCardContact } from './card-from-mirror';
import { writeVCard3 } from './vcard3';

/** R5: an iPhone takes at most 5,000 contacts per account. */
export const iosCapPerAccount = 5000;

export interface FileExportRequest {
  readonly db: MirrorDb;
  readonly device: Device;
  readonly accounts: readonly AccountRecord[];
  readonly outPath: string;
}

export async function exportToVcfFile(request: FileExportRequest): Promise<ExportResult> {
  const cards: string[] = [];
  let skippedNoPhone = 0;
  let skippedByCap = 0;
  let capRemaining: number | null = request.device.platform === 'ios' ? Number.POSITIVE_INFINITY : null;

  for (const account of request.accounts) {
    const contacts = readExportableContacts(request.db, account.id);
    skippedNoPhone += countContactsWithoutPhone(request.db, account.id);
    // Freshest first (the read order), so the cap keeps the most recently edited.
    const taken = request.device.platform === 'ios' ? contacts.slice(0, iosCapPerAccount) : contacts;
    skippedByCap += contacts.length - taken.length;
    if (capRemaining !== null) capRemaining = Math.min(capRemaining, iosCapPerAccount - taken.length);
    const label = `amoCRM ${account.name}`;
    for (const contact of taken) cards.push(writeVCard3(toVCardContact(contact, label)));
  }

  await writeFileAtomically(request.outPath, cards.join(''));
  return {
    delivered: cards.length,
    new: cards.length,
    updated: 0,
    skippedNoPhone,
    skippedByCap,
    skippedByRights: 0,
    capRemaining: capRemaining === Number.POSITIVE_INFINITY ? iosCapPerAccount : capRemaining,
    file: request.outPath,
  };
}

/** Checks a path the caller chose, or makes one in the default export folder. */
export async function resolveExportPath(
  outPath: string | undefined,
  device: Device,
  dataDir: string,
  now: Date,
): Promise<string> {
  if (outPath !== undefined) {
    if (!isAbsolute(outPath))
      throw new AppError('INVALID_INPUT', `The output path must be absolute: ${outPath}`, { path: outPath });
    if (!/\.vcf$/i.test(outPath))
      throw new AppError('INVALID_INPUT', `The output file must end in .vcf: ${outPath}`, { path: outPath });
    return outPath;
  }
  const folder = defaultExportFolder(dataDir);
  await mkdir(folder, { recursive: true });
  const stamp = now.toISOString().slice(0, 16).replace(/[T:]/g, '-');
  return join(folder, `amocrm-${device.id}-${stamp}.vcf`);
}
