/** A handoff to a phone from the window: start it, follow its status events, cancel it. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HandoffStatusEvent } from '../../../shared/api/events';
import type { ApiInput } from '../../../shared/api/schemas';
import type { HandoffStarted } from '../../../shared/api/types';
import { useApi } from '../api/context';

export type HandoffRequest = ApiInput<'startHandoff'>;

export function useHandoff() {
  const api = useApi();
  const [started, setStarted] = useState<HandoffStarted | null>(null);
  const [status, setStatus] = useState<HandoffStatusEvent | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const current = useRef<string | null>(null);
  const lastRequest = useRef<HandoffRequest | null>(null);

  useEffect(
    () =>
      api.on('handoff:status', (event) => {
        if (event.handoffId === current.current) setStatus(event);
      }),
    [api],
  );

  const start = useCallback(
    async (request: HandoffRequest) => {
      lastRequest.current = request;
      setStarting(true);
      setError(null);
      setStatus(null);
      setStarted(null);
      try {
        const handoff = await api.startHandoff(request);
        current.current = handoff.handoffId;
        setStarted(handoff);
      } catch (caught) {
        setError(caught);
      } finally {
        setStarting(false);
      }
    },
    [api],
  );

  const cancel = useCallback(async () => {
    if (current.current) await api.cancelHandoff({ handoffId: current.current });
  }, [api]);

  /** Another address for the QR code: remembered for this network, and a new handoff on it. */
  const switchAddress = useCallback(
    async (address: string) => {
      const request = lastRequest.current;
      await cancel();
      await api.chooseLanAddress({ address });
      if (request) await start({ ...request, address });
    },
    [api, cancel, start],
  );

  const close = useCallback(() => {
    current.current = null;
    setStarted(null);
    setStatus(null);
    setError(null);
  }, []);

  const phase = status?.phase ?? (started ? 'waiting' : null);
  const finished = phase === 'delivered' || phase === 'expired' || phase === 'cancelled' || phase === 'failed';
  return {
    started,
    status,
    phase,
    finished,
    starting,
    error,
    start,
    cancel,
    switchAddress,
    close,
    retry: () => lastRequest.current && start(lastRequest.current),
  };
}
