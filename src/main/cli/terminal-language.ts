/**
 * The language of the terminal's own lines: Russian where the system's locale is Russian (the
 * POSIX variables in their order of precedence, then the platform's locale), else English.
 * scripts/start.js keeps the same rule for its one line before anything is built.
 */
export type TerminalLanguage = 'ru' | 'en';

export function terminalLanguage(
  env: NodeJS.ProcessEnv = process.env,
  platformLocale: () => string = () => Intl.DateTimeFormat().resolvedOptions().locale,
): TerminalLanguage {
  const posix = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((value) => value && value !== 'C');
  const locale = posix ?? platformLocale();
  return /^ru([_.-]|$)/i.test(locale) ? 'ru' : 'en';
}
