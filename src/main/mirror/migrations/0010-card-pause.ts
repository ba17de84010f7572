/**
 * Schema 10: a stored card's lines a second time, for a card with an extension, with a
 * marker in place of the pause (export/stored-card.ts): Android's importer needs `p` there,
 * the iPhone and Google `,`, a CardDAV server whichever it keeps (phones/tel-form.ts). The
 * column starts empty; the cards are rendered again at open, since their format number
 * changed with it (mirror/contact-cards.ts).
 */
import type { Migration } from './migration';

export const migration0010CardPause: Migration = {
  version: 10,
  name: '0010-card-pause',
  up(db) {
    db.exec('ALTER TABLE contact_cards ADD COLUMN vcard3_pause BLOB');
  },
};
