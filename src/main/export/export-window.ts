/**
 * Whether an export can run before the account's first pull has finished (issue 17): the pull
 * goes freshest first and says how far it has come (`coveredAfter`: every contact updated
 * after it is in the mirror). The export reads only the contacts updated since its start (R4:
 * the period of a first export, the mark of a later one), so it is exact once the pull has
 * come back that far. An iPhone's first export needs less: its 5,000 freshest (R5), exact as
 * soon as the 5,000th of them is newer than what the pull has not reached yet.
 */
import type { Device } from '../../shared/api/types';
import type { AccountRecord } from '../mirror/accounts-repo';
import { readMark } from '../mirror/ledger-repo';
import type { MirrorDb } from '../mirror/mirror-db';
import type { ExportFilters } from './delta';
import { oldestOfCappedSelection } from './fresh-cards';
import { periodStart } from './period';
import { accountDelta } from './plan-export';

export interface WindowRequest {
  readonly db: MirrorDb;
  readonly device: Device;
  readonly account: AccountRecord;
  readonly period: string | undefined;
  readonly filters: ExportFilters;
  readonly nowMs: number;
}

/** A test of a pull's progress: true once the export of `request` reads only what has arrived. */
export function exportWindowArrived(request: WindowRequest): (coveredAfter: number | null) => boolean {
  const { db, device, account } = request;
  return (coveredAfter) => {
    if (coveredAfter === null || account.exportLetter === 'D') return false;
    const mark = readMark(db, device.id, account.id);
    if (!mark && request.period === undefined) return false;
    const since = mark ? mark.since : periodStart(request.period as string, request.nowMs);
    if (since > coveredAfter) return true;
    // Only a first iPhone export can be sure earlier: later ones may re-send any contact (R9).
    if (mark || device.platform !== 'ios') return false;
    const delta = accountDelta(db, device, account, since, request.filters);
    if (delta.fresh.limit === null || delta.counts.new < delta.fresh.limit) return false;
    const oldest = oldestOfCappedSelection(db, delta.fresh);
    return oldest !== null && oldest > coveredAfter;
  };
}
