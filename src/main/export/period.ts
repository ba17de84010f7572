/**
 * The period a first export takes (R4): 1 week, 1, 3, 6 months, 1 year, all time, or a
 * start date. Returns the earliest `updated_at` (Unix seconds) that counts.
 */
import { AppError } from '../../shared/errors';

const days: Readonly<Record<string, number>> = { '7d': 7, '30d': 30, '90d': 90, '180d': 180, '365d': 365 };

export const periodChoices = ['7d', '30d', '90d', '180d', '365d', 'all', 'YYYY-MM-DD'] as const;

export function periodStart(period: string, nowMs: number): number {
  if (period === 'all') return 0;
  const span = days[period];
  if (span !== undefined) return Math.floor(nowMs / 1000) - span * 86_400;
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period);
  if (date) {
    const at = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
    const back = new Date(at);
    // Date.UTC rolls 2025-02-31 over to March: refuse instead of guessing.
    if (back.getUTCMonth() === Number(date[2]) - 1 && back.getUTCDate() === Number(date[3]) && at <= nowMs) {
      return Math.floor(at / 1000);
    }
  }
  throw new AppError(
    'INVALID_INPUT',
    `"${period}" is not a period: use 7d, 30d, 90d, 180d, 365d, all, or a date like 2025-01-31`,
    {
      field: 'period',
    },
  );
}
