/**
 * The core's verbs, registered one by one (in the manner of Actual Budget's
 * `createApp().method`): a verb registered twice throws at start-up, where spreading handler
 * objects into one would let the later one win silently; a verb left out throws too, so
 * the core can never start with a hole in its API.
 *
 * A handler is a named function of `(ctx, input)`: the registry holds the one context and
 * hands it to every verb, so a handler's dependencies are its context's fields, not a
 * factory's closure.
 */
import type { ApiHandlers, ApiOutputs } from '../../shared/api/contract';
import type { ApiParsedInput } from '../../shared/api/schemas';
import { type ApiVerb, apiVerbs, isApiVerb } from '../../shared/api/verbs';

export type VerbHandler<C, V extends ApiVerb> = (ctx: C, input: ApiParsedInput<V>) => Promise<ApiOutputs[V]>;

/** A domain's verbs, each a named handler (checked with `satisfies VerbGroup<TheDomainsContext>`). */
export type VerbGroup<C> = { readonly [V in ApiVerb]?: VerbHandler<C, V> };

export interface ApiRegistry<C> {
  /** Registers one verb's handler; throws if the verb is unknown or already registered. */
  method<V extends ApiVerb>(verb: V, handler: VerbHandler<C, V>): void;
  /** Registers every verb of a domain's group, each through method(). */
  methods(group: VerbGroup<C>): void;
  /**
   * The complete API, each verb bound to the context; throws naming the verbs nothing
   * registered. `translate` sees every error a handler throws and returns the one to throw
   * (the core turns SQLite's corruption codes into words there).
   */
  handlers(translate?: (error: unknown) => unknown): ApiHandlers;
}

export function createApiRegistry<C>(ctx: C): ApiRegistry<C> {
  const registered = new Map<ApiVerb, VerbHandler<C, ApiVerb>>();
  const registry: ApiRegistry<C> = {
    method(verb, handler) {
      if (!isApiVerb(verb)) throw new Error(`"${String(verb)}" is not a verb of the API (src/shared/api/verbs.ts)`);
      if (registered.has(verb)) throw new Error(`The verb "${verb}" is registered twice`);
      registered.set(verb, handler as unknown as VerbHandler<C, ApiVerb>);
    },
    methods(group) {
      for (const verb of Object.keys(group)) {
        registry.method(verb as ApiVerb, group[verb as ApiVerb] as VerbHandler<C, ApiVerb>);
      }
    },
    handlers(translate) {
      const missing = apiVerbs.filter((verb) => !registered.has(verb));
      if (missing.length > 0) throw new Error(`No handler for ${missing.join(', ')}`);
      const bound = [...registered].map(
        ([verb, handler]) =>
          [
            verb,
            translate
              ? (input: never) =>
                  Promise.resolve()
                    .then(() => handler(ctx, input))
                    .catch((error: unknown) => {
                      throw translate(error);
                    })
              : (input: never) => handler(ctx, input),
          ] as const,
      );
      return Object.freeze(Object.fromEntries(bound)) as unknown as ApiHandlers;
    },
  };
  return registry;
}
