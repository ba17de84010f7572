/**
 * Text as search compares it: lower case in any script (Russian rules), "ё" as "е", runs of
 * whitespace as one space. The connector folds a contact's searchable text with it as it
 * maps the contact (crm/), and the mirror folds each query the same way (mirror/).
 */
export function foldForSearch(text: string): string {
  return text.toLocaleLowerCase('ru').replaceAll('ё', 'е').replace(/\s+/g, ' ').trim();
}
