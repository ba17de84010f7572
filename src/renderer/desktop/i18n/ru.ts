/** Русский текст интерфейса: самого окна и каждого раздела. Ключи те же, что в en.ts: это проверяет компилятор. */

import { errorWordsRu } from '../../../shared/words/error-words-ru';
import { accountsRu } from '../accounts/strings-ru';
import { connectRu } from '../connect/strings-ru';
import { contactsRu } from '../contacts/strings-ru';
import { devicesRu } from '../devices/strings-ru';
import { exportRu } from '../export/strings-ru';
import { historyRu } from '../history/strings-ru';
import { lookupRu } from '../lookup/strings-ru';
import { settingsRu } from '../settings/strings-ru';
import type { Messages } from './en';

export const ru: Messages = {
  ...lookupRu,
  ...connectRu,
  ...accountsRu,
  ...contactsRu,
  ...exportRu,
  ...devicesRu,
  ...historyRu,
  ...settingsRu,
  app: { title: 'amo-phonebook', tagline: 'Контакты из amoCRM у вас в телефоне' },
  language: { label: 'Язык', ru: 'Русский', en: 'English' },
  nav: {
    label: 'Разделы',
    contacts: 'Контакты',
    lookup: 'Кто звонит?',
    devices: 'Телефоны и выгрузка',
    history: 'История',
    settings: 'Настройки',
  },
  common: {
    cancel: 'Отменить',
    close: 'Закрыть',
    back: 'Назад',
    save: 'Сохранить',
    working: 'Выполняется…',
    backToDevices: 'К устройствам',
  },
  errors: errorWordsRu,
};
