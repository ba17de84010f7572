/**
 * Exports: preview, deliver to a .vcf file, and delete an export (R6). Every export first
 * refreshes the mirror from the CRM (R1), which also reads the user's rights afresh (R7).
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { ApiParsedInput } from '../../shared/api/schemas';
import type { ExportReset, ExportResult } from '../../shared/api/types';
import { routeRefusal } from '../../shared/delivery-routes';
import { AppError } from '../../shared/errors';
import type { VerbGroup } from '../api/registry';
import { fileDelivery } from '../delivery/file-route';
import { resolveExportPath } from '../export/file-export';
import { runExport } from '../export/pipeline';
import { accountLabel } from '../export/plan-export';
import { getAccount } from '../mirror/accounts-repo';
import { listExportChoices } from '../mirror/export-choices-repo';
import { clearLedger } from '../mirror/ledger-repo';
import { resetCardDavExport } from './carddav-handlers';
import type { ServiceContext } from './context';
import { deviceOf, planExportFor } from './export-planner';

async function previewExport(ctx: ServiceContext, input: ApiParsedInput<'previewExport'>) {
  return (await planExportFor(ctx, input)).preview;
}

async function exportToFile(ctx: ServiceContext, input: ApiParsedInput<'exportToFile'>): Promise<ExportResult> {
  const startedAt = ctx.now();
  const { format, outPath, includeContent, ...selection } = input;
  const device = deviceOf(ctx, input.deviceId);
  const refused = routeRefusal(device, 'file');
  if (refused) {
    throw new AppError('INVALID_INPUT', refused.message, {
      field: 'deviceId',
      reason: refused.reason,
      device: device.name,
    });
  }
  const path = await resolveExportPath(outPath, device, ctx.dataDir, new Date(startedAt));
  const plan = await planExportFor(ctx, selection, { remember: true });
  const result = await runExport(ctx, { deviceId: device.id, startedAt }, plan, fileDelivery(ctx.db, format, path));
  if (!includeContent) return result;
  // The file was written and committed: what the window downloads is exactly those bytes.
  const { size } = await stat(result.file);
  return size > largestDownload ? result : { ...result, content: await readFile(result.file, 'utf8') };
}

/** A .vcf larger than this is left on disk only (100,000 contacts are about 30 MB). */
const largestDownload = 64 * 1024 * 1024;

/**
 * Shows a written .vcf in the file manager. Only a file a delivered export recorded: the window
 * may not point the shell at any path it likes.
 */
async function showExportedFile(ctx: ServiceContext, { file }: ApiParsedInput<'showExportedFile'>) {
  if (!ctx.revealFile) throw new AppError('INVALID_INPUT', 'Only the desktop app can show a file in its folder');
  const recorded = ctx.db
    .prepare(
      "SELECT 1 FROM export_runs WHERE delivery = 'file' AND outcome = 'delivered' AND json_extract(detail, '$.file') = ? LIMIT 1",
    )
    .pluck()
    .get(file);
  if (!recorded) throw new AppError('NOT_FOUND', `No export of this app wrote ${file}`, { field: 'file' });
  if (!existsSync(file)) throw new AppError('NOT_FOUND', `The file ${file} is no longer there (moved or deleted)`);
  await ctx.revealFile(file);
  return { shown: true } as const;
}

async function getExportChoices(ctx: ServiceContext, { deviceId }: ApiParsedInput<'getExportChoices'>) {
  return listExportChoices(ctx.db, deviceOf(ctx, deviceId).id);
}

async function resetExport(
  ctx: ServiceContext,
  { deviceId, accountId }: ApiParsedInput<'resetExport'>,
): Promise<ExportReset> {
  const device = deviceOf(ctx, deviceId);
  const account = getAccount(ctx.db, accountId);
  if (!account) throw new AppError('NOT_FOUND', `No connected account has id ${accountId}`, { accountId });
  const label = accountLabel(account);
  if (device.platform === 'carddav') {
    // The cards leave the server first; the ledger is cleared only once they have.
    const { cleared, serverRemoved } = await resetCardDavExport(ctx, device.id, accountId);
    return { deviceId: device.id, accountId, cleared, label, serverRemoved };
  }
  const cleared = clearLedger(ctx.db, device.id, accountId);
  return { deviceId: device.id, accountId, cleared, label, serverRemoved: null };
}

export const exportVerbs = {
  previewExport,
  exportToFile,
  showExportedFile,
  getExportChoices,
  resetExport,
} satisfies VerbGroup<ServiceContext>;
