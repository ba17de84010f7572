/**
 * `amo-phonebook export ...`: preview (--dry-run) or deliver a device's delta to a .vcf,
 * to a phone by QR code (--qr) or USB cable (--usb),
 * and `export reset` (R6) to start a device's export of an account over.
 */
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { ExportPreview } from '../../../shared/api/types';
import { CliRefusal } from '../error-line';
import { parsePositiveInt, printResult } from '../output';
import { type GlobalOptions, withSession } from '../session';
import { cliWords } from '../words';
import { runCardDavExport } from './export-carddav';
import { runHandoff } from './export-handoff';

interface ExportOptions {
  device?: string;
  account?: number;
  period?: string;
  onlyMine?: boolean;
  responsible?: number[];
  format: 'vcard3' | 'vcard4';
  out?: string;
  qr?: boolean;
  usb?: boolean | string;
  address?: string;
  dryRun?: boolean;
}

function parseIdList(value: string): number[] {
  const ids = value.split(',').map((part) => Number(part.trim()));
  if (ids.length === 0 || ids.some((id) => !Number.isSafeInteger(id) || id <= 0)) {
    throw new InvalidArgumentError(cliWords().export.responsibleIds(value));
  }
  return ids;
}

function describePreview(preview: ExportPreview): string {
  const words = cliWords().export;
  return [
    words.counts(preview),
    words.leftOut(preview),
    ...(preview.stillPulling ? [words.stillPulling] : []),
    ...(preview.ownContactsOnly ? [words.ownContactsOnly] : []),
    ...preview.warnings.map(words.warning),
  ].join('\n');
}

export function registerExportCommand(program: Command): void {
  const words = cliWords().export;
  const help = cliWords().help.export;
  const command = program
    .command('export')
    .description(help.command)
    // Checked in the action, not by commander: a required option here would also be
    // demanded of `export reset`.
    .option('--device <id>', help.device)
    .option('--account <id>', help.account, parsePositiveInt('--account'))
    .option('--period <period>', help.period)
    .option('--only-mine', help.onlyMine)
    .option('--responsible <ids>', help.responsible, parseIdList)
    .addOption(new Option('--format <format>', help.format).choices(['vcard3', 'vcard4']).default('vcard3'))
    .option('--out <file.vcf>', help.out)
    .option('--qr', help.qr)
    .option('--usb [serial]', help.usb)
    .option('--address <ip>', help.address)
    .option('--dry-run', help.dryRun)
    .action(async (options: ExportOptions, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      if (!options.device) throw new CliRefusal('INVALID_INPUT', words.needsDevice);
      const selection = {
        deviceId: options.device,
        onlyMine: options.onlyMine === true,
        ...(options.account === undefined ? {} : { accountId: options.account }),
        ...(options.period === undefined ? {} : { period: options.period }),
        ...(options.responsible === undefined ? {} : { responsible: options.responsible }),
      };
      if (options.dryRun) {
        const preview = await withSession(globals, (session) => session.call('previewExport', selection));
        printResult(globals, preview, () => `${words.wouldExport(preview.delivered)} ${describePreview(preview)}`);
        return;
      }
      const routes = [options.out !== undefined, options.qr === true, options.usb !== undefined].filter(Boolean);
      if (routes.length > 1) throw new CliRefusal('INVALID_INPUT', words.oneRoute);
      if (options.qr || options.usb !== undefined) {
        if (options.format !== 'vcard3') {
          throw new CliRefusal('INVALID_INPUT', words.phonesTakeVcard3);
        }
        const usb = options.usb;
        await withSession(globals, (session) =>
          runHandoff(session, globals, {
            ...selection,
            route: usb === undefined ? 'lan' : 'usb',
            ...(typeof usb === 'string' ? { serial: usb } : {}),
            ...(options.address === undefined ? {} : { address: options.address }),
          }),
        );
        return;
      }
      if (!options.out) {
        // No route given: a CardDAV account is written to directly; anything else needs one.
        const delivered = await withSession(globals, (session) => runCardDavExport(session, globals, selection));
        if (delivered) return;
        throw new CliRefusal('INVALID_INPUT', words.needsRoute);
      }
      const out = options.out;
      const result = await withSession(globals, (session) =>
        session.call('exportToFile', { ...selection, format: options.format, outPath: resolve(out) }),
      );
      printResult(globals, result, () => `${words.wrote(result.delivered, result.file)} ${describePreview(result)}`);
    });

  command
    .command('reset')
    .description(help.reset)
    // Not required here: commander hands `--device` and `--account` to the parent `export`,
    // which has both too, so they are read from there (this made every `export reset` fail).
    .option('--device <id>', help.resetDevice)
    .option('--account <id>', help.resetAccount, parsePositiveInt('--account'))
    .action(async (own: { device?: string; account?: number }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const parent = cmd.parent?.opts<{ device?: string; account?: number }>() ?? {};
      const device = own.device ?? parent.device;
      const account = own.account ?? parent.account;
      if (!device || account === undefined) {
        throw new CliRefusal('INVALID_INPUT', words.resetNeeds);
      }
      const options = { device, account };
      const reset = await withSession(globals, (session) =>
        session.call('resetExport', { deviceId: options.device, accountId: options.account }),
      );
      printResult(globals, reset, () =>
        reset.serverRemoved !== null
          ? words.resetCardDav({ ...reset, removed: reset.serverRemoved })
          : words.resetPhone(reset),
      );
    });
}
