/** Русский текст панели аккаунтов и синхронизации (входит в i18n/ru.ts); ключи те же, что в strings-en.ts: это проверяет компилятор. */
import type { Widen } from '../i18n/widen';
import type { accountsEn } from './strings-en';

export const accountsRu: Widen<typeof accountsEn> = {
  accounts: {
    heading: 'Аккаунты',
    demoBadge: 'демо',
    contacts_one: '{{count, number}} контакт, с телефоном: {{withPhone, number}}',
    contacts_few: '{{count, number}} контакта, с телефоном: {{withPhone, number}}',
    contacts_many: '{{count, number}} контактов, с телефоном: {{withPhone, number}}',
    contacts_other: '{{count, number}} контакта, с телефоном: {{withPhone, number}}',
    neverSynced: 'Ещё не синхронизирован',
    lastSynced: 'Синхронизирован {{when}}',
    you: 'Вы: {{name}}',
    youById: 'Вы: пользователь №{{id}}',
    scope: 'В телефон попадают только контакты с номером телефона, вместе с их почтой и мессенджерами.',
    reconnect: 'Переподключить',
    remove: 'Удалить',
    removeConfirm:
      'Удалить {{name}} из приложения? Его контакты будут удалены с этого компьютера; то, что уже в ваших телефонах, там и останется.',
    removeYes: 'Удалить',
    removeNo: 'Оставить',
    addAnother: 'Добавить аккаунт',
    right: {
      all: 'Вы можете выгружать все доступные вам контакты.',
      group: 'Вы можете выгружать контакты своей группы.',
      responsible: 'Вы можете выгружать только контакты, за которые отвечаете.',
      denied:
        'Ваша роль в amoCRM не позволяет выгружать контакты. Попросите администратора аккаунта дать право «Экспорт» для контактов.',
      unknown:
        'amoCRM показывает права только администраторам, поэтому для надёжности будут выгружены только контакты, за которые вы отвечаете.',
    },
  },
  sync: {
    button: 'Синхронизировать',
    cancel: 'Отменить',
    phaseAccount: 'Подключаемся к «{{name}}»…',
    phaseContacts_one: '«{{name}}»: загружен {{count, number}} контакт…',
    phaseContacts_few: '«{{name}}»: загружено {{count, number}} контакта…',
    phaseContacts_many: '«{{name}}»: загружено {{count, number}} контактов…',
    phaseContacts_other: '«{{name}}»: загружено {{count, number}} контакта…',
    phaseDeletions: '«{{name}}»: проверяем удалённые контакты…',
    phaseReconcile: '«{{name}}»: сверяем каждый контакт с amoCRM (уже {{count, number}})…',
    done: 'Синхронизация завершена: новых или изменённых — {{changed}}, удалено в amoCRM — {{deleted}}.',
    reconcile: 'Проверить удалённые контакты',
    reconcileHint: 'Сверяет каждый контакт с amoCRM и убирает те, что вам больше не видны. Занимает больше времени.',
    reconciled: 'Проверено контактов: {{checked}}; убрано: {{removed}}, добавлено: {{added}}.',
    cancelled: 'Синхронизация отменена. Уже загруженное сохранено.',
  },
};
