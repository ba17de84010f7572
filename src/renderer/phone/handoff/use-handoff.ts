import { useEffect, useState, useSyncExternalStore } from 'react';
import { HandoffClient, type HandoffSession } from './client';
import type { HandoffState } from './state';

/** Runs the handoff for this page's session while the component is mounted. */
export function useHandoff(session: HandoffSession): { state: HandoffState; retry: () => void } {
  const [client] = useState(() => new HandoffClient(session));
  useEffect(() => {
    client.start();
    return () => client.stop();
  }, [client]);
  const state = useSyncExternalStore(client.subscribe, client.getState);
  return { state, retry: client.retry };
}
