/**
 * The .vcf route: the file is written on the computer running the app; the result says where,
 * offers it as a download in browser mode (the browser may be elsewhere), and links to Google
 * Contacts, where most people import it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportResult } from '../../../shared/api/types';
import { useApi } from '../api/context';
import { offerDownload } from '../components/download';
import { ErrorNotice } from '../components/ErrorNotice';
import { useFace } from '../components/use-face';
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
  const face = useFace();

  async function write() {
    setBusy(true);
    setError(null);
    try {
      // vCard 3.0: what iPhones, Android and Google Contacts all import.
      onDone(await api.exportToFile({ ...selection, format: 'vcard3', includeContent: face === 'browser' }));
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
  const api = useApi();
  const face = useFace();
  const [error, setError] = useState<unknown>(null);
  const { content } = result;
  const fileName = result.file.split(/[\\/]/).pop() || 'contacts.vcf';
  return (
    <div className="notice" role="status" data-testid="file-result">
      <p>
        {t(content === undefined ? 'wizard.delivery.fileDone' : 'wizard.delivery.fileReady', {
          count: result.delivered,
        })}
      </p>
      {content !== undefined && (
        <p>
          <button
            type="button"
            className="primary"
            onClick={() => offerDownload(fileName, content, 'text/vcard;charset=utf-8')}
          >
            {t('wizard.delivery.download', { name: fileName })}
          </button>
        </p>
      )}
      <p className={content === undefined ? undefined : 'hint'}>
        {content !== undefined && `${t('wizard.delivery.alsoKept')} `}
        <code className="path">{result.file}</code>
      </p>
      {face === 'electron' && (
        <p>
          <button
            type="button"
            onClick={() => {
              setError(null);
              api.showExportedFile({ file: result.file }).catch(setError);
            }}
          >
            {t('wizard.delivery.showInFolder')}
          </button>
        </p>
      )}
      <ErrorNotice error={error} />
      <p className="hint">
        {t('wizard.delivery.fileNextPhone')}{' '}
        <a href="https://contacts.google.com/" target="_blank" rel="noreferrer">
          {t('wizard.delivery.googleContacts')}
        </a>
      </p>
    </div>
  );
}
