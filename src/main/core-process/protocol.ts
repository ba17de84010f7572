/**
 * The messages between Electron's main process and the core in its utility process (in
 * the manner of Actual Budget's background process). The window's verbs reach the core as
 * `call`s and come back as the same `{ok, error}` envelopes the IPC already carries; the
 * core's events flow out as `event`s; what only the main process has (the OS keychain, the
 * consent window) the core asks for with a `request` that main answers with a `reply`.
 * Every message is structured-cloned, so only plain data crosses: errors cross as
 * SerializedError, with their code and fields (shared/errors.ts).
 */
import type { ApiEvent } from '../../shared/api/events';
import type { Envelope, SerializedError } from '../../shared/errors';

/** What the core needs from main to start (the rest of its options are the core's defaults). */
export interface CoreStartOptions {
  readonly dataDir: string;
  readonly uiDir: string;
  readonly nativeBinding?: string;
}

/** What the core may ask of main: the keychain, a consent window (one per sign-in), a file shown in its folder. */
export type CoreRequest =
  | { readonly method: 'secrets.get'; readonly key: string }
  | { readonly method: 'secrets.set'; readonly key: string; readonly value: string }
  | { readonly method: 'secrets.delete'; readonly key: string }
  | { readonly method: 'consent.open'; readonly url: string; readonly redirectUri: string }
  | { readonly method: 'file.reveal'; readonly path: string };

export type MainToCore =
  | { readonly type: 'start'; readonly options: CoreStartOptions }
  | { readonly type: 'call'; readonly id: number; readonly verb: string; readonly input: unknown }
  | { readonly type: 'reply'; readonly id: number; readonly envelope: Envelope<unknown> }
  | { readonly type: 'close' };

export type CoreToMain =
  | { readonly type: 'ready' }
  /** The core could not start (its mirror damaged, or from a newer version). */
  | { readonly type: 'failed'; readonly error: SerializedError }
  | { readonly type: 'result'; readonly id: number; readonly envelope: Envelope<unknown> }
  | { readonly type: 'event'; readonly event: ApiEvent }
  | { readonly type: 'request'; readonly id: number; readonly request: CoreRequest }
  /** A request main no longer needs to answer (the sign-in was cancelled). */
  | { readonly type: 'abandon'; readonly id: number }
  | { readonly type: 'closed' };

/** One end of the channel, as each side sees it (Electron's parentPort and UtilityProcess both fit). */
export interface MessageEnd<In, Out> {
  postMessage(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}

/** A message's kind, when it is an object with a string `type` (anything else is dropped, and logged). */
export function messageType(message: unknown): string | null {
  if (typeof message !== 'object' || message === null) return null;
  const type = (message as { type?: unknown }).type;
  return typeof type === 'string' ? type : null;
}
