/** Русский текст раздела истории (входит в i18n/ru.ts); ключи те же, что в strings-en.ts: это проверяет компилятор. */
import type { Widen } from '../i18n/widen';
import type { historyEn } from './strings-en';

export const historyRu: Widen<typeof historyEn> = {
  history: {
    heading: 'История выгрузок',
    intro: 'Все выгрузки, сначала новые: что отправлено или почему не получилось.',
    loading: 'Загружаем историю…',
    empty: 'Выгрузок пока не было. Выгрузите контакты в разделе «Телефоны и выгрузка».',
    refresh: 'Обновить',
    device: 'Устройство',
    allDevices: 'Все устройства',
    columns: { when: 'Когда', device: 'Устройство', route: 'Способ', outcome: 'Итог', details: 'Подробности' },
    route: { file: 'файл .vcf', lan: 'QR-код', usb: 'USB-кабель', carddav: 'адресная книга CardDAV' },
    outcome: { delivered: 'Доставлено', failed: 'Не удалось', cancelled: 'Отменено' },
    counts: 'Отправлено {{delivered, number}}: новых {{new, number}}, обновлённых {{updated, number}}.',
    skipped: 'Пропущено: {{list}}.',
    skip: {
      noPhone: 'без телефона — {{count, number}}',
      cap: 'сверх лимита iPhone — {{count, number}}',
      rights: 'вне ваших прав — {{count, number}}',
    },
    reason: {
      expired: 'Телефон не забрал контакты вовремя.',
      cancelled: 'Отменено до того, как телефон забрал контакты.',
      'commit-failed':
        'Телефон получил контакты, но приложение не смогло это записать; следующая выгрузка отправит их снова.',
      other: 'Сообщение приложения: {{reason}}',
      none: 'Причина не записана.',
    },
  },
};
