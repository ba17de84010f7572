/**
 * The export wizard for one device: what to export (period on a first export, whose
 * contacts), a preview with every skip explained, then the delivery and its result.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device, ExportChoice, ExportPreview } from '../../../shared/api/types';
import { useApi } from '../api/context';
import { ErrorNotice } from '../components/ErrorNotice';
import { DeliveryStep } from './DeliveryStep';
import { OptionsStep } from './OptionsStep';
import { PreviewStep } from './PreviewStep';
import { StepList, type WizardStep } from './StepList';
import { choiceFor, type ExportOptions, initialOptions, selectionOf } from './selection';
import { useAccounts } from './use-accounts';
import '../sections.css';

interface Props {
  readonly device: Device;
  /** Accounts this device already holds contacts of (from the overview): the others need a period. */
  readonly exportedAccounts: readonly number[];
  readonly onClose: () => void;
}

export function ExportWizard({ device, exportedAccounts, onClose }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const { accounts, error } = useAccounts();
  const [step, setStep] = useState<WizardStep>('options');
  const [chosen, setChosen] = useState<ExportOptions>(initialOptions);
  /** What this device's last exports chose, newest first: the wizard starts from it. */
  const [remembered, setRemembered] = useState<readonly ExportChoice[]>([]);
  const [restored, setRestored] = useState<ExportChoice | null>(null);

  useEffect(() => {
    let current = true;
    api.getExportChoices({ deviceId: device.id }).then(
      (choices) => {
        if (!current) return;
        setRemembered(choices);
        const last = choices[0];
        if (last) {
          setRestored(last);
          setChosen((options) => ({ ...options, ...choiceFor(last) }));
        }
      },
      // Nothing remembered is the wizard's usual start; it is not worth an error.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, device.id]);
  const [preview, setPreview] = useState<ExportPreview | null>(null);
  // Set when the core says "first export" though the overview said otherwise (reset meanwhile).
  const [periodForced, setPeriodForced] = useState(false);

  // With one account there is nothing to choose: it is the account, and its users can be filtered.
  const sole = accounts?.length === 1 ? (accounts[0]?.id ?? null) : null;
  const options: ExportOptions = { ...chosen, accountId: chosen.accountId ?? sole };
  const inScope = (accounts ?? []).filter((account) => options.accountId === null || account.id === options.accountId);
  const firstAccounts = periodForced ? inScope : inScope.filter((account) => !exportedAccounts.includes(account.id));
  const selection = selectionOf(device.id, options, firstAccounts.length > 0);

  const needsPeriod = useCallback(() => {
    setPeriodForced(true);
    setStep('options');
  }, []);

  return (
    <section className="screen wizard" aria-labelledby="wizard-heading">
      <div className="row spread">
        <h2 id="wizard-heading">{t('wizard.heading', { name: device.name })}</h2>
        <button type="button" className="link-button" onClick={onClose}>
          {t('common.backToDevices')}
        </button>
      </div>
      <StepList current={step} />
      <ErrorNotice error={error} />
      {accounts && step === 'options' && (
        <OptionsStep
          accounts={accounts}
          options={options}
          firstAccounts={firstAccounts}
          restored={restored}
          onChange={(patch) => {
            if (patch.accountId === undefined) {
              setRestored(null);
              setChosen((current) => ({ ...current, ...patch }));
              return;
            }
            // Another account: its own remembered choice; with none, "only mine" stays as it was.
            const saved = remembered.find((choice) => choice.accountId === patch.accountId) ?? null;
            setRestored(saved);
            setChosen((current) => ({ ...current, ...patch, ...(saved ? choiceFor(saved) : { responsible: [] }) }));
          }}
          onNext={() => setStep('preview')}
        />
      )}
      {accounts && step === 'preview' && (
        <PreviewStep
          device={device}
          accounts={accounts}
          selection={selection}
          onBack={() => setStep('options')}
          onNeedsPeriod={needsPeriod}
          onNext={(ready) => {
            setPreview(ready);
            setStep('delivery');
          }}
        />
      )}
      {step === 'delivery' && preview && (
        <DeliveryStep
          device={device}
          selection={selection}
          preview={preview}
          onBack={() => setStep('preview')}
          onFinish={onClose}
        />
      )}
    </section>
  );
}
