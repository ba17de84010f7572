/**
 * Search results fetched page by page as the list scrolls, so 100,000 rows cost only the
 * pages on screen. A newer query discards answers to an older one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContactListItem } from '../../../shared/api/types';
import { useApi } from '../api/context';

export const searchPageSize = 100;

interface SearchState {
  readonly key: string;
  readonly query: string;
  /** The pages are the previous answer to the same query, shown until the new first page arrives. */
  readonly stale: boolean;
  readonly total: number | null;
  readonly pages: ReadonlyMap<number, readonly ContactListItem[]>;
  readonly error: unknown;
}

export function useContactSearch(query: string, refreshKey: number) {
  const api = useApi();
  const key = `${refreshKey}\u0000${query}`;
  const [state, setState] = useState<SearchState>({
    key,
    query,
    stale: false,
    total: null,
    pages: new Map(),
    error: null,
  });
  const requested = useRef(new Set<string>());

  const loadPage = useCallback(
    (page: number) => {
      const requestKey = `${key}\u0000${page}`;
      if (requested.current.has(requestKey)) return;
      requested.current.add(requestKey);
      api
        .searchContacts({ query, offset: page * searchPageSize, limit: searchPageSize })
        .then((result) =>
          setState((current) =>
            current.key !== key
              ? current
              : {
                  ...current,
                  stale: false,
                  total: result.total,
                  // The first fresh page replaces a stale answer; pages scrolled to load again.
                  pages: new Map(current.stale ? [] : current.pages).set(page, result.items),
                },
          ),
        )
        .catch((error: unknown) => {
          requested.current.delete(requestKey);
          setState((current) => (current.key !== key ? current : { ...current, error }));
        });
    },
    [api, key, query],
  );

  useEffect(() => {
    requested.current = new Set();
    // The same query refreshed (contacts arriving during a sync): keep showing the last answer
    // until the new one is in, instead of an empty list every second.
    setState((current) =>
      current.query === query && current.total !== null
        ? { ...current, key, stale: true, error: null }
        : { key, query, stale: false, total: null, pages: new Map(), error: null },
    );
    loadPage(0);
  }, [key, query, loadPage]);

  const itemAt = (index: number): ContactListItem | undefined =>
    state.pages.get(Math.floor(index / searchPageSize))?.[index % searchPageSize];

  const ensureRange = (first: number, last: number) => {
    for (let page = Math.floor(first / searchPageSize); page <= Math.floor(last / searchPageSize); page++)
      loadPage(page);
  };

  return { total: state.key === key ? state.total : null, error: state.error, itemAt, ensureRange };
}
