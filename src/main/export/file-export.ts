/**
 * Delivering a plan as a .vcf file: every card written, the file made complete on disk
 * (temporary file, flush, rename), and only then the ledger (R15). A crash at any moment
 * leaves either no file and no ledger change, or both.
 */
import { mkdir } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { Device, ExportFormat } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import { writeFileAtomically } from '../delivery/file-delivery';
import { defaultExportFolder } from '../lib/paths';
import { writeContactCardsUtf8 } from './card-from-mirror';
import type { ExportPlan } from './plan-export';

/** The file's bytes: each account's cards written in one pass straight to UTF-8. */
export function renderPlan(plan: ExportPlan, format: ExportFormat): Buffer {
  return Buffer.concat(
    plan.deltas.map((delta) =>
      writeContactCardsUtf8(
        delta.items.map((item) => item.contact),
        plan.accountLabels.get(delta.accountId) ?? 'amoCRM',
        format,
      ),
    ),
  );
}

export async function writePlanFile(plan: ExportPlan, format: ExportFormat, outPath: string): Promise<void> {
  await writeFileAtomically(outPath, renderPlan(plan, format));
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
