/**
 * The CLI on a Russian system (LANG=ru_RU.UTF-8), run as a user runs it: help, results,
 * progress, its own refusals, the core's errors and commander's, all in Russian with counts
 * in their noun's form; English stays as scripts have always read it. Also the words' tables
 * themselves: nothing left untranslated, and the error line's fallbacks.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliRefusal, errorLine, fillWords } from '../../../src/main/cli/error-line';
import { cliEn } from '../../../src/main/cli/words/en';
import { cliRu, ruCount } from '../../../src/main/cli/words/ru';
import { AppError } from '../../../src/shared/errors';
import { addAccountWithToken, runCli, startCliServer } from '../../helpers/cli';
import { ruNoun } from '../../helpers/plural';
import { tempDir } from '../../helpers/temp-dir';

const russian = { LANG: 'ru_RU.UTF-8' };
const contactsRu = (n: number) =>
  `${n.toLocaleString('ru-RU')} ${ruNoun(String(n), 'контакт', 'контакта', 'контактов')}`;

let server: ReturnType<typeof startCliServer>;
let sandbox: { baseUrl: string; tokens: Record<string, string> };

beforeAll(async () => {
  server = startCliServer(['sandbox', '--port', '0', '--contacts', '1200', '--seed', 'cli-ru']);
  sandbox = JSON.parse(await server.firstLine) as typeof sandbox;
});
afterAll(() => server.stop());

/** Every string of a words tree, with its path (functions are exercised by the runs below). */
function leaves(tree: unknown, path = ''): Array<[string, string]> {
  if (typeof tree === 'string') return [[path, tree]];
  if (Array.isArray(tree)) return tree.flatMap((item, at) => leaves(item, `${path}[${at}]`));
  if (tree && typeof tree === 'object') {
    return Object.entries(tree).flatMap(([key, value]) => leaves(value, path ? `${path}.${key}` : key));
  }
  return [];
}

describe('the CLI words', () => {
  it('has every English string translated: a different text, in Cyrillic', () => {
    const english = new Map(leaves(cliEn));
    const translated = leaves(cliRu).filter(([path]) => !path.startsWith('commander.titles'));
    expect(translated.length).toBeGreaterThan(100);
    for (const [path, text] of translated) {
      if (english.get(path) === '') continue;
      expect(text, path).not.toBe(english.get(path));
      expect(text, path).toMatch(/[а-яё]/i);
    }
    // The same keys: the compiler checks the shape, this checks no English string has no Russian twin.
    expect(new Set(translated.map(([path]) => path))).toEqual(
      new Set([...english.keys()].filter((path) => !path.startsWith('commander.titles'))),
    );
  });

  it('puts counts in their noun form with Russian digit groups', () => {
    for (const n of [0, 1, 2, 5, 11, 21, 22, 25, 104, 1000, 1_000_000]) {
      expect(ruCount(n, 'контакт', 'контакта', 'контактов')).toBe(contactsRu(n));
    }
    expect(ruCount(21, 'контакт', 'контакта', 'контактов')).toBe('21 контакт');
    expect(ruCount(1000, 'контакт', 'контакта', 'контактов')).toBe('1\u00a0000 контактов');
  });

  it("says the core's errors in the window's words, and falls back to the message where words lack a value", () => {
    expect(errorLine(new AppError('TIMEOUT', 'acme.amocrm.ru timed out', { host: 'acme.amocrm.ru' }), 'ru')).toBe(
      'acme.amocrm.ru не ответил вовремя. Попробуйте через минуту.',
    );
    expect(errorLine(new AppError('TIMEOUT', 'acme.amocrm.ru timed out', { host: 'acme.amocrm.ru' }), 'en')).toBe(
      'acme.amocrm.ru timed out',
    );
    // The invitation's contexts pick their own words; an empty context is the plain code.
    expect(errorLine(new AppError('INVITATION_INVALID', 'x', { context: 'none' }), 'ru')).toMatch(
      /^Это не приглашение amo-phonebook/,
    );
    expect(errorLine(new AppError('INVITATION_INVALID', 'x', { context: '' }), 'ru')).toMatch(
      /^Приглашение неполное или повреждено/,
    );
    // Words that need {{host}} the error does not carry: its own message, not a hole.
    expect(errorLine(new AppError('TIMEOUT', 'The request timed out'), 'ru')).toBe('The request timed out');
    expect(fillWords('{{a}} и {{b}}', { a: 1 })).toBeNull();
    // A hostile message cannot add lines to the terminal's one line.
    expect(errorLine(new CliRefusal('INVALID_INPUT', 'первая\nвторая'), 'ru')).toBe('первая');
    expect(errorLine(new Error('boom\n    at x'), 'ru')).toBe('Что-то пошло не так: boom');
    expect(errorLine(new AppError('NOT_FOUND', 'No connected account has id 7', { accountId: 7 }), 'ru')).toBe(
      'Аккаунта с номером 7 среди подключённых нет',
    );
  });
});

describe('amo-phonebook in a Russian terminal', () => {
  it('shows its help, headings included, in Russian, and commander refusals too', async () => {
    const help = await runCli(['--help'], { env: russian });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Использование: amo-phonebook');
    expect(help.stdout).toContain('Команды:');
    expect(help.stdout).toContain('показать справку по команде');
    expect(help.stdout).not.toMatch(/display help|Commands:|Options:/);
    const exportHelp = await runCli(['export', '--help'], { env: russian });
    expect(exportHelp.stdout.replace(/\s+/g, ' ')).toContain('(варианты: "vcard3", "vcard4", по умолчанию: "vcard3")');

    const unknown = await runCli(['export', '--bogus'], { env: russian });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.split('\n')[0]).toBe('ошибка: неизвестный параметр «--bogus»');
    const notNumber = await runCli(['sync', '--account', 'abc'], { env: russian });
    expect(notNumber.stderr).toContain('ошибка: у параметра «--account <id>» неверное значение «abc»');
    expect(notNumber.stderr).toContain('--account должно быть целым числом, а не «abc»');
    // English stays as it was.
    const english = await runCli(['export', '--bogus']);
    expect(english.stderr.split('\n')[0]).toBe("error: unknown option '--bogus'");
  });

  it('connects, syncs, previews and exports with Russian lines whose counts agree with --json', async () => {
    const dataDir = tempDir();
    const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], { env: russian });

    const none = await cli('account', 'list');
    expect(none.stdout).toContain('Ни один аккаунт не подключён');
    const added = await addAccountWithToken(dataDir, sandbox.baseUrl, sandbox.tokens['admin'] as string);
    expect(added.code, added.stderr).toBe(0);

    const synced = await cli('sync');
    expect(synced.code, synced.stderr).toBe(0);
    // Progress says how many arrived, without pages or request rates.
    expect(synced.stderr).toContain(`загружено ${contactsRu(1200)}…`);
    expect(synced.stderr).not.toMatch(/page|req\/s|страниц/);
    expect(synced.stdout).toMatch(new RegExp(`новых или изменённых — ${contactsRu(1200)}, \\d+,\\d с`));

    const listed = await cli('account', 'list');
    expect(listed.stdout).toContain(`${contactsRu(1200)} (с телефоном: `);
    expect(listed.stdout).toContain('выгрузка: все контакты');

    const device = await cli('device', 'add', '--name', 'Мой Android', '--platform', 'android');
    expect(device.stdout).toBe('Устройство добавлено: moy-android  Мой Android  (android)\n');

    // The core's refusal of a first export without a period, in Russian with the names.
    const noPeriod = await cli('export', '--device', 'moy-android', '--dry-run');
    expect(noPeriod.code).toBe(1);
    expect(noPeriod.stderr).toMatch(/^amo-phonebook: Это первая выгрузка «.+» на «Мой Android»: выберите период/);

    const preview = await cli('export', '--device', 'moy-android', '--period', 'all', '--dry-run');
    const previewJson = JSON.parse(
      (await cli('--json', 'export', '--device', 'moy-android', '--period', 'all', '--dry-run')).stdout,
    ) as { delivered: number; skippedNoPhone: number; accountTotal: number };
    expect(preview.stdout).toContain(`Будет выгружено: ${contactsRu(previewJson.delivered)}.`);
    expect(preview.stdout).toContain(`без телефона: ${previewJson.skippedNoPhone.toLocaleString('ru-RU')}`);
    expect(preview.stdout).toContain(`из ${contactsRu(previewJson.accountTotal)} в аккаунте`);

    const out = join(dataDir, 'контакты.vcf');
    const exported = await cli('export', '--device', 'moy-android', '--period', 'all', '--out', out);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(`В файл ${out} записано: ${contactsRu(previewJson.delivered)}.`);

    const reset = await cli(
      'export',
      'reset',
      '--device',
      'moy-android',
      '--account',
      String(JSON.parse((await cli('--json', 'account', 'list')).stdout)[0].id),
    );
    expect(reset.stdout).toContain(`(забыто: ${contactsRu(previewJson.delivered)})`);

    const lookup = await cli('lookup', '+7 000 000-00-00');
    expect(lookup.stdout).toBe('Ни у одного контакта нет этого номера\n');
  });

  it("says the CLI's own and the core's refusals in Russian, one line each", async () => {
    const dataDir = tempDir();
    const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], { env: russian });
    const cases: Array<[string[], RegExp]> = [
      [['export'], /^amo-phonebook: Для export нужно --device НОМЕР/],
      [['device', 'remove', 'net-takogo'], /^amo-phonebook: Устройства с номером «net-takogo» нет/],
      // An id the API's own check refuses (not a device id at all).
      [['device', 'remove', 'нет такого'], /^amo-phonebook: Неверное значение: deviceId не подходит для removeDevice/],
      [['account', 'remove', '99'], /^amo-phonebook: Аккаунта с номером 99 среди подключённых нет/],
      [
        ['account', 'add', '--base-url', 'http://acme.amocrm.ru', '--token', 'x'],
        /^amo-phonebook: Адрес начинается с http:\/\//,
      ],
      [['sync', '--reconcile'], /^amo-phonebook: Для sync --reconcile нужен --account НОМЕР/],
      [
        ['account', 'join', '--invitation', join(dataDir, 'нет.txt')],
        /^amo-phonebook: Не удаётся прочитать файл приглашения/,
      ],
    ];
    for (const [args, pattern] of cases) {
      const result = await cli(...args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr, args.join(' ')).toMatch(pattern);
    }
    // A phone device refuses a route it cannot take, with the device's name.
    await cli('device', 'add', '--name', 'Файл', '--platform', 'file');
    await cli('account', 'add', '--demo');
    const usb = await cli('export', '--device', 'fayl', '--period', 'all', '--usb');
    expect(usb.stderr).toMatch(/^amo-phonebook: «Файл» получает файл \.vcf/);
  });
});
