/** The API's verbs as the domains declare them (src/shared/api/domains): each once, each strict. */
import { describe, expect, it } from 'vitest';
import { apiInputSchemas, mergeVerbDomains } from '../../../src/shared/api/schemas';
import { apiVerbs } from '../../../src/shared/api/verbs';

describe('the verbs declared by domain', () => {
  it('are exactly the names the preload knows, each with its input schema', () => {
    expect(Object.keys(apiInputSchemas).sort()).toEqual([...apiVerbs].sort());
  });

  it('refuse unknown keys in every verb (a typo fails loudly instead of doing the default)', () => {
    for (const verb of apiVerbs) {
      const parsed = apiInputSchemas[verb].safeParse({ definitelyNotAField: 1 });
      expect(parsed.success, verb).toBe(false);
    }
  });

  it('throw when two domains declare one verb', () => {
    const spec = { input: null };
    expect(mergeVerbDomains([{ listDevices: spec }, { addDevice: spec }])).toEqual({
      listDevices: spec,
      addDevice: spec,
    });
    expect(() => mergeVerbDomains([{ listDevices: spec }, { listDevices: spec }])).toThrow(
      /"listDevices" is declared by two domains/,
    );
  });
});
