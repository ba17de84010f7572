/** Русский текст раздела контактов (входит в i18n/ru.ts); ключи те же, что в strings-en.ts: это проверяет компилятор. */
import type { Widen } from '../i18n/widen';
import type { contactsEn } from './strings-en';

export const contactsRu: Widen<typeof contactsEn> = {
  contacts: {
    heading: 'Контакты',
    searchLabel: 'Поиск по имени, почте или номеру в любом формате',
    searchPlaceholder: 'Имя, почта или номер',
    found: 'Найдено: {{count, number}}',
    empty: 'Контактов пока нет. Нажмите «Синхронизировать», чтобы загрузить их.',
    syncing: 'Загружаем контакты… Они появятся здесь, когда синхронизация закончится.',
    noMatch: 'По запросу «{{query}}» ничего не найдено.',
    noPhone: 'нет телефона',
    loading: 'Загрузка…',
    detailHeading: 'Контакт',
    phones: 'Телефоны',
    emails: 'Почта',
    messengers: 'Мессенджеры',
    responsible: 'Ответственный',
    channelType: {
      MOB: 'мобильный',
      WORK: 'рабочий',
      WORKDD: 'рабочий прямой',
      HOME: 'домашний',
      FAX: 'факс',
      PRIV: 'личный',
      OTHER: 'другой',
      TELEGRAM: 'Telegram',
      WHATSAPP: 'WhatsApp',
      VIBER: 'Viber',
      SKYPE: 'Skype',
    },
    updated: 'Изменён в amoCRM',
    close: 'Закрыть',
    userId: 'коллега (имена видны только администраторам)',
    deliveries: 'На устройствах',
    notDelivered: 'Ещё не отправлен ни на одно устройство.',
    deliveredTo: '{{device}}: {{when}}',
  },
};
