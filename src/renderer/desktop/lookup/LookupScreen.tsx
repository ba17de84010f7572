/**
 * "Who is calling?": type or paste a number in any format and see whose it is (the
 * caller-ID use of the mirror: no amoCRM request, works offline).
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhoneLookupResult } from '../../../shared/api/types';
import { useApi } from '../api/context';
import { ErrorNotice } from '../components/ErrorNotice';
import { ContactDetailPane } from '../contacts/ContactDetailPane';

export function LookupScreen() {
  const { t } = useTranslation();
  const api = useApi();
  const [phone, setPhone] = useState('');
  const [result, setResult] = useState<PhoneLookupResult | null>(null);
  const [selected, setSelected] = useState<{ accountId: number; id: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  /** What was typed, when it has too few digits to be a number ("abc", "12"). */
  const [notANumber, setNotANumber] = useState<string | null>(null);

  async function lookUp(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSelected(null);
    setNotANumber(null);
    // A phone number has digits; asking the mirror who has "abc" would answer "nobody has the number abc".
    if (phone.replace(/\D/g, '').length < 3) {
      setResult(null);
      setNotANumber(phone.trim());
      return;
    }
    try {
      const found = await api.lookupPhone({ phone });
      setResult(found);
      // One caller: show the card at once, as a phone's caller ID would.
      if (found.matches.length === 1 && found.matches[0]) {
        setSelected({ accountId: found.matches[0].accountId, id: found.matches[0].id });
      }
    } catch (caught) {
      setResult(null);
      setError(caught);
    }
  }

  return (
    <section className="lookup" aria-labelledby="lookup-heading">
      <h2 id="lookup-heading">{t('lookup.heading')}</h2>
      <p className="hint">{t('lookup.hint')}</p>
      <form className="row" onSubmit={(event) => void lookUp(event)}>
        <label>
          {t('lookup.label')}
          <input
            value={phone}
            onChange={(event) => setPhone(event.target.value)}
            placeholder="+7 912 345-67-89"
            inputMode="tel"
            autoComplete="off"
            required
            maxLength={64}
          />
        </label>
        <button type="submit" className="primary">
          {t('lookup.button')}
        </button>
      </form>
      <ErrorNotice error={error} />
      {notANumber !== null && (
        <p className="notice" role="status">
          {t('lookup.notANumber', { text: notANumber })}
        </p>
      )}
      {result && (
        <div role="status" aria-live="polite">
          <p>
            {result.matches.length === 0
              ? t('lookup.none', { phone: result.query })
              : t(result.matchedBy === 'last7' ? 'lookup.foundLast7' : 'lookup.found', {
                  count: result.matches.length,
                })}
          </p>
          <ul className="lookup-results">
            {result.matches.map((match) => (
              <li key={`${match.accountId}-${match.id}`}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setSelected({ accountId: match.accountId, id: match.id })}
                >
                  {match.name || match.primaryPhone || t('contacts.detailHeading')}
                </button>
                <span className="hint"> · {match.primaryPhone ?? ''}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {selected && (
        <ContactDetailPane accountId={selected.accountId} id={selected.id} onClose={() => setSelected(null)} />
      )}
    </section>
  );
}
