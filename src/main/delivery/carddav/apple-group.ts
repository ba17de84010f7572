/**
 * iCloud shows a set of cards as a group only through an Apple group card
 * (X-ADDRESSBOOKSERVER-KIND:group with one MEMBER line per card's UID); it ignores
 * CATEGORIES. Where the export shares the account's default book, this card gives the user
 * an "amoCRM ..." group to find (and delete) the exported contacts by. Pure text.
 */
import { contactUid } from '../../export/card-from-mirror';
import { CRLF, escapeText, foldLine, prodId } from '../../export/vcard-text';

export function groupFileName(accountId: number): string {
  return `amocrm-group-${accountId}.vcf`;
}

export function appleGroupCard(accountId: number, label: string, contactIds: readonly number[]): string {
  const name = escapeText(label);
  const lines = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `PRODID:${prodId}`,
    `UID:amo-phonebook-group-${accountId}`,
    `FN:${name}`,
    `N:${name};;;;`,
    'X-ADDRESSBOOKSERVER-KIND:group',
    ...[...contactIds].sort((a, b) => a - b).map((id) => `X-ADDRESSBOOKSERVER-MEMBER:${contactUid(accountId, id)}`),
    'END:VCARD',
  ];
  return lines.map((line) => `${foldLine(line)}${CRLF}`).join('');
}
