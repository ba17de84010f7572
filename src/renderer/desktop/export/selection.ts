/** The wizard's choices, and the one place they become the API's export selection. */
import type { ApiInput } from '../../../shared/api/schemas';
import type { ExportChoice } from '../../../shared/api/types';

export const periods = ['7d', '30d', '90d', '180d', '365d', 'all'] as const;

export interface ExportOptions {
  /** One account, or null for all of them. */
  readonly accountId: number | null;
  /** One of `periods`, or 'date' with `since`. */
  readonly period: string;
  /** YYYY-MM-DD, when `period` is 'date'. */
  readonly since: string;
  readonly onlyMine: boolean;
  /** Responsible users to keep (one account only); empty means everyone. */
  readonly responsible: readonly number[];
}

export const initialOptions: ExportOptions = {
  accountId: null,
  period: 'all',
  since: '',
  onlyMine: false,
  responsible: [],
};

export type ExportSelection = ApiInput<'previewExport'>;

/**
 * The period goes only with a first export: sending it otherwise would be ignored by the
 * core, but sending it when the window did not ask would export a span nobody chose.
 */
export function selectionOf(deviceId: string, options: ExportOptions, withPeriod: boolean): ExportSelection {
  return {
    deviceId,
    ...(options.accountId === null ? {} : { accountId: options.accountId }),
    ...(withPeriod ? { period: options.period === 'date' ? options.since : options.period } : {}),
    onlyMine: options.onlyMine,
    ...(!options.onlyMine && options.accountId !== null && options.responsible.length > 0
      ? { responsible: [...options.responsible] }
      : {}),
  };
}

/** A remembered choice as the wizard's options (the period is never remembered: first exports only). */
export function choiceFor(choice: ExportChoice): Pick<ExportOptions, 'accountId' | 'onlyMine' | 'responsible'> {
  return { accountId: choice.accountId, onlyMine: choice.onlyMine, responsible: choice.responsible };
}
