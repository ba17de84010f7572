/** `amo-phonebook export --device ID --out FILE.vcf`. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parsePositiveInt, printResult } from '../output';
import { type GlobalOptions, withSession } from '../session';

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('export contacts with a phone number to a vCard file for a device')
    .requiredOption('--device <id>', 'the device to export for (see: device list)')
    .option('--account <id>', 'only this account', parsePositiveInt('--account'))
    .requiredOption('--out <file.vcf>', 'the .vcf file to write')
    .action(async (options: { device: string; account?: number; out: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const result = await withSession(globals, (session) =>
        session.call('exportToFile', {
          deviceId: options.device,
          outPath: resolve(options.out),
          ...(options.account === undefined ? {} : { accountId: options.account }),
        }),
      );
      printResult(globals, result, () => {
        const cap = result.skippedByCap > 0 ? `, ${result.skippedByCap} over the iPhone limit` : '';
        return `Wrote ${result.delivered} contacts to ${result.file} (${result.skippedNoPhone} without a phone skipped${cap})`;
      });
    });
}
