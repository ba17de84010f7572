/**
 * A test world for syncs: a sandbox over real HTTP and a core service on a real SQLite file,
 * with quick retries, plus a way to compare the mirror with what the CRM holds.
 */

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createDispatcher } from '../../../src/main/api/dispatch';
import { type SandboxHandle, type SandboxOptions, startSandbox } from '../../../src/main/sandbox/server';
import { createMemorySecretStore } from '../../../src/main/secrets/file-secret-store';
import { type CoreServiceOptions, createCoreService } from '../../../src/main/service';
import type { ApiOutputs } from '../../../src/shared/api/contract';
import type { ApiInput } from '../../../src/shared/api/schemas';
import type { ApiVerb } from '../../../src/shared/api/verbs';
import { deserializeError } from '../../../src/shared/errors';
import { tempDir } from '../../helpers/temp-dir';

export async function syncWorld(sandboxOptions: SandboxOptions = {}, serviceOptions: Partial<CoreServiceOptions> = {}) {
  const sandbox = await startSandbox({ contacts: 1200, seed: 'sync-world', rateLimit: 0, ...sandboxOptions });
  const dataDir = tempDir();
  const secrets = createMemorySecretStore();
  const service = createCoreService({
    dataDir,
    face: 'cli',
    secrets,
    requestsPerSecond: 1000,
    // 429s count against the retry budget at once here; the colleagues test below rides them out.
    httpTuning: { backoffMs: () => 10, timeoutMs: 5000, rateLimitPatienceMs: 0 },
    ...serviceOptions,
  });
  const dispatch = createDispatcher(service.api, () => undefined);
  async function call<V extends ApiVerb>(verb: V, input: ApiInput<V>): Promise<ApiOutputs[V]> {
    const envelope = await dispatch(verb, input);
    if (!envelope.ok) throw deserializeError(envelope.error);
    return envelope.value as ApiOutputs[V];
  }
  async function codeOf(promise: Promise<unknown>): Promise<string> {
    return promise.then(
      () => 'resolved',
      (error: { code?: string }) => error.code ?? String(error),
    );
  }
  return {
    sandbox,
    service,
    secrets,
    dataDir,
    call,
    codeOf,
    connectAdmin: () =>
      call('addAccountWithToken', { baseUrl: sandbox.baseUrl, token: sandbox.tokens['admin'] as string }),
    async close() {
      await service.close();
      await sandbox.close();
    },
  };
}

/** What the mirror holds for an account: id -> name, updated_at and phones as written. */
export function mirrorSnapshot(dataDir: string, accountId: number): Map<number, string> {
  const db = new Database(join(dataDir, 'mirror.sqlite'), { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT c.id, c.name, c.updated_at AS updatedAt,
           (SELECT group_concat(value, '|') FROM (SELECT value FROM contact_channels p
              WHERE p.account_id = c.account_id AND p.contact_id = c.id AND p.kind = 'phone' ORDER BY p.position)) AS phones
         FROM contacts c WHERE c.account_id = ? ORDER BY c.id`,
      )
      .all(accountId) as Array<{ id: number; name: string; updatedAt: number; phones: string | null }>;
    return new Map(rows.map((row) => [row.id, `${row.name}#${row.updatedAt}#${row.phones ?? ''}`]));
  } finally {
    db.close();
  }
}

/** The same view of what the sandbox CRM holds now. */
export function crmSnapshot(sandbox: SandboxHandle): Map<number, string> {
  const snapshot = new Map<number, string>();
  for (const id of sandbox.contactIds()) {
    const contact = sandbox.liveContact(id);
    if (!contact) continue;
    const phones = (contact.custom_fields_values ?? [])
      .filter((field) => field.field_code === 'PHONE')
      .flatMap((field) => (field.values ?? []).map((value) => String(value.value ?? '').trim()))
      .filter(Boolean);
    const name =
      (contact.name ?? '').trim() ||
      [contact.first_name, contact.last_name]
        .map((part) => (part ?? '').trim())
        .filter(Boolean)
        .join(' ');
    snapshot.set(id, `${name}#${contact.updated_at}#${phones.join('|')}`);
  }
  return snapshot;
}
