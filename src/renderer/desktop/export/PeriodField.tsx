/** R4: how far back a first export goes; later exports send only what changed since the last one. */
import { useTranslation } from 'react-i18next';
import { type ExportOptions, periods } from './selection';

interface Props {
  readonly options: ExportOptions;
  readonly firstAccounts: readonly string[];
  readonly onChange: (patch: Partial<ExportOptions>) => void;
}

export function PeriodField({ options, firstAccounts, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const today = new Date().toISOString().slice(0, 10);
  const list = new Intl.ListFormat(i18n.resolvedLanguage ?? i18n.language, { type: 'conjunction' });
  return (
    <div className="form">
      <label>
        {t('wizard.period.label')}
        <select
          value={options.period}
          onChange={(event) => onChange({ period: event.target.value })}
          aria-describedby="period-hint"
        >
          {[...periods, 'date' as const].map((value) => (
            <option key={value} value={value}>
              {t(`wizard.period.${value}`)}
            </option>
          ))}
        </select>
      </label>
      {options.period === 'date' && (
        <label>
          {t('wizard.period.dateLabel')}
          <input
            type="date"
            required
            max={today}
            value={options.since}
            onChange={(event) => onChange({ since: event.target.value })}
          />
        </label>
      )}
      <p className="hint" id="period-hint">
        {t('wizard.period.hint', { accounts: list.format(firstAccounts) })}
      </p>
    </div>
  );
}
