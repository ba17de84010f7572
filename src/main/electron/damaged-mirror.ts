/**
 * When the core cannot open the mirror because the file is damaged, the desktop app asks
 * instead of failing: keep the file aside (renamed in the data folder, never deleted) and
 * start with an empty mirror, or quit and leave everything as it is. Written for a sales
 * manager: what happened, what starting fresh costs (sign in again, phones get every contact
 * once more), and that nothing is deleted. A mirror from a newer version is not offered this:
 * updating the app is the way, and the dialog says so through the error itself.
 */
import { AppError } from '../../shared/errors';

export interface DamagedMirrorText {
  readonly title: string;
  readonly message: string;
  readonly detail: string;
  readonly startFresh: string;
  readonly quit: string;
}

/** The mirror's path when `error` is the core refusing a damaged mirror; null otherwise. */
export function damagedMirrorPath(error: unknown): string | null {
  if (!(error instanceof AppError) || error.code !== 'DB_CORRUPT' || error.params['store'] !== 'mirror') return null;
  const path = error.params['path'];
  return typeof path === 'string' ? path : null;
}

export function damagedMirrorText(locale: string, path: string): DamagedMirrorText {
  if (locale.toLowerCase().startsWith('ru')) {
    return {
      title: 'amo-phonebook',
      message: 'Локальная база приложения повреждена',
      detail:
        `Файл ${path} не читается (так бывает после сбоя диска или копирования не до конца). Мы его не трогали.\n\n` +
        'Можно отложить его и начать с пустой базы: файл останется в папке данных под другим именем. ' +
        'Аккаунты amoCRM нужно будет подключить заново, контакты загрузятся снова, ' +
        'а телефоны при следующей выгрузке получат все контакты ещё раз.',
      startFresh: 'Отложить и начать заново',
      quit: 'Выйти',
    };
  }
  return {
    title: 'amo-phonebook',
    message: 'The app’s local database is damaged',
    detail:
      `The file ${path} cannot be read (this happens after a disk fault or an interrupted copy). It was left untouched.\n\n` +
      'You can keep it aside and start with an empty database: the file stays in the data folder under a new name. ' +
      'You then connect your amoCRM accounts again, the contacts are loaded again, ' +
      'and phones get every contact once more at their next export.',
    startFresh: 'Keep it aside and start fresh',
    quit: 'Quit',
  };
}

export interface StartFreshDeps {
  readonly locale: string;
  /** Shows the question; resolves true when the person chose to start fresh. */
  readonly ask: (text: DamagedMirrorText) => Promise<boolean>;
  /** Keeps the file aside (lib/set-aside.ts); returns where it went. */
  readonly setAside: (path: string) => string | null;
  readonly log: (message: string) => void;
}

/**
 * Resolves true when the damaged mirror was kept aside and the core should be started again;
 * false for any other error, or when the person chose to quit.
 */
export async function offerToStartFresh(error: unknown, deps: StartFreshDeps): Promise<boolean> {
  const path = damagedMirrorPath(error);
  if (path === null) return false;
  if (!(await deps.ask(damagedMirrorText(deps.locale, path)))) return false;
  const aside = deps.setAside(path);
  deps.log(`The damaged mirror ${path} was kept as ${aside ?? '(it was gone already)'}; starting with an empty one`);
  return true;
}
