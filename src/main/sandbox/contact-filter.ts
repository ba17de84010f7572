/**
 * `filter[...]` on the contacts list. amoCRM honours it only on accounts where support has
 * switched API filtering on; elsewhere it is silently ignored and the full list comes back.
 * The sandbox does the same unless `apiFilterEnabled`, so a client cannot rely on it unawares.
 */
import type { ContactStore } from './contact-store';
import { isRangeProblem, type ParamProblem, paramRange, paramValues } from './query-params';

export interface ContactFilter {
  readonly ids: ReadonlySet<number> | null;
  /** `filter[responsible_user_id]`: one user id or several. */
  readonly responsible: ReadonlySet<number> | null;
  readonly updatedFrom: number | null;
  readonly updatedTo: number | null;
  /** A bare `filter[updated_at]=T`: matches only `updated_at === T` (see below). */
  readonly updatedExactly: number | null;
}

export function readContactFilter(query: URLSearchParams): ContactFilter | ParamProblem | null {
  const rawIds = paramValues(query, 'filter[id]');
  const ids = rawIds.map(Number);
  if (!ids.every(Number.isInteger)) return { path: 'filter[id]', detail: 'filter[id] must be integers' };
  const responsible = paramValues(query, 'filter[responsible_user_id]').map(Number);
  if (!responsible.every(Number.isInteger)) {
    return { path: 'filter[responsible_user_id]', detail: 'filter[responsible_user_id] must be integers' };
  }
  const range = paramRange(query, 'filter[updated_at]');
  if (isRangeProblem(range)) return range;
  if (ids.length === 0 && responsible.length === 0 && range.from === null && range.to === null && range.bare === null)
    return null;
  return {
    ids: ids.length > 0 ? new Set(ids) : null,
    responsible: responsible.length > 0 ? new Set(responsible) : null,
    updatedFrom: range.from,
    updatedTo: range.to,
    // A bare integer is not a range: a real account answered it with 204 (reference §4,
    // issue #358). Matching it exactly gives the same empty answer almost always.
    updatedExactly: range.bare,
  };
}

export function filterIds(order: Int32Array, filter: ContactFilter, store: ContactStore): Int32Array {
  return order.filter((id) => {
    if (filter.ids && !filter.ids.has(id)) return false;
    if (filter.responsible && !filter.responsible.has(store.responsibleOf(id) ?? 0)) return false;
    if (filter.updatedFrom === null && filter.updatedTo === null && filter.updatedExactly === null) return true;
    const at = store.updatedAtOf(id);
    if (at === null) return false;
    if (filter.updatedFrom !== null && at < filter.updatedFrom) return false;
    if (filter.updatedTo !== null && at > filter.updatedTo) return false;
    return filter.updatedExactly === null || at === filter.updatedExactly;
  });
}
