/**
 * The one line the CLI prints when a command fails, in the terminal's language. The core's
 * errors carry a stable code and params (shared/errors.ts): on a Russian terminal the line is
 * the same words the window shows for that code; in English it is the error's own message, as
 * scripts have always read it. The CLI's own refusals are written in the terminal's words.
 */
import { AppError, type ErrorCode, type ErrorParams } from '../../shared/errors';
import { errorWordsRu } from '../../shared/words/error-words-ru';
import type { TerminalLanguage } from './terminal-language';
import { cliWords } from './words';

/** A refusal the CLI itself wrote, already in the terminal's language. */
export class CliRefusal extends AppError {
  constructor(code: ErrorCode, message: string, params: ErrorParams = {}) {
    super(code, message, params);
    this.name = 'CliRefusal';
  }
}

export function errorLine(error: unknown, language: TerminalLanguage): string {
  const line = (text: string) => text.split('\n')[0] ?? '';
  if (error instanceof CliRefusal || (error instanceof AppError && language === 'en')) return line(error.message);
  if (!(error instanceof AppError)) {
    return line(cliWords(language).failure.unexpected(error instanceof Error ? error.message : String(error)));
  }
  const known = cliWords(language).failure.known(error.code, error.params);
  if (known) return line(known);
  const context = error.params['context'];
  const withContext = `${error.code}_${context}`;
  const template =
    error.code === 'INVALID_INPUT'
      ? cliWords(language).failure.invalidInput
      : context !== undefined && withContext in errorWordsRu
        ? errorWordsRu[withContext as keyof typeof errorWordsRu]
        : errorWordsRu[error.code];
  return line(fillWords(template, { ...error.params, message: error.message }) ?? error.message);
}

/** `{{name}}` replaced by its param; null when the error lacks one (its own message is then shown). */
export function fillWords(template: string, params: ErrorParams): string | null {
  let missing = false;
  const filled = template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) missing = true;
    return String(value ?? '');
  });
  return missing ? null : filled;
}
