/**
 * Every verb's input schema, gathered from the domains that declare them (domains/*.ts):
 * the only shape of input any face accepts.
 *
 * Every face (IPC, browser-mode HTTP, CLI) parses its untrusted input with these before
 * the core sees it. Schemas are strict: unknown keys are refused, not ignored, so a typo
 * in a caller fails loudly instead of silently doing the default.
 */
import type { z } from 'zod';
import { accountsVerbs } from './domains/accounts';
import { appVerbs } from './domains/app';
import { carddavVerbs } from './domains/carddav';
import { contactsVerbs } from './domains/contacts';
import { devicesVerbs } from './domains/devices';
import { exportVerbs } from './domains/export';
import { handoffVerbs } from './domains/handoff';
import { historyVerbs } from './domains/history';
import { syncVerbs } from './domains/sync';
import type { VerbSpec } from './domains/verb';
import type { ApiVerb } from './verbs';

const domains = [
  appVerbs,
  accountsVerbs,
  syncVerbs,
  contactsVerbs,
  devicesVerbs,
  exportVerbs,
  carddavVerbs,
  handoffVerbs,
  historyVerbs,
] as const;

/** Every domain's verbs in one type (the union of the domains turned into their intersection). */
type Merged = (
  (typeof domains)[number] extends infer D
    ? D extends unknown
      ? (all: D) => void
      : never
    : never
) extends (all: infer All) => void
  ? All
  : never;

/** Every verb's declaration; a verb two domains declare throws here, when the app loads. */
export const apiVerbSpecs = mergeVerbDomains(domains) as Merged satisfies Record<ApiVerb, VerbSpec<z.ZodType, unknown>>;

/** One map of the domains' verbs; a verb declared by two of them throws (a spread would let one win). */
export function mergeVerbDomains(list: readonly Readonly<Record<string, unknown>>[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const domain of list) {
    for (const [name, spec] of Object.entries(domain)) {
      if (name in merged) throw new Error(`The verb "${name}" is declared by two domains (src/shared/api/domains)`);
      merged[name] = spec;
    }
  }
  return merged;
}

export type ApiInputSchemas = { readonly [V in ApiVerb]: Merged[V]['input'] };

export const apiInputSchemas: ApiInputSchemas = Object.fromEntries(
  Object.entries(apiVerbSpecs).map(([name, spec]) => [name, spec.input]),
) as unknown as ApiInputSchemas;

/** What a caller may send (defaults still optional). */
export type ApiInput<V extends ApiVerb> = z.input<ApiInputSchemas[V]>;
/** What a handler receives, after parsing (defaults filled in). */
export type ApiParsedInput<V extends ApiVerb> = z.output<ApiInputSchemas[V]>;
