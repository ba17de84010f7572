/**
 * The warning shown when there is no OS keychain to protect sign-ins (Linux without
 * GNOME Keyring or KWallet: safeStorage then falls back to a password built into
 * Chromium, which protects nothing). Written for a sales manager, not an engineer.
 */

export type KeychainProblem = 'basic_text' | 'unavailable';

export interface KeychainNoticeText {
  readonly title: string;
  readonly message: string;
  readonly detail: string;
  readonly ok: string;
  readonly dontShowAgain: string;
}

/** Only Linux's `basic_text` backend or no encryption at all is a problem worth a word. */
export function keychainProblem(
  platform: NodeJS.Platform,
  encryptionAvailable: boolean,
  backend: string | null,
): KeychainProblem | null {
  if (!encryptionAvailable) return 'unavailable';
  if (platform === 'linux' && backend === 'basic_text') return 'basic_text';
  return null;
}

export function keychainNotice(problem: KeychainProblem, locale: string): KeychainNoticeText {
  const ru = locale.toLowerCase().startsWith('ru');
  if (ru) {
    return {
      title: 'amo-phonebook',
      message: 'На этом компьютере нет хранилища паролей',
      detail:
        (problem === 'basic_text'
          ? 'Вход в amoCRM сохранён, но без защиты системного хранилища паролей (например, «Связка ключей GNOME» или KWallet). '
          : 'Вход в amoCRM сохранён в обычном файле, без защиты системного хранилища паролей. ') +
        'Любая программа, запущенная под вашей учётной записью, сможет его прочитать. ' +
        'Попросите администратора включить хранилище паролей; после этого подключите аккаунт заново.',
      ok: 'Понятно',
      dontShowAgain: 'Больше не показывать',
    };
  }
  return {
    title: 'amo-phonebook',
    message: 'This computer has no password keychain',
    detail:
      (problem === 'basic_text'
        ? 'Your amoCRM sign-in is saved, but without the protection of a system keychain (such as GNOME Keyring or KWallet). '
        : 'Your amoCRM sign-in is saved in an ordinary file, without the protection of a system keychain. ') +
      'Any program running under your user account could read it. ' +
      'Ask your administrator to turn a keychain on, then connect the account again.',
    ok: 'OK',
    dontShowAgain: 'Don’t show this again',
  };
}

export interface KeychainNoticeDeps {
  readonly locale: string;
  readonly alreadyDismissed: boolean;
  readonly showMessageBox: (text: KeychainNoticeText) => Promise<{ checkboxChecked: boolean }>;
  readonly rememberDismissed: () => Promise<void>;
}

/** Shows the warning unless the user ticked "don't show again" before. */
export async function warnAboutKeychain(problem: KeychainProblem | null, deps: KeychainNoticeDeps): Promise<void> {
  if (!problem || deps.alreadyDismissed) return;
  const { checkboxChecked } = await deps.showMessageBox(keychainNotice(problem, deps.locale));
  if (checkboxChecked) await deps.rememberDismissed();
}
