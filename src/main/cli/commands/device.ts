/** `amo-phonebook device add|list`. */
import { type Command, Option } from 'commander';
import type { Device, DevicePlatform } from '../../../shared/api/types';
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
