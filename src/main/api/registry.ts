/**
 * The core's verbs, registered one by one (in the manner of Actual Budget's
 * `createApp().method`): a verb registered twice throws at start-up, where spreading handler
 * objects into one would let the later one win silently; a verb left out throws too, so
 * the core can never start with a hole in its API.
 */
import type { ApiHandlers, ApiOutputs } from '../../shared/api/contract';
import type { ApiParsedInput } from '../../shared/api/schemas';
import { type ApiVerb, apiVerbs, isApiVerb } from '../../shared/api/verbs';

export type ApiHandler<V extends ApiVerb> = (input: ApiParsedInput<V>) => Promise<ApiOutputs[V]>;

export interface ApiRegistry {
  /** Registers one verb's handler; throws if the verb is unknown or already registered. */
  method<V extends ApiVerb>(verb: V, handler: ApiHandler<V>): void;
  /** Registers every verb of a group of handlers (a domain's), each through method(). */
  methods(group: Partial<ApiHandlers>): void;
  /** The complete API; throws naming the verbs nothing registered. */
  handlers(): ApiHandlers;
}

export function createApiRegistry(): ApiRegistry {
  const registered = new Map<ApiVerb, ApiHandler<ApiVerb>>();
  const registry: ApiRegistry = {
    method(verb, handler) {
      if (!isApiVerb(verb)) throw new Error(`"${String(verb)}" is not a verb of the API (src/shared/api/verbs.ts)`);
      if (registered.has(verb)) throw new Error(`The verb "${verb}" is registered twice`);
      registered.set(verb, handler as unknown as ApiHandler<ApiVerb>);
    },
    methods(group) {
      for (const verb of Object.keys(group)) {
        registry.method(verb as ApiVerb, group[verb as ApiVerb] as ApiHandler<ApiVerb>);
      }
    },
    handlers() {
      const missing = apiVerbs.filter((verb) => !registered.has(verb));
      if (missing.length > 0) throw new Error(`No handler for ${missing.join(', ')}`);
      return Object.freeze(Object.fromEntries(registered)) as unknown as ApiHandlers;
    },
  };
  return registry;
}
