/**
 * How a domain declares a verb, in one place: its input schema (what every face parses
 * untrusted input with) and, as a type only, what it answers:
 * `lookupPhone: verb(z.object({ phone })).returns<PhoneLookupResult>()`.
 */
import type { z } from 'zod';

export interface VerbSpec<S extends z.ZodType, O> {
  readonly input: S;
  /** Never set: it carries the output type to ApiOutputs. */
  readonly output?: O;
}

export function verb<S extends z.ZodType>(input: S) {
  return { returns: <O>(): VerbSpec<S, O> => ({ input }) };
}

export type OutputOf<S> = S extends VerbSpec<z.ZodType, infer O> ? O : never;
