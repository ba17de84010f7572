/**
 * The administrator's side of the team set-up: an invitation for colleagues to this account,
 * as a file to send and as one line to paste, with who must do what. An account connected by a
 * long-lived token does not know its integration, so the dialog asks for it first.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary, TeamInvitationMade, TeamMirrorStatus } from '../../../shared/api/types';
import { useApi } from '../api/context';
import { offerDownload } from '../components/download';
import { ErrorNotice } from '../components/ErrorNotice';
import { ModalDialog } from '../components/ModalDialog';

interface Props {
  readonly account: AccountSummary;
  readonly onClose: () => void;
}

export function InviteColleagues({ account, onClose }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [made, setMade] = useState<TeamInvitationMade | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [copied, setCopied] = useState(false);
  const [integration, setIntegration] = useState({ clientId: '', clientSecret: '', redirectUri: '' });
  const needsIntegration = account.authKind !== 'oauth';
  const close = useRef<HTMLButtonElement>(null);
  const [mirror, setMirror] = useState<TeamMirrorStatus | null>(null);
  const [mirrorBusy, setMirrorBusy] = useState(false);

  useEffect(() => close.current?.focus(), []);
  useEffect(() => {
    api.getTeamMirror({}).then(
      (status) => setMirror(status?.accountId === account.id ? status : null),
      () => setMirror(null),
    );
  }, [api, account.id]);

  const create = async (given?: typeof integration) => {
    setError(null);
    try {
      setMade(await api.createTeamInvitation({ accountId: account.id, ...given }));
    } catch (caught) {
      setError(caught);
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: made once, when the dialog opens for an account that knows its integration
  useEffect(() => {
    if (!needsIntegration) void create();
  }, []);

  // The invitation names the team mirror while it serves: made again once it starts or stops.
  const toggleMirror = async () => {
    setError(null);
    setMirrorBusy(true);
    try {
      if (mirror) {
        await api.stopTeamMirror({});
        setMirror(null);
      } else {
        setMirror(await api.startTeamMirror({ accountId: account.id }));
      }
      if (made || !needsIntegration) await create(needsIntegration ? integration : undefined);
    } catch (caught) {
      setError(caught);
    } finally {
      setMirrorBusy(false);
    }
  };

  const fileText = (invitation: TeamInvitationMade) =>
    [
      t('invite.fileTitle', { name: invitation.accountName, host: new URL(invitation.accountUrl).host }),
      ...(invitation.invitedBy ? [t('invite.fileFrom', { name: invitation.invitedBy })] : []),
      '',
      t('invite.fileSteps'),
      `1. ${t('invite.step1')}`,
      `2. ${t('invite.step2')}`,
      `3. ${t('invite.step3')}`,
      '',
      invitation.link,
      '',
      t('invite.keepInTeam'),
      '',
    ].join('\r\n');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create(integration);
  };
  const field = (name: keyof typeof integration, label: string, type = 'text') => (
    <label>
      {label}
      <input
        value={integration[name]}
        type={type}
        required
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => setIntegration({ ...integration, [name]: event.target.value })}
      />
    </label>
  );

  return (
    <ModalDialog title={t('invite.heading', { name: account.name })} onEscape={onClose}>
      <ol className="steps">
        <li>{t('invite.youSend')}</li>
        <li>{t('invite.step1')}</li>
        <li>{t('invite.step2')}</li>
        <li>{t('invite.step3')}</li>
      </ol>
      {needsIntegration && !made && (
        <form className="form" onSubmit={submit}>
          <p className="hint">{t('invite.needsIntegration')}</p>
          {field('clientId', t('welcome.clientIdLabel'))}
          {field('clientSecret', t('welcome.clientSecretLabel'), 'password')}
          {field('redirectUri', t('welcome.redirectUriLabel'), 'url')}
          <button type="submit" className="primary">
            {t('invite.create')}
          </button>
        </form>
      )}
      <section className="team-mirror" aria-labelledby="team-mirror-heading">
        <h3 id="team-mirror-heading">{t('invite.mirrorHeading')}</h3>
        <p className="hint">{t('invite.mirrorExplain')}</p>
        <button type="button" disabled={mirrorBusy} onClick={() => void toggleMirror()}>
          {mirror ? t('invite.mirrorStop') : t('invite.mirrorStart')}
        </button>
        {mirror && (
          <p data-testid="team-mirror-status">
            {t('invite.mirrorServing', { url: mirror.url, count: mirror.colleagues })}
          </p>
        )}
      </section>
      <ErrorNotice error={error} />
      {made && (
        <>
          <label className="invite-link">
            {t('invite.linkLabel')}
            <textarea readOnly rows={3} value={made.link} spellCheck={false} />
          </label>
          <div className="row">
            <button
              type="button"
              className="primary"
              onClick={() =>
                offerDownload(`amo-phonebook-${account.subdomain || account.id}.txt`, fileText(made), 'text/plain')
              }
            >
              {t('invite.download')}
            </button>
            <button
              type="button"
              onClick={() =>
                void navigator.clipboard?.writeText(made.link).then(
                  () => setCopied(true),
                  () => setCopied(false),
                )
              }
            >
              {copied ? t('invite.copied') : t('invite.copy')}
            </button>
          </div>
          <p className="hint">{t('invite.keepInTeam')}</p>
        </>
      )}
      <div className="row">
        <button type="button" ref={close} onClick={onClose}>
          {t('invite.close')}
        </button>
      </div>
    </ModalDialog>
  );
}
