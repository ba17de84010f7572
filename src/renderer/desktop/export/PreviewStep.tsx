/** Step 2: what would be sent and what would not, and why; nothing is delivered yet. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary, Device, ExportPreview } from '../../../shared/api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { PreviewCounts } from './PreviewCounts';
import { PreviewWarnings } from './PreviewWarnings';
import type { ExportSelection } from './selection';
import { useFocusOnMount } from './use-focus-on-mount';
import { asksForPeriod, usePreview } from './use-preview';

interface Props {
  readonly device: Device;
  readonly accounts: readonly AccountSummary[];
  readonly selection: ExportSelection;
  readonly onBack: () => void;
  /** A first export the window did not know about: back to step 1, with the period. */
  readonly onNeedsPeriod: () => void;
  readonly onNext: (preview: ExportPreview) => void;
}

export function PreviewStep({ device, accounts, selection, onBack, onNeedsPeriod, onNext }: Props) {
  const { t } = useTranslation();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const state = usePreview(selection);
  const needsPeriod = state.kind === 'failed' && asksForPeriod(state.error);

  useEffect(() => {
    if (needsPeriod) onNeedsPeriod();
  }, [needsPeriod, onNeedsPeriod]);

  const firstNames = state.kind === 'ready' ? firstAccountNames(state.preview, accounts) : [];
  return (
    <section className="wizard-step" aria-labelledby="preview-heading" aria-busy={state.kind === 'loading'}>
      <h3 id="preview-heading" ref={heading} tabIndex={-1}>
        {t('wizard.preview.heading')}
      </h3>
      {state.kind === 'loading' && (
        <p role="status" className="progress">
          <progress aria-label={t('wizard.preview.loading')} />
          {t('wizard.preview.loading')}
        </p>
      )}
      {state.kind === 'failed' && !needsPeriod && <ErrorNotice error={state.error} />}
      {state.kind === 'ready' && (
        <>
          <p className="lead" role="status" data-testid="preview-total">
            {state.preview.delivered > 0
              ? t('wizard.preview.total', { count: state.preview.delivered, name: device.name })
              : t('wizard.preview.nothing', { name: device.name })}
          </p>
          <p data-testid="preview-whose">
            {selection.onlyMine
              ? t('wizard.preview.whose.mine')
              : selection.responsible && selection.responsible.length > 0
                ? t('wizard.preview.whose.chosen', { count: selection.responsible.length })
                : t('wizard.preview.whose.everyone')}
          </p>
          <PreviewCounts preview={state.preview} platform={device.platform} />
          {firstNames.map((name) => (
            <p key={name} className="hint">
              {t('wizard.preview.firstFor', { account: name })}
            </p>
          ))}
          <PreviewWarnings warnings={state.preview.warnings} accounts={accounts} />
        </>
      )}
      <div className="row">
        <button type="button" onClick={onBack}>
          {state.kind === 'loading' ? t('common.cancel') : t('common.back')}
        </button>
        {state.kind === 'ready' && state.preview.delivered > 0 && (
          <button type="button" className="primary" onClick={() => onNext(state.preview)}>
            {device.platform === 'carddav' ? t('wizard.preview.toSend') : t('wizard.preview.toDelivery')}
          </button>
        )}
      </div>
    </section>
  );
}

/** Names of the accounts on their first export to this device, when there are several to tell apart. */
function firstAccountNames(preview: ExportPreview, accounts: readonly AccountSummary[]): string[] {
  if (preview.accounts.length < 2) return [];
  return preview.accounts
    .filter((counts) => counts.first)
    .map((counts) => accounts.find((account) => account.id === counts.accountId)?.name ?? `#${counts.accountId}`);
}
