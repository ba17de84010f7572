/** `amo-phonebook device add|list`. */
import { type Command, Option } from 'commander';
import type { Device, DevicePlatform } from '../../../shared/api/types';
import { AppError } from '../../../shared/errors';
import { printResult } from '../output';
import { type GlobalOptions, withSession } from '../session';

const describeDevice = (device: Device) => `${device.id}  ${device.name}  (${device.platform})`;

export function registerDeviceCommands(program: Command): void {
  const device = program.command('device').description('the phones and files you export to');

  device
    .command('add')
    .description('add a phone or a file target')
    .requiredOption('--name <name>', 'a name you will recognise, e.g. "My iPhone"')
    .addOption(
      new Option('--platform <platform>', 'what it is').choices(['ios', 'android', 'file']).makeOptionMandatory(),
    )
    .action(async (options: { name: string; platform: DevicePlatform }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const added = await withSession(globals, (session) => session.call('addDevice', options));
      printResult(globals, added, () => `Added device ${describeDevice(added)}`);
    });

  device
    .command('rename')
    .description('rename a device')
    .argument('<id>', 'device id')
    .requiredOption('--name <name>', 'the new name')
    .action(async (id: string, options: { name: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const renamed = await withSession(globals, (session) =>
        session.call('renameDevice', { deviceId: id, name: options.name }),
      );
      printResult(globals, renamed, () => `Renamed: ${describeDevice(renamed)}`);
    });

  device
    .command('remove')
    .description('remove a device and what the app recorded it received (its contacts stay on the phone)')
    .argument('<id>', 'device id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const result = await withSession(globals, (session) => session.call('removeDevice', { deviceId: id }));
      if (!result.removed) throw new AppError('NOT_FOUND', `No device has id "${id}"`, { deviceId: id });
      printResult(globals, result, () => `Removed device ${id}`);
    });

  device
    .command('list')
    .description('list devices')
    .action(async (_options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const devices = await withSession(globals, (session) => session.call('listDevices', {}));
      printResult(globals, devices, () =>
        devices.length === 0
          ? 'No device yet. Add one with `device add --name NAME --platform ios|android|file`.'
          : devices.map(describeDevice).join('\n'),
      );
    });
}
