/** Русский текст раздела «Кто звонит?» (входит в i18n/ru.ts); ключи те же, что в strings-en.ts: это проверяет компилятор. */
import type { Widen } from '../i18n/widen';
import type { lookupEn } from './strings-en';

export const lookupRu: Widen<typeof lookupEn> = {
  lookup: {
    heading: 'Кто звонит?',
    hint: 'Введите или вставьте номер в любом виде: +7 912…, 8 (912)…, 912 345-67-89. Ответ берётся с этого компьютера, без запроса в amoCRM.',
    label: 'Номер телефона',
    button: 'Найти',
    none: 'Ни у кого из ваших контактов нет номера {{phone}}.',
    found: 'Контактов с этим номером: {{count, number}}',
    foundLast7: 'Точного совпадения нет. Контактов, чей номер оканчивается на те же семь цифр: {{count, number}}',
  },
};
