/**
 * The CLI's consent "window": it prints the amoCRM address to open and reads back, from
 * the terminal (or a pipe), the address the browser was sent to after "Allow".
 */
import { createInterface } from 'node:readline';
import { AppError } from '../../shared/errors';
import type { OpenConsentWindow } from '../crm/consent';

export const terminalConsentWindow: OpenConsentWindow = async (url, redirectUri) => {
  process.stderr.write(
    `Open this address in a browser and allow access:\n\n  ${url}\n\nThen paste here the address the browser went to (it starts with ${redirectUri}):\n`,
  );
  const lines = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of lines) {
      const answer = line.trim();
      if (answer) return answer;
    }
  } finally {
    lines.close();
  }
  throw new AppError('CANCELLED', 'No address was pasted');
};
