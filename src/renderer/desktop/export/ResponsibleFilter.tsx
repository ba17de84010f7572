/**
 * R8: only the contacts of some responsible users. Only administrators may read user names
 * in amoCRM, so for everyone else the users are shown by number, and the filter still works.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponsibleUser } from '../../../shared/api/types';
import { useApi } from '../api/context';
import { ErrorNotice } from '../components/ErrorNotice';

interface Props {
  /** The filter is per account: null when several are chosen. */
  readonly accountId: number | null;
  readonly disabled: boolean;
  readonly value: readonly number[];
  readonly onChange: (value: readonly number[]) => void;
}

export function ResponsibleFilter({ accountId, disabled, value, onChange }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [users, setUsers] = useState<readonly ResponsibleUser[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setUsers(null);
    setError(null);
    if (accountId === null) return;
    let current = true;
    api.listResponsibleUsers({ accountId }).then(
      (list) => current && setUsers(list),
      (caught: unknown) => current && setError(caught),
    );
    return () => {
      current = false;
    };
  }, [api, accountId]);

  const toggle = (id: number, on: boolean) => onChange(on ? [...value, id] : value.filter((other) => other !== id));

  return (
    <fieldset className="choices responsible" disabled={disabled || accountId === null}>
      <legend>{t('wizard.responsible.legend')}</legend>
      {accountId === null ? (
        <p className="hint">{t('wizard.responsible.pickAccount')}</p>
      ) : (
        <>
          <p className="hint">{disabled ? t('wizard.responsible.offWhenMine') : t('wizard.responsible.hint')}</p>
          <ErrorNotice error={error} />
          {users === null && !error && <p className="hint">{t('wizard.responsible.loading')}</p>}
          {users?.some((user) => user.name === null) && <p className="hint">{t('wizard.responsible.namesHidden')}</p>}
          <div className="choice-scroller">
            {users?.map((user) => (
              <label key={user.id} className="choice">
                <input
                  type="checkbox"
                  checked={value.includes(user.id)}
                  onChange={(event) => toggle(user.id, event.target.checked)}
                />
                {t('wizard.responsible.user', {
                  name: user.name ?? t('wizard.responsible.unnamed', { id: user.id }),
                  count: user.contacts,
                })}
              </label>
            ))}
          </div>
        </>
      )}
    </fieldset>
  );
}
