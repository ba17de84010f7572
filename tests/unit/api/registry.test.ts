/** The verb registry: one handler per verb, each registered once, none missing. */
import { describe, expect, it } from 'vitest';
import { createApiRegistry } from '../../../src/main/api/registry';
import { apiVerbs } from '../../../src/shared/api/verbs';

const stub = async () => ({}) as never;

describe('the API registry', () => {
  it('throws when a verb is registered twice, alone or in a group (a spread would let one win silently)', () => {
    const registry = createApiRegistry({});
    registry.method('listDevices', stub);
    expect(() => registry.method('listDevices', stub)).toThrow(/"listDevices" is registered twice/);
    expect(() => registry.methods({ addDevice: stub, listDevices: stub })).toThrow(/"listDevices" is registered twice/);
  });

  it('refuses a name that is not a verb (a helper left in a handler group), prototype names included', () => {
    const registry = createApiRegistry({});
    for (const name of ['helper', '__proto__', 'constructor']) {
      expect(() => registry.methods({ [name]: stub } as never), name).toThrow(/not a verb/);
    }
  });

  it('gives the API only when every verb has a handler, naming those that do not', () => {
    const registry = createApiRegistry({});
    for (const verb of apiVerbs.slice(1)) registry.method(verb, stub);
    expect(() => registry.handlers()).toThrow(`No handler for ${apiVerbs[0]}`);
    registry.method(apiVerbs[0], stub);
    const api = registry.handlers();
    expect(Object.keys(api).sort()).toEqual([...apiVerbs].sort());
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('hands every verb the one context it was created with, and the input it was called with', async () => {
    const ctx = { version: '9.9.9' };
    const registry = createApiRegistry(ctx);
    const seen: unknown[] = [];
    for (const verb of apiVerbs) {
      registry.method(verb, async (given, input) => {
        seen.push([given, input]);
        return {} as never;
      });
    }
    const api = registry.handlers();
    await api.lookupPhone({ phone: '+79123456789' });
    expect(seen).toEqual([[ctx, { phone: '+79123456789' }]]);
    expect(seen[0]).toSatisfy((pair: unknown[]) => pair[0] === ctx);
  });
});
