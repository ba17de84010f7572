/** The preview's counts, each with what it means, so no number needs a manual. */
import { useTranslation } from 'react-i18next';
import type { ExportPreview, TargetPlatform } from '../../../shared/api/types';

type CountKey =
  | 'new'
  | 'updated'
  | 'unchanged'
  | 'skippedByPeriod'
  | 'skippedByFilter'
  | 'skippedNoPhone'
  | 'skippedByCap'
  | 'skippedByRights'
  | 'capRemaining';

/**
 * Every contact of the account is in one row: sent, already there, or left out and why; the
 * rows add up to the total above them.
 */
export function PreviewCounts({ preview, platform }: { preview: ExportPreview; platform: TargetPlatform }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.resolvedLanguage ?? i18n.language);
  const first = preview.accounts.some((account) => account.first);
  const rows: CountKey[] = ['new', 'updated', 'unchanged', 'skippedByPeriod', 'skippedByFilter', 'skippedNoPhone'];
  // The iPhone's cap means nothing for Android and files: their rows would only puzzle.
  if (platform === 'ios') rows.push('skippedByCap');
  rows.push('skippedByRights');

  return (
    <>
      {preview.stillPulling && (
        <p className="hint" data-testid="still-pulling">
          {t('wizard.preview.stillPulling')}
        </p>
      )}
      {preview.ownContactsOnly && (
        <p className="hint" data-testid="own-contacts-only">
          {t('wizard.preview.ownContactsOnly')}
        </p>
      )}
      <p data-testid="count-accountTotal">{t('wizard.preview.accountTotal', { count: preview.accountTotal })}</p>
      <dl className="counts">
        {rows.map((key) => (
          <div key={key} data-testid={`count-${key}`}>
            <dt>
              {t(key === 'skippedByPeriod' && !first ? 'wizard.preview.skippedSinceLast' : `wizard.preview.${key}`)}
            </dt>
            <dd>
              <strong>{number.format(preview[key] ?? 0)}</strong>{' '}
              <span className="hint">
                {t(
                  key === 'skippedByPeriod' && !first
                    ? 'wizard.preview.skippedSinceLastHint'
                    : `wizard.preview.${key}Hint`,
                )}
              </span>
            </dd>
          </div>
        ))}
      </dl>
      {preview.capRemaining !== null && (
        <p className="hint" data-testid="count-capRemaining">
          {t('wizard.preview.capRemaining', { count: preview.capRemaining })}
        </p>
      )}
    </>
  );
}
