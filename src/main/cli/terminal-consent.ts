/**
 * The CLI's consent "window": it prints the amoCRM address to open and reads back, from
 * the terminal (or a pipe), the address the browser was sent to after "Allow".
 */
import { createInterface } from 'node:readline';
import type { OpenConsentWindow } from '../crm/consent';
import { CliRefusal } from './error-line';
import { cliWords } from './words';

export const terminalConsentWindow: OpenConsentWindow = async (url, redirectUri) => {
  process.stderr.write(cliWords().consent.open(url, redirectUri));
  const lines = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of lines) {
      const answer = line.trim();
      if (answer) return answer;
    }
  } finally {
    lines.close();
  }
  throw new CliRefusal('CANCELLED', cliWords().consent.nothingPasted);
};
