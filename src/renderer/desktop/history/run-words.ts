/** An export run in words: its counts (naming only the skips that happened) or why it did not deliver. */
import type { TFunction } from 'i18next';
import type { ExportRun } from '../../../shared/api/types';

/** The core stores why a run did not deliver: a handoff's ending, or an error's (English) message. */
const knownReasons = ['expired', 'cancelled', 'commit-failed'] as const;

export function runDetails(t: TFunction, language: string, run: ExportRun): string {
  if (run.counts) {
    const sent = t('history.counts', { delivered: run.delivered, new: run.counts.new, updated: run.counts.updated });
    const skips = [
      ['noPhone', run.counts.skippedNoPhone],
      ['cap', run.counts.skippedByCap],
      ['rights', run.counts.skippedByRights],
    ] as const;
    const said = skips.filter(([, count]) => count > 0).map(([kind, count]) => t(`history.skip.${kind}`, { count }));
    if (said.length === 0) return sent;
    const list = new Intl.ListFormat(language, { type: 'conjunction' }).format(said);
    return `${sent} ${t('history.skipped', { list })}`;
  }
  if (run.reason === null) return t('history.reason.none');
  const known = knownReasons.find((reason) => reason === run.reason);
  return known ? t(`history.reason.${known}`) : t('history.reason.other', { reason: run.reason });
}
