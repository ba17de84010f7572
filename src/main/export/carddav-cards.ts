/**
 * A plan as separate cards for a CardDAV target: each account's new contacts (their stored
 * cards, framed by SQLite) and its re-sent ones (R9-R12: current name, every channel ever
 * delivered), each with the ledger entry its confirmation records. Read in one transaction:
 * one snapshot of the mirror for every card.
 */
import type { MirrorDb } from '../mirror/mirror-db';
import type { TelForm } from '../phones/tel-form';
import { writeContactCardsUtf8 } from './card-from-mirror';
import { freshCardsEach } from './fresh-cards';
import type { ExportPlan } from './plan-export';
import { categoriesLine, ledgerEntryJson } from './stored-card';

export interface OutgoingCard {
  readonly accountId: number;
  readonly contactId: number;
  /** The whole vCard 3.0, UTF-8. */
  readonly card: Buffer;
  /** The ledger entry (JSON, as contact_cards.ledger) recorded once the server confirms it. */
  readonly ledger: string;
  readonly status: 'new' | 'updated';
}

/** `form`: how this server keeps a number's extension (read-back.ts found it; tel-form.ts). */
export function planCards(db: MirrorDb, plan: ExportPlan, form: TelForm): OutgoingCard[] {
  return db.transaction(() => {
    const cards: OutgoingCard[] = [];
    for (const delta of plan.deltas) {
      const label = plan.accountLabels.get(delta.accountId) ?? 'amoCRM';
      for (const fresh of freshCardsEach(db, delta.fresh, categoriesLine(label), form)) {
        cards.push({ accountId: delta.accountId, ...fresh, status: 'new' });
      }
      for (const item of delta.updated) {
        cards.push({
          accountId: delta.accountId,
          contactId: item.contact.id,
          card: writeContactCardsUtf8([item.contact], label, 'vcard3', form),
          ledger: ledgerEntryJson(item.contact.name, item.ledgerChannels),
          status: 'updated',
        });
      }
    }
    return cards;
  })();
}
