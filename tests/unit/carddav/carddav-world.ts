/**
 * A CardDAV test world: a sandbox CRM over real HTTP, a core service on a real SQLite file,
 * and a real Radicale on a free loopback port; plus what a test reads back from the server
 * with the independent reader (plain fetch, not tsdav).
 */
import type { CardDavProvider } from '../../../src/shared/api/types';
import { readBook, type ServerCard, values } from '../../helpers/dav-reader';
import { type RadicaleHandle, startRadicale } from '../../helpers/radicale';
import { syncWorld } from '../sync/sync-world';

export async function carddavWorld(options: { contacts?: number; seed?: string } = {}) {
  const radicale = await startRadicale();
  const world = await syncWorld(
    { contacts: options.contacts ?? 24, seed: options.seed ?? 'carddav-world' },
    { carddav: { http: { backoffMs: () => 20, timeoutMs: 5000, maxRetries: 3 } } },
  );
  const account = await world.connectAdmin();
  const home = `${radicale.url}${radicale.user}/`;
  return {
    ...world,
    radicale,
    account,
    home,
    ownBookUrl: `${home}amocrm-${account.id}/`,
    async addTarget(provider: CardDavProvider = 'custom', password = radicale.password) {
      return world.call('addCardDavDevice', {
        name: `Radicale ${provider}`,
        provider,
        serverUrl: radicale.url,
        username: radicale.user,
        password,
      });
    },
    /** The book's cards by file name, read with plain REPORT. */
    read: (bookUrl: string) => readBook(bookUrl, radicale.authorization),
    withPhone: () =>
      world.sandbox
        .contactIds()
        .filter((id) =>
          (world.sandbox.liveContact(id)?.custom_fields_values ?? []).some(
            (field) => field.field_code === 'PHONE' && (field.values ?? []).length > 0,
          ),
        ),
    async close() {
      await world.close();
      await radicale.stop();
    },
  };
}

export type CardDavWorld = Awaited<ReturnType<typeof carddavWorld>>;
export type { RadicaleHandle };

/** The card of a contact, found by its UID line. */
export function cardOf(cards: ReadonlyMap<string, ServerCard>, uid: string): ServerCard | undefined {
  return [...cards.values()].find((card) => values(card.text, 'UID')[0] === uid);
}

export const tels = (card: ServerCard | undefined) => (card ? values(card.text, 'TEL') : []);
export const fn = (card: ServerCard | undefined) => (card ? values(card.text, 'FN')[0] : undefined);
