/** The dispatcher: the one door into the core for untrusted input. */
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/main/api/dispatch';
import type { ApiHandlers } from '../../../src/shared/api/contract';
import { AppError } from '../../../src/shared/errors';

const handlers = {
  listDevices: async () => {
    throw new TypeError('secret internals: /home/user/.config at line 42');
  },
  addDevice: async (input: { name: string }) => ({ id: 'x', name: input.name, platform: 'file', createdAt: 0 }),
  getContact: async () => {
    throw new AppError('NOT_FOUND', 'No contact 1', { contactId: 1 });
  },
} as unknown as ApiHandlers;

describe('createDispatcher', () => {
  const logged: string[] = [];
  const dispatch = createDispatcher(handlers, (message) => logged.push(message));

  it('parses input with the verb schema before the handler sees it (trimmed, defaults filled)', async () => {
    expect(await dispatch('addDevice', { name: '  Pixel  ', platform: 'file' })).toMatchObject({
      ok: true,
      value: { name: 'Pixel' },
    });
  });

  it('refuses unknown verbs, prototype keys and malformed input', async () => {
    for (const verb of ['nope', '__proto__', 'constructor', 'toString']) {
      expect(await dispatch(verb, {}), verb).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(await dispatch('addDevice', null)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch('addDevice', 'a string')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // A JSON body's "__proto__" is an own key: refused as unknown, never merged into a prototype.
    const polluted = JSON.parse('{"name":"x","platform":"file","__proto__":{"admin":true}}') as unknown;
    expect(await dispatch('addDevice', polluted)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
    expect(await dispatch('getContact', { accountId: -1, contactId: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('passes AppErrors through with their code and params', async () => {
    expect(await dispatch('getContact', { accountId: 1, contactId: 1 })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No contact 1', params: { contactId: 1 } },
    });
  });

  it('hides unexpected exceptions behind INTERNAL, logging the details locally', async () => {
    const result = await dispatch('listDevices', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret internals');
    expect(logged.join('\n')).toContain('secret internals');
  });
});
