/**
 * The preview of an export. It refreshes the mirror from amoCRM first, so it can take a
 * while: it runs while the window stays usable, and leaving the step abandons it (a
 * preview writes nothing, so nothing needs undoing).
 */
import { useEffect, useState } from 'react';
import type { ExportPreview } from '../../../shared/api/types';
import { AppError } from '../../../shared/errors';
import { useApi } from '../api/context';
import type { ExportSelection } from './selection';

export type PreviewState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly preview: ExportPreview }
  | { readonly kind: 'failed'; readonly error: unknown };

/** The core's answer when a first export comes without a period (R4). */
export function asksForPeriod(error: unknown): boolean {
  return error instanceof AppError && error.code === 'INVALID_INPUT' && error.params['field'] === 'period';
}

export function usePreview(selection: ExportSelection): PreviewState {
  const api = useApi();
  const [state, setState] = useState<PreviewState>({ kind: 'loading' });
  const key = JSON.stringify(selection);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the selection is compared by its JSON, not its identity
  useEffect(() => {
    let current = true;
    setState({ kind: 'loading' });
    api.previewExport(selection).then(
      (preview) => current && setState({ kind: 'ready', preview }),
      (error: unknown) => current && setState({ kind: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [api, key]);

  return state;
}
