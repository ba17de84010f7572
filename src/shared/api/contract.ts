/**
 * The typed API, each verb declared once by its domain (domains/*.ts). The core implements `ApiHandlers`; every face serves it; the
 * renderer talks to an `ApiClient` and cannot tell which face it runs in.
 */
import type { Envelope } from '../errors';
import type { OutputOf } from './domains/verb';
import type { ApiEventOf, ApiEventType, Unsubscribe } from './events';
import type { ApiInput, ApiParsedInput, apiVerbSpecs } from './schemas';
import type { ApiVerb } from './verbs';

/** What each verb answers, as its domain declares it (domains/*.ts). */
export type ApiOutputs = { [V in ApiVerb]: OutputOf<(typeof apiVerbSpecs)[V]> };

// A compile-time check that the domains declare exactly the verbs of verbs.ts: none missing,
// none that the preload's list (and so the window) would not know.
type AssertSameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never]
  ? true
  : never;
export const domainsDeclareVerbs: AssertSameKeys<typeof apiVerbSpecs, Record<ApiVerb, unknown>> = true;

/** What the core implements: each verb receives parsed, validated input. */
export type ApiHandlers = {
  [V in ApiVerb]: (input: ApiParsedInput<V>) => Promise<ApiOutputs[V]>;
};

/** What a face's client offers the renderer: raw input, typed output, and events. */
export type ApiClient = {
  [V in ApiVerb]: (input: ApiInput<V>) => Promise<ApiOutputs[V]>;
} & {
  on<T extends ApiEventType>(type: T, listener: (event: ApiEventOf<T>) => void): Unsubscribe;
};

/**
 * What the Electron preload exposes on `window.amoPhonebook`: one function per verb that
 * resolves to an envelope (errors cannot keep their fields across contextBridge), plus
 * `on` for events. The renderer's IPC client unwraps the envelopes into an `ApiClient`.
 */
export type PreloadBridge = {
  [V in ApiVerb]: (input: ApiInput<V>) => Promise<Envelope<ApiOutputs[V]>>;
} & {
  on<T extends ApiEventType>(type: T, listener: (event: ApiEventOf<T>) => void): Unsubscribe;
};

/** The name of the global the preload defines. */
export const preloadGlobalName = 'amoPhonebook';
