/**
 * The main process's side of the core's utility process: a Dispatch the IPC serves as it
 * served the in-process core (same envelopes), an event bus the windows subscribe to as
 * before, and the answers to what the core asks of main (the keychain, the consent window).
 * If the core process dies, the calls in flight are answered with an error in words, and
 * the next call starts a new one: the windows never hang on a dead process.
 */
import type { ApiEvent } from '../../shared/api/events';
import { AppError, deserializeError, type Envelope } from '../../shared/errors';
import { type Dispatch, toAppError } from '../api/dispatch';
import type { OpenConsentWindow } from '../crm/consent';
import { createEventBus, type EventBus } from '../lib/event-bus';
import type { SecretStore } from '../secrets/secret-store';
import { type CoreRequest, type CoreStartOptions, type CoreToMain, type MainToCore, messageType } from './protocol';

/** Electron's UtilityProcess, as far as the client uses it (and the tests' stand-in provides). */
export interface CoreChild {
  postMessage(message: MainToCore): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface CoreClientOptions {
  /** Starts one core process (Electron: utilityProcess.fork of out/main/core.js). */
  readonly spawn: () => CoreChild;
  readonly start: CoreStartOptions;
  readonly secrets: SecretStore;
  readonly openConsentWindow: OpenConsentWindow;
  /** Shows an exported file in the system's file manager (the core checked it is one it wrote). */
  readonly revealFile: (path: string) => void;
  readonly log?: (message: string) => void;
  /** How long close() waits for the core to close its mirror before killing it. */
  readonly closeTimeoutMs?: number;
}

export interface CoreClient {
  /** Resolves once the core has opened its mirror; rejects with the core's AppError if it could not. */
  readonly ready: Promise<void>;
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  close(): Promise<void>;
}

interface Running {
  readonly child: CoreChild;
  readonly ready: Promise<void>;
  readonly calls: Map<number, (envelope: Envelope<unknown>) => void>;
  readonly consents: Map<number, AbortController>;
  closed: (() => void) | null;
}

export function connectCore(options: CoreClientOptions): CoreClient {
  const log = options.log ?? console.error;
  const events = createEventBus();
  let nextCall = 1;
  let closing = false;
  let running: Running | null = null;

  function launch(): Running {
    const child = options.spawn();
    let settle: { resolve(): void; reject(error: Error): void } | null = null;
    const ready = new Promise<void>((resolve, reject) => {
      settle = { resolve, reject };
    });
    // A failed start is read by whoever awaits `ready` (main shows it); calls answer on their own.
    ready.catch(() => undefined);
    const run: Running = { child, ready, calls: new Map(), consents: new Map(), closed: null };

    child.on('message', (message: unknown) => {
      const received = message as CoreToMain;
      switch (messageType(message)) {
        case 'ready':
          settle?.resolve();
          return;
        case 'failed':
          settle?.reject(deserializeError((received as Extract<CoreToMain, { type: 'failed' }>).error));
          return;
        case 'result': {
          const result = received as Extract<CoreToMain, { type: 'result' }>;
          run.calls.get(result.id)?.(result.envelope);
          run.calls.delete(result.id);
          return;
        }
        case 'event':
          events.emit((received as Extract<CoreToMain, { type: 'event' }>).event as ApiEvent);
          return;
        case 'request': {
          const { id, request } = received as Extract<CoreToMain, { type: 'request' }>;
          void answer(run, request, id).then((envelope) => {
            if (running === run) child.postMessage({ type: 'reply', id, envelope });
          });
          return;
        }
        case 'abandon':
          run.consents.get((received as Extract<CoreToMain, { type: 'abandon' }>).id)?.abort();
          return;
        case 'closed':
          run.closed?.();
          return;
        default:
          log(`The app ignored a message from its core it does not know: ${String(messageType(message))}`);
      }
    });

    child.on('exit', (code: number) => {
      if (running === run) running = null;
      const stopped = new AppError(
        'INTERNAL',
        closing
          ? 'The app is closing'
          : 'The part of the app that keeps your contacts stopped unexpectedly; try again (it restarts by itself)',
        { exitCode: code },
      );
      if (!closing) log(`The core process exited with code ${code}`);
      settle?.reject(stopped);
      for (const reply of run.calls.values()) reply({ ok: false, error: stopped.toJSON() });
      run.calls.clear();
      for (const consent of run.consents.values()) consent.abort();
      run.closed?.();
    });

    child.postMessage({ type: 'start', options: options.start });
    return run;
  }

  async function answer(run: Running, request: CoreRequest, id: number): Promise<Envelope<unknown>> {
    try {
      switch (request.method) {
        case 'secrets.get':
          return { ok: true, value: await options.secrets.get(String(request.key)) };
        case 'secrets.set':
          await options.secrets.set(String(request.key), String(request.value));
          return { ok: true, value: null };
        case 'secrets.delete':
          await options.secrets.delete(String(request.key));
          return { ok: true, value: null };
        case 'consent.open': {
          const controller = new AbortController();
          run.consents.set(id, controller);
          try {
            const redirected = await options.openConsentWindow(
              String(request.url),
              String(request.redirectUri),
              controller.signal,
            );
            return { ok: true, value: redirected };
          } finally {
            run.consents.delete(id);
          }
        }
        case 'file.reveal':
          options.revealFile(String(request.path));
          return { ok: true, value: null };
        default:
          throw new AppError('INTERNAL', `The core asked for something the app does not offer`);
      }
    } catch (error) {
      return { ok: false, error: toAppError(error, request.method, log).toJSON() };
    }
  }

  function current(): Running {
    running ??= launch();
    return running;
  }

  const dispatch: Dispatch = (verb, input) => {
    if (closing) return Promise.resolve({ ok: false, error: new AppError('INTERNAL', 'The app is closing').toJSON() });
    const run = current();
    const id = nextCall++;
    return new Promise<Envelope<unknown>>((resolve) => {
      run.calls.set(id, resolve);
      run.child.postMessage({ type: 'call', id, verb, input });
    });
  };

  return {
    ready: current().ready,
    dispatch,
    events,
    async close() {
      closing = true;
      const run = running;
      if (!run) return;
      const closed = new Promise<void>((resolve) => {
        run.closed = resolve;
      });
      run.child.postMessage({ type: 'close' });
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), options.closeTimeoutMs ?? 10_000);
      });
      if ((await Promise.race([closed, timedOut])) === 'timeout') {
        log('The core did not close in time; stopping it');
        run.child.kill();
      }
      clearTimeout(timer);
    },
  };
}
