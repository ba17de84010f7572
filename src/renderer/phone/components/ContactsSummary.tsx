import { useTranslation } from 'react-i18next';

/** How many names to list before "and N more": enough to recognise the batch, short enough for a phone. */
const shownNames = 8;

export function ContactsSummary({
  count,
  names,
  accounts,
}: {
  count: number;
  names: readonly string[];
  accounts: readonly string[];
}) {
  const { t } = useTranslation();
  const shown = names.slice(0, shownNames);
  const more = Math.max(count - shown.length, 0);
  return (
    <section className="summary" aria-labelledby="summary-count">
      <h2 id="summary-count">{t('summary.count', { count })}</h2>
      {accounts.length > 0 && <p className="accounts">{t('summary.from', { accounts: accounts.join(', ') })}</p>}
      {shown.length > 0 && (
        <ul className="names" aria-label={t('summary.namesLabel')}>
          {shown.map((name, index) => (
            // Names can repeat; their place in the file cannot.
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed once shown
            <li key={index} dir="auto">
              <bdi>{name}</bdi>
            </li>
          ))}
        </ul>
      )}
      {more > 0 && shown.length > 0 && <p className="more">{t('summary.more', { count: more })}</p>}
    </section>
  );
}
