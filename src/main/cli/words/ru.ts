/**
 * Слова терминала по-русски: справка, результаты, ход работы и отказы самого CLI. Ключи те же,
 * что в en.ts (это проверяет компилятор). Числа — с пробелами между разрядами, существительное
 * согласовано с числом (1 контакт, 2 контакта, 5 контактов).
 */
import type { PullSource } from '../../../shared/api/events';
import type { ErrorCode, ErrorParams } from '../../../shared/errors';
import type { CliWords } from './en';

const pluralRules = new Intl.PluralRules('ru-RU');

/** «5 контактов»: число с разрядами и форма слова для него. */
export function ruCount(n: number, one: string, few: string, many: string): string {
  const form = pluralRules.select(n);
  const noun = form === 'one' ? one : form === 'few' ? few : form === 'many' ? many : few;
  return `${n.toLocaleString('ru-RU')} ${noun}`;
}

const contacts = (n: number) => ruCount(n, 'контакт', 'контакта', 'контактов');
const num = (n: number) => n.toLocaleString('ru-RU');

/** Откуда идёт загрузка, если не из amoCRM, как обычно (зеркало команды, задача 21). */
const sourceWordsRu: Readonly<Record<PullSource, string>> = {
  amocrm: '',
  'team-mirror': ' (из зеркала команды)',
  'amocrm-instead-of-team-mirror': ' (из самой amoCRM: зеркало команды недоступно)',
};

export const cliRu: CliWords = {
  help: {
    program: 'Контакты из amoCRM/Kommo у вас в телефоне',
    dataDir: 'папка данных (по умолчанию — папка приложения или $AMO_PHONEBOOK_DATA_DIR)',
    json: 'вывести один документ JSON в stdout',
    helpOption: 'показать справку по команде',
    version: 'показать номер версии',
    accountId: 'номер аккаунта',
    deviceId: 'номер устройства',
    sandbox: {
      command: 'запустить на 127.0.0.1 сервер с API как у amoCRM и сгенерированным аккаунтом',
      port: 'порт (0 — любой свободный)',
      contacts: 'сколько контактов',
      seed: 'зерно генерации аккаунта',
      rateLimit: 'запросов в секунду до ответа 429 (0 — без ограничения)',
    },
    account: {
      command: 'подключение аккаунтов amoCRM/Kommo и работа с ними',
      add: 'подключить аккаунт: долгосрочный токен, код авторизации интеграции или демо',
      baseUrl: 'адрес аккаунта, например https://acme.amocrm.ru',
      token:
        'долгосрочный токен вашей закрытой интеграции (или $AMO_PHONEBOOK_TOKEN). В командной строке его видит любой пользователь этого компьютера (ps), и он остаётся в истории оболочки: лучше --token-stdin',
      tokenStdin:
        'прочитать долгосрочный токен со стандартного ввода, безопасный способ: `account add --base-url АДРЕС --token-stdin < token.txt`, или вставьте его, когда спросят',
      clientIdCode: 'ID интеграции (вместе с --code)',
      clientSecretCode: 'секретный ключ интеграции (вместе с --code; или $AMO_PHONEBOOK_CLIENT_SECRET)',
      code: 'код авторизации (одноразовый, живёт около 20 минут)',
      redirectUriCode: 'адрес перенаправления интеграции (вместе с --code)',
      demo: 'подключить встроенный демо-аккаунт',
      connect:
        'подключить через страницу входа amoCRM (OAuth): печатает адрес, который нужно открыть, и читает адрес, на который вас вернули',
      clientId: 'ID интеграции',
      clientSecret: 'секретный ключ интеграции (или $AMO_PHONEBOOK_CLIENT_SECRET: его не видят другие пользователи)',
      redirectUri: 'адрес перенаправления интеграции',
      product: 'какой сайт входа',
      consentUrl: 'сайт входа, вместе с --product custom (песочница)',
      invite: 'сделать приглашение для коллег: адрес аккаунта и интеграция, никогда не токен',
      inviteOut: 'также сохранить его файлом с инструкцией для коллеги',
      inviteClientId: 'ID интеграции (для аккаунта, подключённого долгосрочным токеном)',
      inviteClientSecret: 'секретный ключ интеграции (там же)',
      inviteRedirectUri: 'адрес перенаправления интеграции (там же)',
      join: 'подключить аккаунт по приглашению коллеги, войдя в amoCRM под своим логином',
      invitation: 'файл приглашения (или файл со ссылкой)',
      list: 'список подключённых аккаунтов',
      remove: 'отключить аккаунт и удалить его локальную копию',
    },
    sync: {
      command: 'загрузить контакты всех подключённых аккаунтов (или одного) в локальную копию',
      account: 'только этот аккаунт',
      reconcile: 'также сверить каждый контакт с CRM и убрать те, которых там больше нет (долго; нужен --account)',
    },
    device: {
      command: 'телефоны, файлы и адресные книги, куда выгружаются контакты',
      add: 'добавить телефон, файл или адресную книгу на сервере CardDAV',
      name: 'понятное вам название, например «Мой iPhone»',
      platform: 'что это',
      provider: 'carddav: чья это учётная запись',
      url: 'carddav: адрес сервера (нужен для nextcloud и custom)',
      user: 'carddav: имя пользователя (Apple ID, логин Яндекса, e-mail…)',
      passwordStdin: 'carddav: прочитать пароль (приложения) со стандартного ввода',
      clientId: 'google: ID клиента OAuth (или $AMO_PHONEBOOK_GOOGLE_CLIENT_ID)',
      clientSecret: 'google: секрет клиента OAuth (или $AMO_PHONEBOOK_GOOGLE_CLIENT_SECRET)',
      profileOut: 'carddav: сохранить сюда профиль настройки для iPhone',
      setup: 'как сделать, чтобы контакты из адресной книги CardDAV появились на телефонах',
      setupProfileOut: 'сохранить сюда профиль настройки для iPhone',
      rename: 'переименовать устройство',
      newName: 'новое название',
      remove: 'удалить устройство и то, что приложение знает о полученном им (контакты на телефоне останутся)',
      list: 'список устройств',
    },
    export: {
      command:
        'выгрузить то, чего ещё нет на устройстве, файлом vCard (или показать, что уйдёт); `export reset` начинает выгрузку заново',
      device: 'устройство, для которого выгрузка (см. device list)',
      account: 'только этот аккаунт',
      period: 'только для первой выгрузки: 7d, 30d, 90d, 180d, 365d, all или ГГГГ-ММ-ДД',
      onlyMine: 'только контакты, где вы ответственный',
      responsible: 'только контакты этих ответственных (номера через запятую)',
      format: 'версия vCard',
      out: 'файл .vcf, который нужно записать',
      qr: 'отправить на телефон в этой сети: отсканируйте показанный здесь QR-код',
      usb: 'отправить на Android-телефон по USB-кабелю (adb); серийный номер, если подключено несколько',
      address: 'вместе с --qr: адрес этого компьютера для QR-кода',
      dryRun: 'только показать, что будет выгружено',
      reset: 'R6: забыть, что устройство получило из аккаунта; следующая выгрузка начнётся заново',
      resetDevice: 'устройство',
      resetAccount: 'аккаунт',
    },
    lookup: {
      command: 'найти контакты с этим номером, как бы он ни был записан',
      phone: 'номер в любом виде: «+7 912 345-67-89», «8 (912) 345 67 89», «89123456789»…',
    },
    startFresh: 'отложить повреждённую локальную базу (она переименовывается рядом, не удаляется) и начать с пустой',
    serve: {
      command: 'открыть окно приложения в браузере этого компьютера (интерфейс и API на 127.0.0.1)',
      port: 'порт (0 — любой свободный)',
      open: 'открыть адрес в браузере',
      team: 'также раздавать этот аккаунт команде в офисной сети (зеркало команды), пока не остановите',
      teamAddress: 'адрес в офисной сети для команды (по умолчанию — тот же, что для передачи на телефон)',
      teamPort: 'порт для команды (по умолчанию любой свободный; задайте постоянный, чтобы приглашения не устаревали)',
      syncEvery: 'с --team: синхронизировать аккаунт каждые столько секунд',
    },
  },
  commander: {
    titles: {
      'Usage:': 'Использование:',
      'Arguments:': 'Аргументы:',
      'Options:': 'Параметры:',
      'Commands:': 'Команды:',
      'Global Options:': 'Общие параметры:',
    },
    details: (text) => text.replace('(choices: ', '(варианты: ').replace(/\bdefault: /, 'по умолчанию: '),
    error: (line) => commanderErrorRu(line),
  },
  failure: {
    invalidInput: 'Неверные данные: {{message}}',
    known: (code, params) => knownRu(code, params),
    unexpected: (message) => `Что-то пошло не так: ${message}`,
  },
  wholeNumber: (name, value) => `${name} должно быть целым числом, а не «${value}»`,
  account: {
    rights: {
      all: 'все контакты',
      group: 'контакты вашей группы',
      responsible: 'только контакты, где вы ответственный',
      denied: 'запрещено: попросите администратора дать право на экспорт контактов',
      unknown: 'неизвестно (права видят только администраторы): только контакты, где вы ответственный',
    },
    never: 'ещё ни разу',
    demo: ' [демо]',
    line: (a) =>
      `${a.id}  ${a.name}${a.demo}  ${a.baseUrl}  ${contacts(a.contacts)} (с телефоном: ${num(a.withPhone)})  выгрузка: ${a.right}  синхронизирован: ${a.synced}`,
    addNeeds:
      'Для account add нужен --base-url вместе с --token, или --base-url вместе с --client-id, --client-secret, --code и --redirect-uri (или --demo)',
    connected: (line) => `Подключено: ${line}`,
    tokenPrompt: 'Вставьте долгосрочный токен и нажмите Enter (он не показывается): ',
    tokenStdinEmpty: '--token-stdin не получил токен со стандартного ввода',
    tokenTwice: 'Укажите токен одним способом: --token, --token-stdin или $AMO_PHONEBOOK_TOKEN',
    invitationUnreadable: (path, reason) => `Не удаётся прочитать файл приглашения ${path}: ${reason}`,
    invitationFile: (made) => [
      `amo-phonebook: приглашение в аккаунт amoCRM ${made.accountName} (${made.host})`,
      ...(made.invitedBy ? [`От: ${made.invitedBy}`] : []),
      '',
      'Что сделать:',
      '1. Установите amo-phonebook.',
      '2. На первом экране выберите «У меня есть приглашение от администратора» и откройте этот файл.',
      '3. Войдите в amoCRM под своим логином: вы увидите только те контакты, которые вам можно выгружать.',
    ],
    invitationFileEnd: 'В приглашении нет ни пароля, ни входа в amoCRM. Отправляйте его только коллегам.',
    invitationMade: [
      'Отправьте его каждому коллеге. Коллега выполняет `amo-phonebook account join --invitation ФАЙЛ` (или открывает его',
      'на первом экране приложения) и входит в amoCRM под своим логином. В нём нет ни пароля, ни токена.',
    ],
    savedTo: (path) => `Сохранено в ${path}`,
    none: 'Ни один аккаунт не подключён. Подключите: `account add --base-url АДРЕС --token ТОКЕН`, или попробуйте `account add --demo`.',
    notFound: (id) => `Аккаунта с номером ${id} среди подключённых нет`,
    removed: (id) => `Аккаунт ${id} отключён`,
  },
  consent: {
    open: (url, redirectUri) =>
      `Откройте этот адрес в браузере и разрешите доступ:\n\n  ${url}\n\nЗатем вставьте сюда адрес, на который перешёл браузер (он начинается с ${redirectUri}):\n`,
    nothingPasted: 'Адрес не вставлен',
  },
  sync: {
    reconcileNeedsAccount: 'Для sync --reconcile нужен --account НОМЕР',
    reconciled: (r) =>
      `аккаунт ${r.accountId}: проверено — ${contacts(r.checked)}, удалено — ${num(r.removed)}, добавлено — ${num(r.added)}`,
    // Страницы и частота запросов — слова движка: человеку важно, сколько пришло.
    progress: (p) =>
      (p.resumed
        ? `аккаунт ${p.accountId}: продолжаем с места остановки, уже ${contacts(p.contacts)}…`
        : `аккаунт ${p.accountId}: загружено ${contacts(p.contacts)}…`) +
      (p.sharingLimit ? ' (медленнее: коллеги синхронизируют аккаунт одновременно и делят лимит amoCRM)' : '') +
      sourceWordsRu[p.source],
    nothing: 'Ни один аккаунт не подключён: синхронизировать нечего.',
    done: (a) =>
      `аккаунт ${a.accountId}: новых или изменённых — ${contacts(a.contacts)}, ${a.seconds.replace('.', ',')} с`,
  },
  device: {
    line: (d) =>
      `${d.id}  ${d.name}  (${d.platform}${d.carddav ? `: ${d.carddav.username} на ${d.carddav.serverUrl}` : ''})`,
    passwordPrompt: 'Пароль (пароль приложения), затем Enter и Ctrl+D: ',
    noPassword: 'Со стандартного ввода не пришёл пароль',
    onIphone: 'На iPhone:',
    onAndroid: 'На Android:',
    appPassword: (hint) => `Пароль приложения: ${hint}`,
    profileHint: '\n(Профиль для iPhone сохраняется так: --profile-out ФАЙЛ.mobileconfig.)',
    noProfile: '\nДля этого провайдера профиль для iPhone не нужен: всё делается в настройках его учётной записи.',
    profileSaved: (path) =>
      `\nПрофиль для iPhone сохранён в ${path}: отправьте его на iPhone (AirDrop, почтой) и откройте там.`,
    needsName: 'Для device add нужно --name',
    needsUser: 'Для адресной книги CardDAV нужно --user',
    needsPassword: 'Передайте пароль через стандартный ввод с --password-stdin',
    needsGoogleClient: 'Для Google нужен ID клиента OAuth: --client-id или $AMO_PHONEBOOK_GOOGLE_CLIENT_ID',
    googleSignIn: (url) => `Войдите в Google в браузере; если он не открылся, откройте:\n${url}\n`,
    added: (line) => `Устройство добавлено: ${line}`,
    renamed: (line) => `Переименовано: ${line}`,
    notFound: (id) => `Устройства с номером «${id}» нет`,
    removed: (id) => `Устройство ${id} удалено`,
    none: 'Устройств пока нет. Добавьте: `device add --name НАЗВАНИЕ --platform ios|android|file|carddav`.',
    provider: (provider) => (provider === 'custom' ? 'CardDAV' : provider),
  },
  export: {
    responsibleIds: (value) => `--responsible принимает номера пользователей через запятую, а не «${value}»`,
    warning: (warning) => {
      switch (warning.code) {
        case 'google-limit':
          return `Внимание: на этом устройстве будет ${contacts(warning.total)}, а Google Контакты хранят не больше 25 000 на аккаунт Google.`;
        case 'rights-unknown':
          return `Обратите внимание: права в amoCRM видят только администраторы; из аккаунта ${warning.accountId} выгружаются только контакты, где вы ответственный.`;
        case 'rights-denied':
          return `Аккаунт ${warning.accountId} пропущен: вашей роли нельзя выгружать контакты (попросите администратора дать право «Экспорт» для контактов).`;
        case 'provider-limit':
          return `Внимание: в этой учётной записи будет ${contacts(warning.total)}, а ${warning.provider} хранит не больше ${num(warning.limit)} и остальные не примет.`;
        case 'duplicates-on-phone':
          return `Обратите внимание: ${contacts(warning.count)} из этой выгрузки уже есть на телефоне и с тех пор изменились. ${duplicatesRu(warning.platform)}`;
      }
    },
    counts: (p) =>
      `новых: ${num(p.new)}, изменённых: ${num(p.updated)}, без телефона: ${num(p.skippedNoPhone)}, сверх лимита iPhone: ${num(p.skippedByCap)}, вне ваших прав: ${num(p.skippedByRights)}` +
      (p.capRemaining === null ? '' : `, свободных мест на iPhone: ${num(p.capRemaining)}`),
    leftOut: (p) =>
      `из ${contacts(p.accountTotal)} в аккаунте (аккаунтах) также не уходят: ${num(p.skippedByFilter)} — по выбору, чьи контакты, ${num(p.skippedByPeriod)} — не менялись за период, ${num(p.unchanged)} — уже есть на устройстве`,
    stillPulling:
      'amoCRM ещё присылает старые контакты: всё, что нужно этой выгрузке, уже загружено; числа невыгружаемых контактов ещё растут.',
    ownContactsOnly:
      'Из amoCRM загружены только ваши контакты (ваша роль выгружает только их): числа считают ваши контакты, а не весь аккаунт.',
    wouldExport: (n) => `Будет выгружено: ${contacts(n)}.`,
    wrote: (n, file) => `В файл ${file} записано: ${contacts(n)}.`,
    needsDevice: 'Для export нужно --device НОМЕР (см. device list)',
    oneRoute: 'Выберите что-то одно: --out, --qr или --usb',
    phonesTakeVcard3: 'Телефоны импортируют vCard 3.0: --format vcard4 — только для файлов',
    needsRoute: 'Для export нужно --out ФАЙЛ.vcf, --qr или --usb (или --dry-run)',
    resetNeeds: 'Для export reset нужны --device НОМЕР и --account НОМЕР',
    resetCardDav: (r) =>
      `Выгрузка аккаунта ${r.accountId} на ${r.deviceId} удалена: из адресной книги убрано ${contacts(r.removed)} (телефоны, которые её синхронизируют, тоже их уберут); следующая выгрузка начнётся заново.`,
    resetPhone: (r) =>
      `Выгрузка аккаунта ${r.accountId} на ${r.deviceId} удалена (забыто: ${contacts(r.cleared)}). ` +
      `На телефоне у выгруженных контактов метка «${r.label}»: выберите эту метку (группу) и удалите их там; следующая выгрузка начнётся заново.`,
  },
  carddav: {
    connecting: (server) => `подключаемся к ${server}…`,
    theServer: 'серверу',
    checking: 'смотрим, что уже есть в адресной книге…',
    sending: (done, total) => `отправлено ${num(done)} из ${contacts(total)}`,
    delivered: (r) =>
      `В «${r.name}» доставлено: ${contacts(r.written)} (новых: ${num(r.new)}, изменённых: ${num(r.updated)}; ` +
      `запросов: ${num(r.requests)}${r.conflicts > 0 ? `; изменены в другом месте и перезаписаны: ${num(r.conflicts)}` : ''}). ` +
      'Телефоны, синхронизирующие эту учётную запись, получат их при следующей синхронизации.',
    serverChanged: (what) => `\nОбратите внимание: ${what}.`,
    providerLimit: (provider, limit) =>
      `\nВнимание: ${provider} хранит не больше ${contacts(limit)} на учётную запись.`,
  },
  handoff: {
    checklist: [
      'Телефон пока не подключился. Проверьте:',
      '  - телефон в той же сети Wi-Fi, что и компьютер (не в гостевой; некоторые роутеры изолируют устройства: «AP isolation»)',
      '  - VPN выключен на телефоне и на компьютере (или пропускает локальную сеть)',
      '  - брандмауэр разрешает приложению принимать подключения (Windows: профиль сети должен быть «Частная»)',
      '  - другой адрес этого компьютера: см. `--address` или список в окне приложения',
      '  - или используйте USB-кабель (Android: `export --usb`) или файл (`export --out ФАЙЛ.vcf`)',
    ],
    scan: (url) => `Отсканируйте этот QR-код камерой телефона или откройте: ${url}\n`,
    usbOpening: (serial) => `Страница открывается на телефоне ${serial} (USB).\n`,
    checkCode: (code, until) => `Код проверки: ${code} (на телефоне тот же). Ждём до ${until}…\n`,
    received: (n) => `Телефон получил ${contacts(n)}. Импортируйте их там (страница покажет как).`,
    phoneFailed:
      'Телефон не смог открыть контакты (не тот QR-код или данные изменились по дороге). Отсканируйте ещё раз.\n',
    expired: 'Телефон не забрал контакты вовремя; ничего не записано, следующая выгрузка отправит их снова',
    cancelled: 'Отменено; ничего не записано, следующая выгрузка отправит те же контакты',
    notRecorded: 'Телефон получил контакты, но записать это не удалось; следующая выгрузка отправит их снова',
  },
  lookup: {
    nobody: 'Ни у одного контакта нет этого номера',
    noName: '(без имени)',
    account: (id) => `аккаунт ${id}`,
    last7: 'Точно такого номера нет ни у кого; у этих совпадают последние 7 цифр:',
  },
  secrets: {
    inFile: (path, why) =>
      `Системной связки ключей здесь нет (${why}): входы в аккаунты хранятся в ${path}, который может читать только ваш пользователь. Чтобы хранить их там без этого сообщения, задайте AMO_PHONEBOOK_SECRETS=file.`,
    moved: (n) =>
      `Сохранённые входы (${ruCount(n, 'аккаунт', 'аккаунта', 'аккаунтов')}) перенесены в системную связку ключей; открытый файл удалён.`,
    moveFailed: (path, why) =>
      `Не удалось перенести входы из ${path} в системную связку ключей (${why}); пока они остаются в файле.`,
    keptAside: (path, aside) =>
      `Сохранённые входы в ${path} не читаются; файл сохранён как ${aside}. Подключите аккаунты заново (\`account add\`).`,
  },
  startFresh: {
    damaged: (path) =>
      `Локальная база ${path} повреждена; мы её не трогали. Команда \`amo-phonebook start-fresh\` отложит её в сторону и начнёт с пустой.`,
    keptAside: (aside) => [
      `Повреждённая база сохранена как ${aside}.`,
      'Следующая команда начнёт с пустой базы: подключите аккаунты заново (`account add`) и выполните `sync`.',
      'Телефоны, в которые вы выгружали контакты, получат их все ещё раз: сначала начните их выгрузку заново (R6) или объедините дубликаты.',
    ],
    healthy: 'Локальная база открывается без ошибок: ничего не изменено.',
    tooNew: 'Локальная база записана более новой версией amo-phonebook: обновите приложение; ничего не изменено.',
    none: 'Локальной базы здесь ещё нет: делать нечего.',
  },
  serve: {
    running: (url) =>
      `amo-phonebook работает в браузере. Откройте этот адрес (он работает только на этом компьютере):\n\n  ${url}\n\nЧтобы остановить, нажмите Ctrl+C.\n`,
    pullingForTeam: (name) => `Загружаем «${name}», прежде чем раздавать команде…\n`,
    teamMirror: (url, fingerprint, seconds) =>
      `Зеркало команды работает по адресу ${url} (сертификат ${fingerprint}), синхронизация каждые ${seconds} с.\n`,
    teamInvitation: (link) =>
      `Отправьте коллегам это приглашение: их приложения будут загружать контакты с этого компьютера, а не из amoCRM.\n\n  ${link}\n\n`,
    teamNeedsIntegration:
      'Чтобы напечатать приглашение, добавьте --client-id, --client-secret и --redirect-uri (аккаунт подключён долгосрочным токеном).\n',
    teamSyncFailed: (why) => `Синхронизация зеркала команды не удалась (${why}); следующая попытка — в свой черёд.\n`,
  },
};

/** Что телефон делает с карточкой, которая у него уже есть, и как объединить две. */
function duplicatesRu(platform: 'ios' | 'android' | 'file'): string {
  const merge =
    platform === 'ios'
      ? 'На iPhone вверху списка «Контакты» появится «Найдены дубликаты»: нажмите и объедините их.'
      : platform === 'android'
        ? 'На телефоне откройте «Контакты», затем «Объединить и исправить» (Google Контакты) или «Объединить дубликаты» в своём приложении контактов.'
        : 'На contacts.google.com откройте «Объединить и исправить» и объедините их.';
  return `Телефон оставляет старую карточку и добавляет новую рядом (импорт не смотрит, какой это контакт). ${merge} Адресная книга CardDAV обновляет их на месте.`;
}

/** Commander's refusals, which it writes in English, in the terminal's words. */
const commanderErrors: ReadonlyArray<readonly [RegExp, (...parts: string[]) => string]> = [
  [/^error: unknown option '([^']*)'/, (flag) => `ошибка: неизвестный параметр «${flag}»`],
  [/^error: unknown command '([^']*)'/, (name) => `ошибка: неизвестная команда «${name}»`],
  [/^error: missing required argument '([^']*)'/, (name) => `ошибка: не хватает аргумента «${name}»`],
  [/^error: option '([^']*)' argument missing/, (flags) => `ошибка: у параметра «${flags}» нет значения`],
  [/^error: required option '([^']*)' not specified/, (flags) => `ошибка: нужен параметр «${flags}»`],
  [
    /^error: option '([^']*)' argument '([^']*)' is invalid\. (.*)/s,
    (flags, value, why) => `ошибка: у параметра «${flags}» неверное значение «${value}». ${why}`,
  ],
  [/^error: too many arguments/, () => 'ошибка: лишние аргументы'],
];

function commanderErrorRu(line: string): string {
  for (const [pattern, words] of commanderErrors) {
    const found = pattern.exec(line);
    if (found) {
      const suggestion = /\(Did you mean ([^?]*)\?\)/.exec(line);
      const tail = suggestion ? ` (может быть, ${suggestion[1]}?)` : '';
      return `${words(...found.slice(1).map((part) => part.trim()))}${tail}\n`;
    }
  }
  return line;
}

/** The core's common refusals in Russian, from their params (the English is their message). */
function knownRu(code: ErrorCode, params: ErrorParams): string | null {
  const { reason, device, account, accountId, deviceId, contactId } = params;
  if (code === 'NOT_FOUND') {
    if (reason === 'noAccount') return 'Ни один аккаунт ещё не подключён: подключите свой или попробуйте демо-аккаунт.';
    if (contactId !== undefined) return `В аккаунте ${accountId} нет контакта ${contactId}`;
    if (accountId !== undefined) return `Аккаунта с номером ${accountId} среди подключённых нет`;
    if (deviceId !== undefined) return `Устройства с номером «${deviceId}» нет (см. device list)`;
    return null;
  }
  if (code !== 'INVALID_INPUT') return null;
  if (params['field'] === 'period' && account !== undefined) {
    return `Это первая выгрузка «${account}» на «${device}»: выберите период (--period 7d, 30d, 90d, 180d, 365d, all или дата ГГГГ-ММ-ДД)`;
  }
  switch (reason) {
    case 'carddavNotFile':
      return `«${device}» — адресная книга CardDAV: выгружайте прямо в неё, без файла (export --device …)`;
    case 'carddavDirect':
      return `«${device}» — адресная книга: выгружайте прямо в неё (export --device …)`;
    case 'notCarddav':
      return `«${device}» — не адресная книга CardDAV (см. device list)`;
    case 'fileOnly':
      return `«${device}» получает файл .vcf; чтобы отправить по QR-коду или кабелю, добавьте сам телефон (iPhone или Android)`;
    case 'usbAndroidOnly':
      return 'По USB-кабелю отправляется только на Android; на iPhone отсканируйте QR-код';
    case 'notAbsolute':
      return `Путь к файлу должен быть полным: ${params['path']}`;
    case 'notVcf':
      return `Имя файла должно кончаться на .vcf: ${params['path']}`;
    case 'notRedirect':
      return 'Это не тот адрес, на который вас вернула amoCRM';
    case 'otherRedirect':
      return `Адрес должен начинаться с ${params['redirectUri']}`;
  }
  // The API's own check of a verb's input (a malformed id, a value out of range).
  if (params['verb'] !== undefined && params['field'] !== undefined) {
    return `Неверное значение: ${params['field']} не подходит для ${params['verb']} (проверьте, что введено)`;
  }
  if (params['field'] === 'address' && params['address'] !== undefined) {
    return `${params['address']} — не адрес этого компьютера в локальной сети`;
  }
  if (params['field'] === 'serverUrl' && params['provider'] !== undefined) {
    return `Для ${params['provider']} нужен адрес сервера (--url)`;
  }
  return null;
}
