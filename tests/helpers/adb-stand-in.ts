/**
 * TEST DOUBLE: a stand-in for the real `adb` executable, because no phone and no USB
 * device exist on this machine (and CI has none either).
 *
 * It works at the protocol level the production code speaks: an executable file that
 * execFile runs with argv, answering on stdout/stderr with an exit code, like adb does.
 * It is a small Node script with a `#!<this node>` shebang (Linux/macOS only). Its world
 * (devices, states, scripted replies such as "reverse fails" or "am start prints Error:")
 * is a JSON file the test writes; every invocation's argv and pid is appended to a log
 * file the test reads; the reverses it holds live in a third file.
 *
 * Its defaults mimic real adb's words: "adb: device 'X' not found", "adb: error: listener
 * 'tcp:P' not found", a padded `devices -l` list. What it cannot show is real phone
 * behaviour (Android's browser, the USB debugging prompt): that needs a real device.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp-dir';

export interface StandInDevice {
  readonly serial: string;
  /** adb's state words: device, unauthorized, offline, "no permissions (…)", recovery… */
  readonly state: string;
  /** The trailing fields, e.g. "usb:1-1 product:panther model:Pixel_7 transport_id:1". */
  readonly fields?: string;
}

/** A scripted answer that replaces the default behaviour of one command. */
export interface StandInReply {
  readonly stdout?: string;
  readonly stderr?: string;
  readonly exitCode?: number;
  /** Never answer (a stuck USB link); the test expects a timeout and a killed child. */
  readonly hang?: boolean;
}

export type StandInCommand = 'devices' | 'reverse' | 'reverse-remove' | 'reverse-list' | 'shell';

export interface AdbWorld {
  readonly devices?: readonly StandInDevice[];
  readonly replies?: Partial<Record<StandInCommand, StandInReply>>;
}

export interface AdbInvocation {
  readonly argv: string[];
  readonly pid: number;
}

export interface AdbReverse {
  readonly serial: string;
  readonly remote: string;
  readonly local: string;
}

export interface AdbStandIn {
  /** Give this to the production code as `adbPath`. */
  readonly adbPath: string;
  setWorld(world: AdbWorld): void;
  /** Every run so far, oldest first. */
  invocations(): AdbInvocation[];
  /** The reverses the stand-in currently holds (what `adb reverse --list` would show). */
  reverses(): AdbReverse[];
}

/** The stand-in program. Plain CommonJS so it runs without a build or a loader. */
const program = String.raw`
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const worldPath = path.join(__dirname, 'world.json');
const logPath = path.join(__dirname, 'invocations.jsonl');
const reversesPath = path.join(__dirname, 'reverses.json');

function finish(stdout, stderr, exitCode) {
  if (stdout) process.stdout.write(stdout);
  if (stderr) process.stderr.write(stderr);
  process.exitCode = exitCode;
}

function commandOf(args) {
  if (args[0] === 'devices') return 'devices';
  if (args[0] === 'shell') return 'shell';
  if (args[0] === 'reverse' && args[1] === '--remove') return 'reverse-remove';
  if (args[0] === 'reverse' && args[1] === '--list') return 'reverse-list';
  if (args[0] === 'reverse') return 'reverse';
  return 'other';
}

function main() {
  const argv = process.argv.slice(2);
  fs.appendFileSync(logPath, JSON.stringify({ argv, pid: process.pid }) + '\n');
  const world = JSON.parse(fs.readFileSync(worldPath, 'utf8'));
  const devices = world.devices || [];
  let reverses = fs.existsSync(reversesPath) ? JSON.parse(fs.readFileSync(reversesPath, 'utf8')) : [];

  let serial;
  let args = argv;
  if (args[0] === '-s') {
    serial = args[1];
    args = args.slice(2);
  }
  const command = commandOf(args);
  const reply = (world.replies || {})[command];
  if (reply && reply.hang) {
    // Hang long past any test's timeout, but not forever: a test run that dies leaves no orphan.
    setTimeout(() => process.exit(99), 60000);
    return;
  }
  if (reply) return finish(reply.stdout, reply.stderr, reply.exitCode || 0);

  if (command === 'devices') {
    const lines = devices.map((d) => (d.serial.padEnd(22) + ' ' + d.state + (d.fields ? ' ' + d.fields : '')));
    return finish('List of devices attached\n' + lines.map((line) => line + '\n').join('') + '\n', '', 0);
  }
  if (command === 'other') return finish('', 'adb: unknown command ' + args[0] + '\n', 1);

  // Device commands: the same refusals as real adb.
  if (serial === undefined) {
    if (devices.length > 1) return finish('', 'adb: more than one device/emulator\n', 1);
    if (devices.length === 0) return finish('', 'adb: no devices/emulators found\n', 1);
    serial = devices[0].serial;
  }
  const device = devices.find((d) => d.serial === serial);
  if (!device) return finish('', "adb: device '" + serial + "' not found\n", 1);
  if (device.state === 'unauthorized') {
    return finish('', "adb: device unauthorized.\nThis adb server's $ADB_VENDOR_KEYS is not set\n", 1);
  }
  if (device.state === 'offline') return finish('', 'adb: device offline\n', 1);
  if (device.state.startsWith('no permissions')) {
    return finish('', 'adb: insufficient permissions for device: user in plugdev group; are your udev rules wrong?\n', 1);
  }

  if (command === 'reverse') {
    const [remote, local] = args.slice(1);
    reverses = reverses.filter((r) => !(r.serial === serial && r.remote === remote));
    reverses.push({ serial, remote, local });
    fs.writeFileSync(reversesPath, JSON.stringify(reverses));
    return finish('', '', 0);
  }
  if (command === 'reverse-remove') {
    const remote = args[2];
    if (!reverses.some((r) => r.serial === serial && r.remote === remote)) {
      return finish('', "adb: error: listener '" + remote + "' not found\n", 1);
    }
    fs.writeFileSync(reversesPath, JSON.stringify(reverses.filter((r) => !(r.serial === serial && r.remote === remote))));
    return finish('', '', 0);
  }
  if (command === 'reverse-list') {
    const mine = reverses.filter((r) => r.serial === serial);
    return finish(mine.map((r) => 'UsbFfs ' + r.remote + ' ' + r.local + '\n').join(''), '', 0);
  }
  // shell: real adb sends the joined words to the phone's sh; "am start" answers like this.
  return finish('Starting: Intent { act=android.intent.action.VIEW dat=http://localhost/... }\n', '', 0);
}

main();
`;

export function createAdbStandIn(world: AdbWorld = {}): AdbStandIn {
  const dir = tempDir('amo-phonebook-adb-');
  const adbPath = join(dir, 'adb');
  const worldPath = join(dir, 'world.json');
  const logPath = join(dir, 'invocations.jsonl');
  const reversesPath = join(dir, 'reverses.json');
  // An extensionless script is CommonJS only outside a "type": "module" package: say so.
  writeFileSync(join(dir, 'package.json'), '{"type":"commonjs"}\n');
  writeFileSync(adbPath, `#!${process.execPath}\n${program}`);
  chmodSync(adbPath, 0o755);
  const setWorld = (next: AdbWorld) => writeFileSync(worldPath, JSON.stringify(next));
  setWorld(world);
  return {
    adbPath,
    setWorld,
    invocations: () =>
      existsSync(logPath)
        ? readFileSync(logPath, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as AdbInvocation)
        : [],
    reverses: () => (existsSync(reversesPath) ? (JSON.parse(readFileSync(reversesPath, 'utf8')) as AdbReverse[]) : []),
  };
}

/** The command line real adb would send to the phone for `adb … shell WORDS…`: the words joined by spaces. */
export function remoteCommandLine(invocation: AdbInvocation): string {
  const shellAt = invocation.argv.indexOf('shell');
  if (shellAt < 0) throw new Error(`not a shell invocation: ${invocation.argv.join(' ')}`);
  return invocation.argv.slice(shellAt + 1).join(' ');
}

/**
 * What the phone's /system/bin/sh would make of that line, using this machine's POSIX
 * /bin/sh (quoting rules are the same) with `am` replaced by a function that prints the
 * words it received. Only a correctly quoted line comes back as the intended words.
 */
export function wordsSeenByPhoneShell(commandLine: string): string[] {
  const script = `am() { printf '%s\\0' "$@"; }\n${commandLine}`;
  const output = execFileSync('/bin/sh', ['-c', script], { encoding: 'utf8', timeout: 5_000 });
  return output.split('\0').slice(0, -1);
}
