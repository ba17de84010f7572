/**
 * Delivering a plan as a .vcf file: every card written, the file made complete on disk
 * (temporary file, flush, rename), and only then the ledger (R15). A crash at any moment
 * leaves either no file and no ledger change, or both.
 */
import { mkdir } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { Device, ExportFormat } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import { writeFileAtomically } from '../lib/atomic-write';
import { defaultExportFolder } from '../lib/paths';
import { openStaging, stageEntries } from '../mirror/export-staging-repo';
import type { MirrorDb } from '../mirror/mirror-db';
import { writeContactCardsUtf8 } from './card-from-mirror';
import { freshContacts } from './delta';
import { freshContactIds, renderAndStageFreshVCard3, stageFresh } from './fresh-cards';
import type { ExportPlan } from './plan-export';
import { categoriesLine, ledgerEntryJson } from './stored-card';

/**
 * The bytes of a plan, each account's new contacts then its re-sent ones, and in the same
 * transaction the staging of what they carry (commitPlan copies it into the ledger): one
 * snapshot of the mirror for both, whatever a sync writes afterwards. Rendering a plan again
 * stages it again. vCard 3.0 new contacts are concatenated by SQLite from their stored
 * cards; vCard 4.0 has no stored form and is written in JS.
 */
export function renderPlan(db: MirrorDb, plan: ExportPlan, format: ExportFormat): Buffer {
  const parts = renderPlanParts(db, plan, format);
  return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
}

/** renderPlan's bytes in the parts they were made in (a file can be written without joining them). */
export function renderPlanParts(db: MirrorDb, plan: ExportPlan, format: ExportFormat): Buffer[] {
  return db.transaction(() => {
    openStaging(db, plan.id, plan.preview.deviceId, Date.now());
    const parts: Buffer[] = [];
    for (const delta of plan.deltas) {
      const label = plan.accountLabels.get(delta.accountId) ?? 'amoCRM';
      if (format === 'vcard3') {
        parts.push(...renderAndStageFreshVCard3(db, plan.id, delta.fresh, categoriesLine(label), plan.telForm));
      } else {
        const ids = freshContactIds(db, delta.fresh);
        parts.push(writeContactCardsUtf8(freshContacts(db, delta.accountId, ids), label, format, plan.telForm));
        stageFresh(db, plan.id, delta.fresh);
      }
      if (delta.updated.length === 0) continue;
      parts.push(
        writeContactCardsUtf8(
          delta.updated.map((item) => item.contact),
          label,
          format,
          plan.telForm,
        ),
      );
      stageEntries(
        db,
        plan.id,
        delta.accountId,
        delta.updated.map((item) => ({
          contactId: item.contact.id,
          ledger: ledgerEntryJson(item.contact.name, item.ledgerChannels),
        })),
      );
    }
    return parts;
  })();
}

/** Renders a plan into a .vcf file, complete on disk or not there at all. */
export async function writePlanFile(
  db: MirrorDb,
  plan: ExportPlan,
  format: ExportFormat,
  outPath: string,
): Promise<void> {
  await writeFileAtomically(outPath, renderPlanParts(db, plan, format));
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
      throw new AppError('INVALID_INPUT', `The output path must be absolute: ${outPath}`, {
        path: outPath,
        reason: 'notAbsolute',
      });
    if (!/\.vcf$/i.test(outPath))
      throw new AppError('INVALID_INPUT', `The output file must end in .vcf: ${outPath}`, {
        path: outPath,
        reason: 'notVcf',
      });
    return outPath;
  }
  const folder = defaultExportFolder(dataDir);
  await mkdir(folder, { recursive: true });
  const stamp = now.toISOString().slice(0, 16).replace(/[T:]/g, '-');
  return join(folder, `amocrm-${device.id}-${stamp}.vcf`);
}
