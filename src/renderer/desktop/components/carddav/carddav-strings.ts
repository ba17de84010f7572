/**
 * The words of the CardDAV feature (issue 9), in English and Russian, for whoever wires it
 * into the desktop's i18n (this file is not imported yet): the error codes CardDAV adds to
 * src/shared/errors.ts, and the provider names and warnings a CardDAV screen shows.
 * Interpolations as in i18n/en.ts ({{host}}, {{message}}...).
 */
import type { ErrorCode } from '../../../../shared/errors';

type CardDavErrorCode = Extract<
  ErrorCode,
  | 'CARDDAV_AUTH_REJECTED'
  | 'CARDDAV_UNREACHABLE'
  | 'CARDDAV_NOT_CARDDAV'
  | 'CARDDAV_REFUSED'
  | 'CARDDAV_BUSY'
  | 'CARDDAV_CONFLICT'
  | 'OAUTH_FAILED'
>;

interface CardDavStrings {
  readonly errors: Readonly<Record<CardDavErrorCode, string>>;
  readonly providers: Readonly<Record<'icloud' | 'google' | 'yandex' | 'nextcloud' | 'fastmail' | 'custom', string>>;
  readonly providerLimit: string;
  readonly delivered: string;
  readonly resetDone: string;
}

export const carddavEn: CardDavStrings = {
  errors: {
    CARDDAV_AUTH_REJECTED:
      '{{host}} did not accept the user name and password. Use an app password made for this app (not your main password), and check the user name.',
    CARDDAV_UNREACHABLE:
      'Cannot reach the address-book server {{host}}. Check the address and the internet connection; nothing was lost, export again when it is back.',
    CARDDAV_NOT_CARDDAV:
      '{{host}} does not look like an address-book (CardDAV) server. Check the address, or choose your provider from the list.',
    CARDDAV_REFUSED:
      '{{host}} refused a contact (error {{status}}). The contacts already sent are kept; export again later, and tell us if it keeps happening.',
    CARDDAV_BUSY: '{{host}} is busy and asked us to slow down. Nothing was lost: export again in a few minutes.',
    CARDDAV_CONFLICT:
      'A contact keeps changing on {{host}} while we write it (is another app syncing it?). Export again in a minute.',
    OAUTH_FAILED: 'Google sign-in did not finish: {{message}}',
  },
  providers: {
    icloud: 'iCloud',
    google: 'Google Contacts',
    yandex: 'Yandex',
    nextcloud: 'Nextcloud',
    fastmail: 'Fastmail',
    custom: 'Other CardDAV server',
  },
  providerLimit:
    'This account would hold {{total}} contacts; {{provider}} keeps at most {{limit}} per account and will refuse the rest.',
  delivered: '{{count}} contacts sent to {{name}}. Phones that sync this account get them at their next sync.',
  resetDone: '{{count}} contacts removed from the account; phones that sync it remove them too.',
};

export const carddavRu: CardDavStrings = {
  errors: {
    CARDDAV_AUTH_REJECTED:
      '{{host}} не принял имя пользователя и пароль. Используйте пароль приложения, созданный для этой программы (не основной пароль), и проверьте имя пользователя.',
    CARDDAV_UNREACHABLE:
      'Не удаётся связаться с сервером адресной книги {{host}}. Проверьте адрес и подключение к интернету; ничего не потеряно — повторите экспорт, когда связь появится.',
    CARDDAV_NOT_CARDDAV:
      '{{host}} не похож на сервер адресной книги (CardDAV). Проверьте адрес или выберите своего провайдера из списка.',
    CARDDAV_REFUSED:
      '{{host}} не принял контакт (ошибка {{status}}). Уже отправленные контакты сохранены; повторите экспорт позже, а если ошибка повторяется — напишите нам.',
    CARDDAV_BUSY:
      '{{host}} перегружен и просит подождать. Ничего не потеряно: повторите экспорт через несколько минут.',
    CARDDAV_CONFLICT:
      'Контакт на {{host}} меняется, пока мы его записываем (его синхронизирует другое приложение?). Повторите экспорт через минуту.',
    OAUTH_FAILED: 'Вход в Google не завершён: {{message}}',
  },
  providers: {
    icloud: 'iCloud',
    google: 'Google Контакты',
    yandex: 'Яндекс',
    nextcloud: 'Nextcloud',
    fastmail: 'Fastmail',
    custom: 'Другой сервер CardDAV',
  },
  providerLimit:
    'В этом аккаунте будет {{total}} контактов; {{provider}} хранит не больше {{limit}} на аккаунт и остальные не примет.',
  delivered:
    'Отправлено контактов: {{count}} в {{name}}. Телефоны, синхронизирующие этот аккаунт, получат их при следующей синхронизации.',
  resetDone: 'Удалено контактов из аккаунта: {{count}}; телефоны, синхронизирующие его, тоже их удалят.',
};
