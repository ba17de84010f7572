import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importRoute, vcardBlob, vcardDataUrl } from '../import-link';
import type { Platform } from '../platform';
import { OpenElsewhereNotice } from './OpenElsewhereNotice';

/** The one button that hands the file to the address book, and the steps that follow on this phone. */
export function ImportControl({
  vcard,
  fileName,
  count,
  platform,
}: {
  vcard: Uint8Array;
  fileName: string;
  count: number;
  platform: Platform;
}) {
  const { t } = useTranslation();
  const route = importRoute(platform.os, count);
  const dataUrl = useMemo(
    () =>
      route === 'data-link' ? vcardDataUrl(vcard) : route === 'files-download' ? vcardDataUrl(vcard, 'file') : null,
    [route, vcard],
  );
  const [blobUrl, setBlobUrl] = useState<string | null>(null);
  useEffect(() => {
    if (route !== 'blob-download') return;
    const url = URL.createObjectURL(vcardBlob(vcard));
    setBlobUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [route, vcard]);
  const href = dataUrl ?? blobUrl;
  const steps =
    route === 'files-download'
      ? null
      : platform.os === 'ios'
        ? t('import.iosSteps', { count })
        : platform.os === 'android'
          ? t('import.androidSteps')
          : t('import.otherSteps');
  return (
    <section className="import" aria-describedby="import-steps">
      <OpenElsewhereNotice platform={platform} />
      {href !== null && (
        <a
          className="button primary"
          href={href}
          download={fileName}
          type={route === 'files-download' ? 'application/octet-stream' : 'text/vcard'}
        >
          {route === 'files-download' ? t('import.saveToFiles') : t('import.button')}
        </a>
      )}
      {steps === null ? (
        <ol id="import-steps" className="steps">
          <li>{t('import.filesSteps.download')}</li>
          <li>{t('import.filesSteps.open', { fileName })}</li>
          <li>{t('import.filesSteps.addAll', { count })}</li>
          <li>{t('import.filesSteps.check', { count })}</li>
        </ol>
      ) : (
        <p id="import-steps" className="steps">
          {steps}
        </p>
      )}
      <p className="hint">{t('import.duplicates')}</p>
    </section>
  );
}
