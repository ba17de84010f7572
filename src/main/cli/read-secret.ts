/**
 * A secret read from standard input instead of the command line (`account add --token-stdin`):
 * what stands on a command line every user of the computer can read (`ps`, /proc/PID/cmdline)
 * and the shell keeps in its history. Piped (`< token.txt`, a password manager's output), the
 * first line is the secret; at a terminal, it is asked for and typed without echo.
 */
import type { Readable, Writable } from 'node:stream';

/** A token is a few hundred bytes, a JWT a few KB: anything longer is not one. */
const maxSecretBytes = 64 * 1024;

export interface SecretInput extends Readable {
  readonly isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
}

/** The first line of `input`, trimmed ('' when there is none). */
export async function readSecretLine(input: SecretInput, prompt: string, output: Writable): Promise<string> {
  if (input.isTTY && input.setRawMode) return readTyped(input, prompt, output);
  let text = '';
  for await (const chunk of input) {
    text += String(chunk);
    if (text.includes('\n') || text.length > maxSecretBytes) break;
  }
  input.destroy();
  return (text.split(/\r?\n/, 1)[0] ?? '').slice(0, maxSecretBytes).trim();
}

/** Typed at a terminal: nothing echoed, Backspace works, Ctrl-C and Ctrl-D give up. */
function readTyped(input: SecretInput, prompt: string, output: Writable): Promise<string> {
  output.write(prompt);
  input.setRawMode?.(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(typed.trim());
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || char === '\u0004') return finish(new Error('cancelled'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else if (char >= ' ' && typed.length < maxSecretBytes) typed += char;
      }
    };
    input.on('data', onData);
  });
}
