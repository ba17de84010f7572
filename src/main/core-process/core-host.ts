/**
 * The core's side of the utility process: it starts the core service when main says so,
 * answers each call through the same dispatcher the other faces use (which parses the input
 * with the verb's schema), forwards the core's events, and reaches the keychain and the
 * consent window through main. A 100,000-contact export blocks this process, never the
 * windows' main process.
 */

import { AppError, deserializeError, type Envelope } from '../../shared/errors';
import { createDispatcher, type Dispatch } from '../api/dispatch';
import type { OpenConsentWindow } from '../crm/consent';
import type { SecretStore } from '../secrets/secret-store';
import { type CoreService, createCoreService } from '../service';
import {
  type CoreRequest,
  type CoreStartOptions,
  type CoreToMain,
  type MainToCore,
  type MessageEnd,
  messageType,
} from './protocol';

export interface CoreHostOptions {
  /** Ends the process once the core has closed (Electron: process.exit). */
  readonly exit: () => void;
  readonly log?: (message: string) => void;
}

export function hostCore(port: MessageEnd<MainToCore, CoreToMain>, options: CoreHostOptions): void {
  const log = options.log ?? console.error;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextRequest = 1;
  let service: CoreService | null = null;
  let dispatch: Dispatch | null = null;

  function ask<T>(request: CoreRequest, signal?: AbortSignal): Promise<T> {
    const id = nextRequest++;
    return new Promise<T>((resolve, reject) => {
      const abandon = () => {
        pending.delete(id);
        port.postMessage({ type: 'abandon', id });
        reject(new AppError('CANCELLED', 'The sign-in was cancelled'));
      };
      if (signal?.aborted) return abandon();
      signal?.addEventListener('abort', abandon, { once: true });
      pending.set(id, {
        resolve: (value) => {
          signal?.removeEventListener('abort', abandon);
          resolve(value as T);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', abandon);
          reject(error);
        },
      });
      port.postMessage({ type: 'request', id, request });
    });
  }

  // The keychain stays in main (safeStorage is a main-process API): every read and write asks.
  const secrets: SecretStore = {
    get: (key) => ask<string | null>({ method: 'secrets.get', key }),
    set: (key, value) => ask<void>({ method: 'secrets.set', key, value }),
    delete: (key) => ask<void>({ method: 'secrets.delete', key }),
  };
  const openConsentWindow: OpenConsentWindow = (url, redirectUri, signal) =>
    ask<string>({ method: 'consent.open', url, redirectUri }, signal);

  const revealFile = (path: string) => ask<void>({ method: 'file.reveal', path });

  function start(startOptions: CoreStartOptions): void {
    try {
      service = createCoreService({
        dataDir: startOptions.dataDir,
        face: 'electron',
        secrets,
        uiDir: startOptions.uiDir,
        openConsentWindow,
        revealFile,
        ...(startOptions.nativeBinding ? { nativeBinding: startOptions.nativeBinding } : {}),
      });
    } catch (error) {
      // A damaged mirror, or one from a newer version: main shows these words in a dialog.
      const reason = error instanceof AppError ? error : new AppError('INTERNAL', String(error));
      port.postMessage({ type: 'failed', error: reason.toJSON() });
      return;
    }
    dispatch = createDispatcher(service.api, log);
    service.events.onAny((event) => port.postMessage({ type: 'event', event }));
    port.postMessage({ type: 'ready' });
  }

  async function close(): Promise<void> {
    try {
      await service?.close();
    } catch (error) {
      log(`Closing the core: ${error instanceof Error ? error.message : String(error)}`);
    }
    port.postMessage({ type: 'closed' });
    options.exit();
  }

  port.onMessage((message) => {
    switch (messageType(message)) {
      case 'start':
        if (!service) start((message as Extract<MainToCore, { type: 'start' }>).options);
        return;
      case 'call': {
        const call = message as Extract<MainToCore, { type: 'call' }>;
        const answer = dispatch ? dispatch(call.verb, call.input) : Promise.resolve(notStarted() as Envelope<unknown>);
        void answer.then((envelope) => port.postMessage({ type: 'result', id: call.id, envelope }));
        return;
      }
      case 'reply': {
        const reply = message as Extract<MainToCore, { type: 'reply' }>;
        const waiting = pending.get(reply.id);
        pending.delete(reply.id);
        if (!waiting) return;
        if (reply.envelope.ok) waiting.resolve(reply.envelope.value);
        else waiting.reject(deserializeError(reply.envelope.error));
        return;
      }
      case 'close':
        void close();
        return;
      default:
        log(`The core ignored a message it does not know: ${String(messageType(message))}`);
    }
  });
}

function notStarted(): Envelope<never> {
  return { ok: false, error: new AppError('INTERNAL', 'The app is still starting; try again').toJSON() };
}
