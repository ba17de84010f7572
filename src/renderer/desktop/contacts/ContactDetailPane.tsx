/** One contact: phones, e-mails, messengers, who is responsible, when it was edited, and which devices have it. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactChannel, ContactDetail } from '../../../shared/api/types';
import { useApi } from '../api/context';
import { ErrorNotice } from '../components/ErrorNotice';

interface Props {
  readonly accountId: number;
  readonly id: number;
  readonly onClose: () => void;
}

export function ContactDetailPane({ accountId, id, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  // A code amoCRM knows has a word; a field an account added itself keeps its own name.
  const channelTypeWord = (code: string) =>
    i18n.exists(`contacts.channelType.${code}`) ? t(`contacts.channelType.${code}`) : code.toLowerCase();
  const [detail, setDetail] = useState<ContactDetail | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    api.getContact({ accountId, contactId: id }).then(
      (contact) => live && setDetail(contact),
      (caught: unknown) => live && setError(caught),
    );
    return () => {
      live = false;
    };
  }, [api, accountId, id]);

  const channels = (kind: ContactChannel['kind']) => detail?.channels.filter((channel) => channel.kind === kind) ?? [];
  const sections = [
    { kind: 'phone', title: t('contacts.phones') },
    { kind: 'email', title: t('contacts.emails') },
    { kind: 'im', title: t('contacts.messengers') },
  ] as const;

  return (
    <aside className="contact-detail" aria-labelledby="contact-detail-name">
      <div className="row spread">
        <h3 id="contact-detail-name">{detail?.name || t('contacts.detailHeading')}</h3>
        <button type="button" onClick={onClose} aria-label={t('contacts.close')}>
          ×
        </button>
      </div>
      <ErrorNotice error={error} />
      {detail && (
        <dl>
          {sections.map(({ kind, title }) =>
            channels(kind).length > 0 ? (
              <div key={kind}>
                <dt>{title}</dt>
                {channels(kind).map((channel, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a fixed snapshot that may repeat a value; never reordered
                  <dd key={`${kind}-${index}`}>
                    {channel.value}
                    {channel.typeCode && <span className="hint"> · {channelTypeWord(channel.typeCode)}</span>}
                    {kind === 'phone' && channel.normalized && channel.normalized !== channel.value && (
                      <span className="hint"> · {channel.normalized}</span>
                    )}
                  </dd>
                ))}
              </div>
            ) : null,
          )}
          <div>
            <dt>{t('contacts.responsible')}</dt>
            <dd>
              {detail.responsibleUserName ??
                (detail.responsibleUserId === null ? '—' : t('contacts.userId', { id: detail.responsibleUserId }))}
            </dd>
          </div>
          <div>
            <dt>{t('contacts.updated')}</dt>
            <dd>{new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(detail.updatedAt * 1000)}</dd>
          </div>
          <div>
            <dt>{t('contacts.deliveries')}</dt>
            {detail.deliveries.length === 0 ? (
              <dd className="hint">{t('contacts.notDelivered')}</dd>
            ) : (
              detail.deliveries.map((delivery) => (
                <dd key={delivery.deviceId}>
                  {t('contacts.deliveredTo', {
                    device: delivery.deviceName,
                    when: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
                      delivery.lastDeliveredAt,
                    ),
                  })}
                </dd>
              ))
            )}
          </div>
        </dl>
      )}
    </aside>
  );
}
