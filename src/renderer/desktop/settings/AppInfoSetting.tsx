/** Where the data lives and which version runs: what a user or support asks first. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/api/types';
import { useApi } from '../api/context';
import { ErrorNotice } from '../components/ErrorNotice';

export function AppInfoSetting() {
  const { t } = useTranslation();
  const api = useApi();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.getAppInfo({}).then(setInfo, setError);
  }, [api]);

  return (
    <section className="card" aria-labelledby="data-heading">
      <h3 id="data-heading">{t('settings.data.heading')}</h3>
      <ErrorNotice error={error} />
      {info && (
        <dl className="facts">
          <dt>{t('settings.data.folder')}</dt>
          <dd>
            <code className="path" data-testid="data-dir">
              {info.dataDir}
            </code>
            <p className="hint">{t('settings.data.folderHint')}</p>
          </dd>
          <dt>{t('settings.data.version')}</dt>
          <dd data-testid="version">{info.version}</dd>
          <dt>{t('settings.data.face')}</dt>
          <dd>{t(`settings.data.faces.${info.face}`)}</dd>
        </dl>
      )}
    </section>
  );
}
