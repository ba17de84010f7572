import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { safeFileName } from '../display-text';
import type { Platform } from '../platform';
import { readSharedFile, type SharedFile } from '../shared-file';
import { vcardNames } from '../vcard-names';
import { ContactsSummary } from './ContactsSummary';
import { ImportControl } from './ImportControl';

/** `/p/share`: the .vcf another app shared to the installed page, ready to import. */
export function ShareScreen({ platform }: { platform: Platform }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<SharedFile | null | 'loading'>('loading');
  useEffect(() => {
    let live = true;
    void readSharedFile().then((shared) => {
      if (live) setFile(shared);
    });
    return () => {
      live = false;
    };
  }, []);
  return (
    <section aria-labelledby="share-heading">
      <h1 id="share-heading">{t('share.heading')}</h1>
      <p className="status" role="status" aria-live="polite">
        {file === 'loading' ? t('share.loading') : file === null ? t('share.missing') : ''}
      </p>
      {file !== 'loading' && file !== null && <SharedContacts file={file} platform={platform} />}
    </section>
  );
}

function SharedContacts({ file, platform }: { file: SharedFile; platform: Platform }) {
  const { t } = useTranslation();
  const { count, names } = vcardNames(file.bytes);
  if (count === 0) return <p className="problem">{t('share.empty')}</p>;
  return (
    <>
      <ContactsSummary count={count} names={names} accounts={[]} />
      <ImportControl vcard={file.bytes} fileName={safeFileName(file.fileName)} count={count} platform={platform} />
    </>
  );
}
