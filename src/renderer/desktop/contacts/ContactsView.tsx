/** The mirror as a searchable, virtualized list, and the selected contact's details. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactListItem } from '../../../shared/api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { ContactDetailPane } from './ContactDetailPane';
import { useContactSearch } from './use-contact-search';

/** The second line of a row: what the title does not already show. */
function rowDetails(item: ContactListItem, noPhone: string): string {
  const parts = item.name
    ? [item.primaryPhone ?? noPhone, item.primaryEmail]
    : [item.primaryPhone ? item.primaryEmail : noPhone];
  return parts.filter(Boolean).join(' · ');
}

export function ContactsView({ refreshKey, syncing }: { refreshKey: number; syncing: boolean }) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<{ accountId: number; id: number } | null>(null);
  const search = useContactSearch(query, refreshKey);
  const scroller = useRef<HTMLDivElement>(null);

  // Search as you type: a short pause lets a fast typist's keystrokes share one query (a
  // newer answer always wins). One letter matches half the base and only slows the next
  // keystroke's search, so the search starts at the second character.
  useEffect(() => {
    const trimmed = input.trim();
    const timer = setTimeout(() => setQuery(trimmed.length === 1 ? '' : trimmed), 25);
    return () => clearTimeout(timer);
  }, [input]);

  const virtualizer = useVirtualizer({
    count: search.total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => 52,
    overscan: 12,
  });
  const rows = virtualizer.getVirtualItems();
  const first = rows[0]?.index;
  const last = rows.at(-1)?.index;
  useEffect(() => {
    if (first !== undefined && last !== undefined) search.ensureRange(first, last);
  }, [first, last, search.ensureRange]);

  return (
    <section className="contacts" aria-labelledby="contacts-heading">
      <div className="contacts-header">
        <h2 id="contacts-heading">{t('contacts.heading')}</h2>
        <label className="search">
          <span className="visually-hidden">{t('contacts.searchLabel')}</span>
          <input
            type="search"
            value={input}
            onChange={(event) => setInput(event.target.value)}
            placeholder={t('contacts.searchPlaceholder')}
            aria-label={t('contacts.searchLabel')}
          />
        </label>
        <span className="hint" aria-live="polite" data-testid="contacts-count">
          {search.total === null ? t('contacts.loading') : t('contacts.found', { count: search.total })}
        </span>
      </div>
      <ErrorNotice error={search.error} />
      {search.total === 0 && (
        <p className="hint">
          {query ? t('contacts.noMatch', { query }) : syncing ? t('contacts.syncing') : t('contacts.empty')}
        </p>
      )}
      <div className="contacts-body">
        <div ref={scroller} className="contact-scroller">
          <ul
            className="contact-list"
            aria-label={t('contacts.heading')}
            style={{ height: virtualizer.getTotalSize() }}
          >
            {rows.map((row) => {
              const item = search.itemAt(row.index);
              return (
                <li
                  key={row.key}
                  className="contact-row"
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: row.size,
                    transform: `translateY(${row.start}px)`,
                  }}
                >
                  {item ? (
                    <button
                      type="button"
                      className={`contact-button${selected?.id === item.id && selected.accountId === item.accountId ? ' selected' : ''}`}
                      onClick={() => setSelected({ accountId: item.accountId, id: item.id })}
                    >
                      <span className="contact-name">{item.name || item.primaryPhone || item.primaryEmail || '—'}</span>
                      <span className="contact-meta">{rowDetails(item, t('contacts.noPhone'))}</span>
                    </button>
                  ) : (
                    <span className="contact-placeholder">{t('contacts.loading')}</span>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
        {selected && (
          <ContactDetailPane
            key={`${selected.accountId}:${selected.id}`}
            {...selected}
            onClose={() => setSelected(null)}
          />
        )}
      </div>
    </section>
  );
}
