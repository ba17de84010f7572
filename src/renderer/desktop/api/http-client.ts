/**
 * The API client in browser mode: the same verbs over `POST /api/<verb>`, and events over
 * a WebSocket, both carrying the per-launch secret the server printed in the URL.
 */
import type { ApiClient } from '../../../shared/api/contract';
import type { ApiEvent, ApiEventType } from '../../../shared/api/events';
import { apiVerbs } from '../../../shared/api/verbs';
import { AppError, deserializeError, type Envelope } from '../../../shared/errors';

const eventsProtocol = 'amo-phonebook.v1';

/** `secret` may still be on its way (a launch code being exchanged): every call waits for it. */
export function createHttpClient(origin: string, secret: string | Promise<string>): ApiClient {
  const listeners = new Set<(event: ApiEvent) => void>();
  let socket: WebSocket | null = null;
  let connecting = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  function connectEvents(): void {
    if (connecting) return;
    connecting = true;
    void Promise.resolve(secret).then((known) => {
      connecting = false;
      if (listeners.size > 0 && !socket) openEvents(known);
    });
  }

  function openEvents(known: string): void {
    const url = `${origin.replace(/^http/, 'ws')}/api/events`;
    const ws = new WebSocket(url, [eventsProtocol, `secret.${known}`]);
    ws.onmessage = (message) => {
      let event: ApiEvent;
      try {
        event = JSON.parse(String(message.data)) as ApiEvent;
      } catch {
        return;
      }
      for (const listener of [...listeners]) listener(event);
    };
    ws.onclose = () => {
      socket = null;
      // The server may restart; progress resumes when it is back.
      if (listeners.size > 0 && retryTimer === null) {
        retryTimer = setTimeout(() => {
          retryTimer = null;
          if (listeners.size > 0) connectEvents();
        }, 2000);
      }
    };
    socket = ws;
  }

  const verbs = Object.fromEntries(
    apiVerbs.map((verb) => [
      verb,
      async (input: unknown) => {
        let response: Response;
        try {
          response = await fetch(`${origin}/api/${verb}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${await secret}` },
            body: JSON.stringify(input ?? {}),
          });
        } catch {
          throw new AppError('NETWORK_UNREACHABLE', 'The app is not running any more', { host: new URL(origin).host });
        }
        if (response.status === 401)
          throw new AppError('PAGE_EXPIRED', 'This page has an old secret: open the address the app printed');
        const envelope = (await response.json()) as Envelope<unknown>;
        if (!envelope.ok) throw deserializeError(envelope.error);
        return envelope.value;
      },
    ]),
  );

  return {
    ...verbs,
    on(type: ApiEventType, listener: (event: never) => void) {
      const filtered = (event: ApiEvent) => {
        if (event.type === type) (listener as (event: ApiEvent) => void)(event);
      };
      listeners.add(filtered);
      if (!socket) connectEvents();
      return () => {
        listeners.delete(filtered);
        if (listeners.size === 0) socket?.close();
      };
    },
  } as unknown as ApiClient;
}
