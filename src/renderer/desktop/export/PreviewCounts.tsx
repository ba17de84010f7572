/** The preview's counts, each with what it means, so no number needs a manual. */
import { useTranslation } from 'react-i18next';
import type { ExportPreview, TargetPlatform } from '../../../shared/api/types';

type CountKey = 'new' | 'updated' | 'skippedNoPhone' | 'skippedByCap' | 'skippedByRights' | 'capRemaining';

export function PreviewCounts({ preview, platform }: { preview: ExportPreview; platform: TargetPlatform }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.resolvedLanguage ?? i18n.language);
  // The iPhone's cap means nothing for Android and files: their rows would only puzzle.
  const rows: CountKey[] = ['new', 'updated', 'skippedNoPhone'];
  if (platform === 'ios') rows.push('skippedByCap');
  rows.push('skippedByRights');
  if (preview.capRemaining !== null) rows.push('capRemaining');

  return (
    <dl className="counts">
      {rows.map((key) => (
        <div key={key} data-testid={`count-${key}`}>
          <dt>{t(`wizard.preview.${key}`)}</dt>
          <dd>
            <strong>{number.format(preview[key] ?? 0)}</strong>{' '}
            <span className="hint">{t(`wizard.preview.${key}Hint`)}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
