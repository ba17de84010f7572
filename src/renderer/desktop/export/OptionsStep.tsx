/** Step 1: which accounts, the period when this is a first export, and whose contacts. */
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary, ExportChoice } from '../../../shared/api/types';
import { useFormatDate } from '../components/use-format-date';
import { PeriodField } from './PeriodField';
import { ResponsibleFilter } from './ResponsibleFilter';
import type { ExportOptions } from './selection';
import { useFocusOnMount } from './use-focus-on-mount';

interface Props {
  readonly accounts: readonly AccountSummary[];
  readonly options: ExportOptions;
  /** Accounts this device has nothing from yet: the period applies to them. */
  readonly firstAccounts: readonly AccountSummary[];
  /** The remembered choice the options were set from, until the person changes one. */
  readonly restored: ExportChoice | null;
  readonly onChange: (patch: Partial<ExportOptions>) => void;
  readonly onNext: () => void;
}

export function OptionsStep({ accounts, options, firstAccounts, restored, onChange, onNext }: Props) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const heading = useFocusOnMount<HTMLHeadingElement>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onNext();
  };

  return (
    <form className="wizard-step" onSubmit={submit} aria-labelledby="options-heading">
      <h3 id="options-heading" ref={heading} tabIndex={-1}>
        {t('wizard.steps.options')}
      </h3>
      {accounts.length > 1 && (
        <label className="field">
          {t('wizard.account')}
          <select
            value={options.accountId ?? ''}
            onChange={(event) =>
              onChange({ accountId: event.target.value ? Number(event.target.value) : null, responsible: [] })
            }
          >
            <option value="">{t('wizard.allAccounts')}</option>
            {accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {account.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {firstAccounts.length > 0 && (
        <PeriodField
          options={options}
          firstAccounts={firstAccounts.map((account) => account.name)}
          onChange={onChange}
        />
      )}
      {restored && (
        <p className="notice" role="note" data-testid="restored-choice">
          {t('wizard.restored', { when: formatDate(restored.savedAt) })}
        </p>
      )}
      <label className="choice">
        <input
          type="checkbox"
          checked={options.onlyMine}
          onChange={(event) => onChange({ onlyMine: event.target.checked })}
        />
        {t('wizard.onlyMine')}
      </label>
      <ResponsibleFilter
        accountId={options.accountId}
        disabled={options.onlyMine}
        value={options.responsible}
        onChange={(responsible) => onChange({ responsible })}
      />
      <div className="row">
        <button type="submit" className="primary">
          {t('wizard.toPreview')}
        </button>
      </div>
    </form>
  );
}
