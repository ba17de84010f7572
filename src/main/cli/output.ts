import { InvalidArgumentError } from 'commander';
/** CLI output: one JSON document on stdout with --json, readable lines otherwise; progress on stderr. */
import type { GlobalOptions } from './session';
import { cliWords } from './words';

export function printResult(options: GlobalOptions, value: unknown, human: () => string): void {
  process.stdout.write(options.json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

export function progress(line: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\u001b[2K${line}`);
  else process.stderr.write(`${line}\n`);
}

export function endProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\n');
}

export function parsePositiveInt(name: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isSafeInteger(number) || number < 0)
      throw new InvalidArgumentError(cliWords().wholeNumber(name, value));
    return number;
  };
}
