/**
 * How to delete an export's contacts on the phone itself (R6): every exported contact
 * carries the account's label, so the steps are "open that label, select all, delete".
 * A file target may have gone anywhere, so it gets the Google Contacts steps; a CardDAV
 * account needs none.
 */
import { useTranslation } from 'react-i18next';
import type { TargetPlatform } from '../../../shared/api/types';

const stepKeys = ['s1', 's2', 's3'] as const;

function Steps({ kind, label }: { kind: 'ios' | 'android' | 'google'; label: string }) {
  const { t } = useTranslation();
  return (
    <ol>
      {stepKeys.map((step) => (
        <li key={step}>{t(`devices.reset.${kind}.${step}`, { label })}</li>
      ))}
    </ol>
  );
}

export function RemovalSteps({ platform, label }: { platform: TargetPlatform; label: string }) {
  const { t } = useTranslation();
  // A CardDAV account's cards were deleted on its server by the reset itself: the phone follows on its next sync.
  if (platform === 'carddav') return <p data-testid="removal-steps">{t('devices.reset.carddavRemoved')}</p>;
  return (
    <div data-testid="removal-steps">
      <h3>{t('devices.reset.stepsHeading')}</h3>
      {platform !== 'file' && <Steps kind={platform} label={label} />}
      {platform !== 'ios' && (
        <>
          <p>{t('devices.reset.googleHeading')}</p>
          <Steps kind="google" label={label} />
        </>
      )}
    </div>
  );
}
