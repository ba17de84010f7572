/**
 * A colleague's way in: the invitation the administrator sent (a file, or its one line pasted),
 * what it is for, and one button to sign in to amoCRM as themselves. The invitation is read here
 * only to show what it is for; the core reads it again before using it.
 */
import { type ChangeEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../shared/api/types';
import { AppError } from '../../../shared/errors';
import { InvitationError, readInvitation, type TeamInvitation } from '../../../shared/team-invitation';
import { useApi } from '../api/context';
import { ErrorNotice } from '../components/ErrorNotice';

/** An invitation file is a few hundred bytes; anything much larger is not one. */
const largestFile = 64 * 1024;

function read(text: string): { invitation: TeamInvitation } | { error: AppError } {
  try {
    return { invitation: readInvitation(text) };
  } catch (error) {
    const reason = error instanceof InvitationError ? error.reason : 'damaged';
    return {
      error: new AppError('INVITATION_INVALID', String(error), { context: reason === 'damaged' ? '' : reason }),
    };
  }
}

export function JoinWithInvitation({ onConnected }: { onConnected: (account: AccountSummary) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const reading = text.trim() ? read(text) : null;

  async function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setError(null);
    if (file.size > largestFile) {
      setText('');
      setError(new AppError('INVITATION_INVALID', 'too large', { context: 'none' }));
      return;
    }
    setText(await file.text());
  }

  async function signIn(invitationText: string) {
    setBusy(true);
    setError(null);
    try {
      onConnected(await api.connectWithInvitation({ invitation: invitationText }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="invitation-heading">
      <h2 id="invitation-heading">{t('invitation.heading')}</h2>
      <p className="hint">{t('invitation.help')}</p>
      <div className="form">
        <label>
          {t('invitation.fileLabel')}
          <input type="file" accept=".txt,text/plain" onChange={(event) => void chooseFile(event)} />
        </label>
        <label>
          {t('invitation.pasteLabel')}
          <textarea
            value={text}
            onChange={(event) => {
              setError(null);
              setText(event.target.value);
            }}
            rows={2}
            spellCheck={false}
            placeholder="amo-phonebook://invite?…"
          />
        </label>
        {reading && 'invitation' in reading && (
          <>
            <p className="notice" data-testid="invitation-summary">
              {reading.invitation.invitedBy
                ? t('invitation.forAccountFrom', {
                    account: new URL(reading.invitation.accountUrl).host,
                    name: reading.invitation.invitedBy,
                  })
                : t('invitation.forAccount', { account: new URL(reading.invitation.accountUrl).host })}
            </p>
            <button type="button" className="primary" disabled={busy} onClick={() => void signIn(text)}>
              {busy ? t('welcome.signingIn') : t('invitation.signIn')}
            </button>
          </>
        )}
        <ErrorNotice error={error ?? (reading && 'error' in reading ? reading.error : null)} />
      </div>
    </section>
  );
}
