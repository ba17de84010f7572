/** The devices with what each holds per account and its last run, reloaded after every change. */
import { useCallback, useEffect, useState } from 'react';
import type { DeviceOverview } from '../../../shared/api/types';
import { useApi } from '../api/context';

export function useDeviceOverview() {
  const api = useApi();
  const [devices, setDevices] = useState<readonly DeviceOverview[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(async () => {
    try {
      setDevices(await api.listDeviceOverview({}));
      setError(null);
    } catch (caught) {
      setError(caught);
    }
  }, [api]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { devices, error, reload };
}
