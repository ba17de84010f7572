/**
 * The terminal's words in its language (terminal-language.ts): Russian on a Russian system,
 * else English. Read once per process: a command never switches language half-way.
 */
import { type TerminalLanguage, terminalLanguage } from '../terminal-language';
import { type CliWords, cliEn } from './en';
import { cliRu } from './ru';

export type { CliWords } from './en';

const byLanguage: Readonly<Record<TerminalLanguage, CliWords>> = { en: cliEn, ru: cliRu };

let chosen: TerminalLanguage | null = null;

export function cliLanguage(): TerminalLanguage {
  chosen ??= terminalLanguage();
  return chosen;
}

export function cliWords(language: TerminalLanguage = cliLanguage()): CliWords {
  return byLanguage[language];
}
