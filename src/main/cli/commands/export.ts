/**
 * `amo-phonebook export ...`: preview (--dry-run) or deliver a device's delta to a .vcf,
 * to a phone by QR code (--qr) or USB cable (--usb),
 * and `export reset` (R6) to start a device's export of an account over.
 */
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { ExportPreview, ExportWarning } from '../../../shared/api/types';
import { AppError } from '../../../shared/errors';
import { parsePositiveInt, printResult } from '../output';
import { type GlobalOptions, withSession } from '../session';
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
    throw new InvalidArgumentError(`--responsible takes user ids separated by commas, got "${value}"`);
  }
  return ids;
}

function describeWarning(warning: ExportWarning): string {
  switch (warning.code) {
    case 'google-limit':
      return `Warning: this device would hold ${warning.total} contacts; Google Contacts keeps at most 25,000 per Google account.`;
    case 'rights-unknown':
      return `Note: amoCRM shows rights only to administrators; from account ${warning.accountId} only contacts you are responsible for are exported.`;
    case 'rights-denied':
      return `Account ${warning.accountId} was left out: your role may not export contacts (ask your administrator for the contacts "Export" right).`;
    case 'provider-limit':
      return `Warning: this account would hold ${warning.total} contacts; ${warning.provider} keeps at most ${warning.limit} per account, and will refuse the rest.`;
    case 'duplicates-on-phone':
      return `Note: ${warning.count} of these contacts are already on the phone and changed since. ${duplicatesAdvice(warning.platform)}`;
  }
}

/** What the phone does with a card it already has, and how the person merges the two. */
function duplicatesAdvice(platform: 'ios' | 'android' | 'file'): string {
  const merge =
    platform === 'ios'
      ? 'On the iPhone, Contacts then shows "Duplicates Found" at the top of the list: tap it and merge them.'
      : platform === 'android'
        ? 'On the phone, open Contacts, then "Merge and fix" (Google Contacts) or your Contacts app\'s "Merge duplicates".'
        : 'At contacts.google.com, open "Merge and fix" and merge them.';
  return `The phone keeps the old card and adds the new one beside it (its import ignores which contact a card is). ${merge} A CardDAV address book updates them in place instead.`;
}

function describePreview(preview: ExportPreview): string {
  const lines = [
    `new: ${preview.new}, updated: ${preview.updated}, without a phone: ${preview.skippedNoPhone}, over the iPhone limit: ${preview.skippedByCap}, outside your rights: ${preview.skippedByRights}` +
      (preview.capRemaining === null ? '' : `, iPhone slots left: ${preview.capRemaining}`),
    `of the ${preview.accountTotal} contacts in the account(s), also left out: ${preview.skippedByFilter} by whose contacts you chose, ${preview.skippedByPeriod} not changed in the period, ${preview.unchanged} already there`,
  ];
  return [...lines, ...preview.warnings.map(describeWarning)].join('\n');
}

export function registerExportCommand(program: Command): void {
  const command = program
    .command('export')
    .description(
      "deliver what a device still lacks as a vCard file (or preview it); `export reset` starts a device's export over",
    )
    // Checked in the action, not by commander: a required option here would also be
    // demanded of `export reset`.
    .option('--device <id>', 'the device to export for (see: device list)')
    .option('--account <id>', 'only this account', parsePositiveInt('--account'))
    .option('--period <period>', 'first export only: 7d, 30d, 90d, 180d, 365d, all, or YYYY-MM-DD')
    .option('--only-mine', 'only contacts where you are the responsible user')
    .option('--responsible <ids>', 'only contacts of these responsible user ids (comma-separated)', parseIdList)
    .addOption(new Option('--format <format>', 'vCard version').choices(['vcard3', 'vcard4']).default('vcard3'))
    .option('--out <file.vcf>', 'the .vcf file to write')
    .option('--qr', 'send to a phone on this network: scan the QR code shown here')
    .option('--usb [serial]', 'send to an Android phone on a USB cable (adb); the serial when several are connected')
    .option('--address <ip>', "with --qr: this computer's address to put in the QR code")
    .option('--dry-run', 'only show what would be exported')
    .action(async (options: ExportOptions, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      if (!options.device) throw new AppError('INVALID_INPUT', 'export needs --device ID (see: device list)');
      const selection = {
        deviceId: options.device,
        onlyMine: options.onlyMine === true,
        ...(options.account === undefined ? {} : { accountId: options.account }),
        ...(options.period === undefined ? {} : { period: options.period }),
        ...(options.responsible === undefined ? {} : { responsible: options.responsible }),
      };
      if (options.dryRun) {
        const preview = await withSession(globals, (session) => session.call('previewExport', selection));
        printResult(globals, preview, () => `Would export ${preview.delivered} contacts. ${describePreview(preview)}`);
        return;
      }
      const routes = [options.out !== undefined, options.qr === true, options.usb !== undefined].filter(Boolean);
      if (routes.length > 1) throw new AppError('INVALID_INPUT', 'Choose one of --out, --qr and --usb');
      if (options.qr || options.usb !== undefined) {
        if (options.format !== 'vcard3') {
          throw new AppError('INVALID_INPUT', 'Phones import vCard 3.0: --format vcard4 is for files only');
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
        throw new AppError('INVALID_INPUT', 'export needs --out FILE.vcf, --qr or --usb (or --dry-run)');
      }
      const out = options.out;
      const result = await withSession(globals, (session) =>
        session.call('exportToFile', { ...selection, format: options.format, outPath: resolve(out) }),
      );
      printResult(
        globals,
        result,
        () => `Wrote ${result.delivered} contacts to ${result.file}. ${describePreview(result)}`,
      );
    });

  command
    .command('reset')
    .description('R6: forget what a device received from an account; the next export starts over')
    // Not required here: commander hands `--device` and `--account` to the parent `export`,
    // which has both too, so they are read from there (this made every `export reset` fail).
    .option('--device <id>', 'the device')
    .option('--account <id>', 'the account', parsePositiveInt('--account'))
    .action(async (own: { device?: string; account?: number }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const parent = cmd.parent?.opts<{ device?: string; account?: number }>() ?? {};
      const device = own.device ?? parent.device;
      const account = own.account ?? parent.account;
      if (!device || account === undefined) {
        throw new AppError('INVALID_INPUT', 'export reset needs --device ID and --account ID');
      }
      const options = { device, account };
      const reset = await withSession(globals, (session) =>
        session.call('resetExport', { deviceId: options.device, accountId: options.account }),
      );
      printResult(globals, reset, () =>
        reset.serverRemoved !== null
          ? `The export of account ${reset.accountId} to ${reset.deviceId} was deleted: ${reset.serverRemoved} contacts removed from the address-book account (phones syncing it drop them too); the next export starts over.`
          : `The export of account ${reset.accountId} to ${reset.deviceId} was deleted (${reset.cleared} contacts forgotten). ` +
            `On the phone, the exported contacts carry the label "${reset.label}": select that label (group) and delete them there; the next export starts over.`,
      );
    });
}
