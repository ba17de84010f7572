/**
 * What the user should know before sending: contacts the phone already has (it will add a
 * second card: how to merge, and the CardDAV route that updates in place), the Google
 * Contacts and CardDAV providers' limits, and accounts limited or left out by rights (R7).
 */
import { useTranslation } from 'react-i18next';
import type { AccountSummary, ExportWarning } from '../../../shared/api/types';

interface Props {
  readonly warnings: readonly ExportWarning[];
  readonly accounts: readonly AccountSummary[];
}

export function PreviewWarnings({ warnings, accounts }: Props) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  const nameOf = (accountId: number) => accounts.find((account) => account.id === accountId)?.name ?? `#${accountId}`;
  return (
    <ul className="warnings">
      {warnings.map((warning) => (
        <li
          key={`${warning.code}-${'accountId' in warning ? warning.accountId : ''}`}
          className="notice notice-warning"
        >
          {warning.code === 'duplicates-on-phone' ? (
            <>
              <p>{t('wizard.preview.warnings.duplicates.lead', { count: warning.count })}</p>
              <p>{t(`wizard.preview.warnings.duplicates.${warning.platform}`)}</p>
              <p>{t('wizard.preview.warnings.duplicates.carddav')}</p>
            </>
          ) : warning.code === 'google-limit' ? (
            t('wizard.preview.warnings.google-limit', { total: warning.total })
          ) : warning.code === 'provider-limit' ? (
            t('wizard.preview.warnings.provider-limit', {
              total: warning.total,
              limit: warning.limit,
              provider: t(`devices.carddav.providers.${warning.provider}`),
            })
          ) : (
            t(`wizard.preview.warnings.${warning.code}`, { account: nameOf(warning.accountId) })
          )}
        </li>
      ))}
    </ul>
  );
}
