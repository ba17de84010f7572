/** The .vcf route: the file is written on this computer; the result says where, and what to do with it. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportResult } from '../../../shared/api/types';
import { useApi } from '../api/context';
import { ErrorNotice } from '../components/ErrorNotice';
import type { ExportSelection } from './selection';

interface Props {
  readonly selection: ExportSelection;
  readonly primary: boolean;
  readonly disabled: boolean;
  readonly onDone: (result: ExportResult) => void;
}

export function FileDelivery({ selection, primary, disabled, onDone }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function write() {
    setBusy(true);
    setError(null);
    try {
      // vCard 3.0: what iPhones, Android and Google Contacts all import.
      onDone(await api.exportToFile({ ...selection, format: 'vcard3' }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="route">
      <button
        type="button"
        className={primary ? 'primary' : undefined}
        disabled={disabled || busy}
        onClick={() => void write()}
        aria-describedby="route-file-hint"
      >
        {t('wizard.delivery.file')}
      </button>
      <p className="hint" id="route-file-hint">
        {t('wizard.delivery.fileHint')}
      </p>
      {busy && (
        <p role="status" className="progress">
          <progress aria-label={t('wizard.delivery.writing')} />
          {t('wizard.delivery.writing')}
        </p>
      )}
      <ErrorNotice error={error} />
    </div>
  );
}

export function FileResult({ result }: { result: ExportResult }) {
  const { t } = useTranslation();
  return (
    <div className="notice" role="status" data-testid="file-result">
      <p>{t('wizard.delivery.fileDone', { count: result.delivered })}</p>
      <p>
        <code className="path">{result.file}</code>
      </p>
      <p className="hint">{t('wizard.delivery.fileNext')}</p>
    </div>
  );
}
