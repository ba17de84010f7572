/** Русский текст подключения аккаунта (первый экран и вход в amoCRM) (входит в i18n/ru.ts); ключи те же, что в strings-en.ts: это проверяет компилятор. */
import type { Widen } from '../i18n/widen';
import type { connectEn } from './strings-en';

export const connectRu: Widen<typeof connectEn> = {
  consent: {
    heading: 'Вход в amoCRM',
    open: 'Открыть страницу входа amoCRM (в новой вкладке)',
    allow: 'Войдите там и нажмите «Разрешить».',
    paste:
      'После этого amoCRM откроет адрес, начинающийся с {{redirectUri}}: скопируйте его из адресной строки и вставьте сюда.',
    label: 'Адрес, который открыл amoCRM',
    continue: 'Подключить',
    cancel: 'Отмена',
  },
  welcome: {
    heading: 'Подключите аккаунт amoCRM или Kommo',
    intro:
      'Приложение копирует контакты, которые вам разрешено выгружать, в закрытую базу на этом компьютере и переносит их в телефон.',
    oauthHeading: 'Войти через amoCRM',
    oauthHelp:
      'Через интеграцию вашей компании (её создаёт администратор в amoCRM: Настройки → Интеграции). Приложение действует от вашего имени, с вашими правами.',
    oauthButton: 'Войти через amoCRM',
    signingIn: 'Ждём ответа amoCRM…',
    productLabel: 'Где ваш аккаунт',
    productAmocrm: 'amoCRM (amocrm.ru)',
    productKommo: 'Kommo (kommo.com)',
    productCustom: 'Другой сайт входа (тестовый сервер)',
    consentSiteLabel: 'Адрес сайта входа',
    clientIdLabel: 'ID интеграции',
    clientSecretLabel: 'Секретный ключ',
    redirectUriLabel: 'Адрес перенаправления (как в интеграции)',
    codeHeading: 'Подключить по коду авторизации',
    codeHelp: 'Для администраторов: одноразовый код авторизации интеграции (действует 20 минут).',
    codeLabel: 'Код авторизации',
    demoHeading: 'Просто посмотреть?',
    demoText: 'Попробуйте встроенный демо-аккаунт: 12 000 вымышленных контактов, ничего не покидает этот компьютер.',
    demoButton: 'Открыть демо-аккаунт',
    demoConnecting: 'Запускаем демо-аккаунт…',
    tokenHeading: 'Подключить по долгосрочному токену',
    tokenHelp:
      'Его создаёт администратор аккаунта в amoCRM: Настройки → Интеграции → ваша приватная интеграция → Ключи и доступы.',
    baseUrlLabel: 'Адрес аккаунта',
    baseUrlPlaceholder: 'acme.amocrm.ru',
    tokenLabel: 'Долгосрочный токен',
    connectButton: 'Подключить',
    connecting: 'Проверяем токен…',
  },
};
