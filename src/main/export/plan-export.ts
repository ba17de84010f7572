/**
 * An export across the chosen accounts to one device: each account's delta with its
 * period or its mark (R4), its rights (R7, read fresh by the refresh before it), and the
 * warnings; then, once the delivery is confirmed, the ledger (R15).
 *
 * A plan's life: planExport (counts, the preview) -> renderPlan (file-export.ts: the bytes,
 * and in the same transaction the staging of what they carry) -> deliver -> commitPlan
 * (staging -> ledger). A rendered plan that will not be committed (a failed or cancelled
 * delivery) is given to discardPlan; a plan that was only previewed staged nothing.
 */
import { randomInt } from 'node:crypto';
import type { Device, ExportAccountCounts, ExportPreview, ExportWarning } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import { type AccountRecord, exportRightOf } from '../mirror/accounts-repo';
import { commitStaged, discardStaging, isStaged } from '../mirror/export-staging-repo';
import { ledgerCount, readMark } from '../mirror/ledger-repo';
import type { MirrorDb } from '../mirror/mirror-db';
import { getSyncState } from '../mirror/sync-state-repo';
import { providers } from '../model/carddav-providers';
import { type TelForm, telFormFor } from '../phones/tel-form';
import { type AccountDelta, computeDelta, type ExportFilters } from './delta';
import { periodStart } from './period';

/** R5a: Google Contacts holds at most 25,000 contacts per Google account. */
export const googleContactsLimit = 25_000;

export interface ExportPlan {
  /** Keys the plan's staging (export_plans): unique enough among the plans alive at once. */
  readonly id: number;
  readonly preview: ExportPreview;
  readonly deltas: readonly AccountDelta[];
  /** Per account: the CRM time later exports start from (the mark), and the period. */
  readonly marks: ReadonlyMap<number, { since: number; period: string }>;
  readonly accountLabels: ReadonlyMap<number, string>;
  /** How numbers with an extension are written for this device (tel-form.ts). */
  readonly telForm: TelForm;
}

export interface PlanRequest {
  readonly db: MirrorDb;
  readonly device: Device;
  readonly accounts: readonly AccountRecord[];
  readonly period: string | undefined;
  readonly filters: ExportFilters;
  readonly nowMs: number;
  /** Accounts whose first pull goes on behind this export: their counts may still grow. */
  readonly stillPulling?: ReadonlySet<number>;
}

export function accountLabel(account: Pick<AccountRecord, 'name'>): string {
  return `amoCRM ${account.name}`;
}

/**
 * What `device` still lacks of `account`, from `since` (R4), in the export right in force. An
 * account whose right is denied has no delta: its callers leave it out first.
 */
export function accountDelta(
  db: MirrorDb,
  device: Device,
  account: AccountRecord,
  since: number,
  filters: ExportFilters,
): AccountDelta {
  const letter = account.exportLetter;
  if (letter === 'D') throw new AppError('INTERNAL', `No export right for account ${account.id}: it has no delta`);
  return computeDelta({
    db,
    deviceId: device.id,
    capped: device.platform === 'ios',
    accountId: account.id,
    currentUserId: account.currentUserId,
    groupId: account.groupId,
    // R7: rights unknown (non-admins cannot read them) means only where responsible.
    right: letter ?? 'M',
    since,
    filters,
  });
}

export function planExport(request: PlanRequest): ExportPlan {
  const { db, device } = request;
  const warnings: ExportWarning[] = [];
  const deltas: AccountDelta[] = [];
  const counts: ExportAccountCounts[] = [];
  const marks = new Map<number, { since: number; period: string }>();
  const labels = new Map<number, string>();

  for (const account of request.accounts) {
    if (account.exportLetter === 'D') {
      warnings.push({ code: 'rights-denied', accountId: account.id });
      continue;
    }
    if (account.exportLetter === null) warnings.push({ code: 'rights-unknown', accountId: account.id });
    const mark = readMark(db, device.id, account.id);
    if (!mark && request.period === undefined) {
      throw new AppError(
        'INVALID_INPUT',
        `This is the first export of ${account.name} to ${device.name}: choose a period (7d, 30d, 90d, 180d, 365d, all, or a date)`,
        { field: 'period', account: account.name, device: device.name },
      );
    }
    const since = mark ? mark.since : periodStart(request.period as string, request.nowMs);
    const delta = accountDelta(db, device, account, since, request.filters);
    deltas.push(delta);
    const pulling = request.stillPulling?.has(account.id) === true;
    const sync = getSyncState(db, account.id);
    counts.push({
      accountId: account.id,
      first: mark === null,
      stillPulling: pulling,
      ownContactsOnly: sync.pulledForUserId !== null,
      exportRight: exportRightOf(account),
      deviceTotal: delta.deviceTotal,
      ...delta.counts,
    });
    // Later exports take what changed after the CRM's clock at this export's refresh; during a
    // first pull, after the pull began (what changed since was caught up, or is compared again).
    const watermark = (pulling ? sync.fullPullStartedAt : sync.watermark) ?? Math.floor(request.nowMs / 1000);
    marks.set(account.id, { since: watermark, period: mark?.period ?? (request.period as string) });
    labels.set(account.id, accountLabel(account));
  }

  if (deltas.length === 0 && request.accounts.length > 0) {
    throw new AppError(
      'EXPORT_DENIED',
      'Your amoCRM role may not export contacts. Ask your account administrator for the contacts "Export" right',
    );
  }

  const sum = (pick: (c: ExportAccountCounts) => number) => counts.reduce((total, c) => total + pick(c), 0);
  const capped = counts.map((c) => c.capRemaining).filter((c): c is number => c !== null);
  const preview: ExportPreview = {
    deviceId: device.id,
    delivered: sum((c) => c.new + c.updated),
    new: sum((c) => c.new),
    updated: sum((c) => c.updated),
    skippedNoPhone: sum((c) => c.skippedNoPhone),
    skippedByCap: sum((c) => c.skippedByCap),
    skippedByRights: sum((c) => c.skippedByRights),
    skippedByFilter: sum((c) => c.skippedByFilter),
    skippedByPeriod: sum((c) => c.skippedByPeriod),
    unchanged: sum((c) => c.unchanged),
    accountTotal: sum((c) => c.accountTotal),
    capRemaining: capped.length > 0 ? Math.min(...capped) : null,
    stillPulling: counts.some((c) => c.stillPulling),
    ownContactsOnly: counts.some((c) => c.ownContactsOnly),
    accounts: counts,
    warnings,
  };
  if (preview.updated > 0 && device.platform !== 'carddav') {
    warnings.push({ code: 'duplicates-on-phone', count: preview.updated, platform: device.platform });
  }
  if (device.platform === 'file') {
    const total = ledgerCount(db, device.id) + preview.new;
    if (total > googleContactsLimit) warnings.push({ code: 'google-limit', total });
  }
  // A CardDAV account has no cap of ours, but its provider may (iCloud 50,000, Google 25,000).
  const limit = device.carddav ? providers[device.carddav.provider].limit : null;
  if (device.carddav && limit !== null) {
    const total = ledgerCount(db, device.id) + preview.new;
    if (total > limit) warnings.push({ code: 'provider-limit', provider: device.carddav.provider, limit, total });
  }
  return {
    id: randomInt(1, 2 ** 48),
    preview,
    deltas,
    marks,
    accountLabels: labels,
    telForm: telFormFor(device.platform),
  };
}

/**
 * R15: called only once the delivery is confirmed (the file is complete on disk, the phone
 * acknowledged). Records what renderPlan staged, that is exactly what the bytes carried,
 * whatever a sync wrote to the mirror since. A plan that was never rendered, or was
 * discarded, cannot be committed: the ledger is left as it was, so the next export sends
 * the same contacts again.
 */
export function commitPlan(db: MirrorDb, deviceId: string, plan: ExportPlan, nowMs: number): void {
  db.transaction(() => {
    if (plan.deltas.length === 0) return;
    if (!isStaged(db, plan.id)) {
      throw new AppError(
        'INTERNAL',
        'This export was not prepared for delivery, or was abandoned: nothing was recorded; export again',
      );
    }
    for (const delta of plan.deltas) {
      const mark = plan.marks.get(delta.accountId);
      if (mark) commitStaged(db, deviceId, delta.accountId, plan.id, mark, nowMs);
    }
    discardStaging(db, plan.id);
  })();
}

/** Forgets what a rendered plan staged: call on every path where it will not be committed. */
export function discardPlan(db: MirrorDb, plan: ExportPlan): void {
  discardStaging(db, plan.id);
}
