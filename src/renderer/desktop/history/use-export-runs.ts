/** The export runs, newest first, for one device or all of them. */
import { useCallback, useEffect, useState } from 'react';
import type { ExportRun } from '../../../shared/api/types';
import { useApi } from '../api/context';

export function useExportRuns(deviceId: string) {
  const api = useApi();
  const [runs, setRuns] = useState<readonly ExportRun[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(async () => {
    try {
      setRuns(await api.listExportRuns(deviceId ? { deviceId, limit: 200 } : { limit: 200 }));
      setError(null);
    } catch (caught) {
      setError(caught);
    }
  }, [api, deviceId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { runs, error, reload };
}
