/** A sandbox CRM, a core service with a mirror, devices, and helpers to read what a device got. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxOptions } from '../../../src/main/sandbox/server';
import type { ExportResult } from '../../../src/shared/api/types';
import { tempDir } from '../../helpers/temp-dir';
import { type ReadCard, readVCards } from '../../helpers/vcard-reader';
import { syncWorld } from '../sync/sync-world';

export async function exportWorld(sandboxOptions: SandboxOptions = {}, userKey = 'admin') {
  const world = await syncWorld({ contacts: 300, seed: 'export-world', ...sandboxOptions });
  const account = await world.call('addAccountWithToken', {
    baseUrl: world.sandbox.baseUrl,
    token: world.sandbox.tokens[userKey] as string,
  });
  // The whole account first: these tests are about the rules on a complete mirror (an export
  // during the first pull is tests/unit/export/early-export.test.ts).
  await world.call('syncAccounts', {});
  let files = 0;
  return {
    ...world,
    account,
    /** Exports to a fresh file and returns the result with the cards, each keyed by contact id. */
    async exportTo(
      deviceId: string,
      options: { period?: string; onlyMine?: boolean; responsible?: number[]; format?: 'vcard3' | 'vcard4' } = {},
    ) {
      const out = join(world.dataDir, `export-${++files}.vcf`);
      const result: ExportResult = await world.call('exportToFile', { deviceId, outPath: out, ...options });
      const cards = readVCards(readFileSync(out, 'utf8'));
      return { result, cards, byId: cardsById(cards) };
    },
  };
}

/** The UID carries the contact id only through the engine: map cards by their order in the mirror instead. */
export function cardsById(cards: readonly ReadCard[]): Map<string, ReadCard> {
  return new Map(cards.map((card) => [card.text('UID') ?? '', card]));
}

export function phonesOf(card: ReadCard | undefined): string[] {
  return card ? card.get('TEL').map((tel) => tel.raw) : [];
}

export { tempDir };
