/**
 * `export --qr` as a user runs it: the real CLI in its own process, a sandbox amoCRM, the
 * handoff server on this machine's LAN address, and a phone at the protocol level
 * (tests/helpers/handoff-phone.ts). What matters most: the ledger changes only after the
 * phone's proof, whatever else happens to either side (killed, interrupted).
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdbStandIn } from '../../helpers/adb-stand-in';
import { addAccountWithToken, cliPath, projectRoot, runCli, startCliServer, terminalEnv } from '../../helpers/cli';
import { ackFor, connectPhone, openPayload, scan } from '../../helpers/handoff-phone';
import { tempDir } from '../../helpers/temp-dir';

let sandbox: ReturnType<typeof startCliServer>;
let baseUrl = '';
let token = '';

beforeAll(async () => {
  sandbox = startCliServer(['sandbox', '--port', '0', '--contacts', '300', '--seed', 'cli-handoff']);
  const line = JSON.parse(await sandbox.firstLine) as { baseUrl: string; tokens: Record<string, string> };
  baseUrl = line.baseUrl;
  token = line.tokens['admin'] ?? '';
});
afterAll(() => sandbox.stop());

async function prepared() {
  const dataDir = tempDir();
  expect((await addAccountWithToken(dataDir, baseUrl, token)).code).toBe(0);
  const device = await runCli([
    '--data-dir',
    dataDir,
    '--json',
    'device',
    'add',
    '--name',
    'Pixel',
    '--platform',
    'android',
  ]);
  const deviceId = (JSON.parse(device.stdout) as { id: string }).id;
  const preview = async () => {
    const result = await runCli([
      '--data-dir',
      dataDir,
      '--json',
      'export',
      '--device',
      deviceId,
      '--period',
      'all',
      '--dry-run',
    ]);
    return JSON.parse(result.stdout) as { new: number; delivered: number };
  };
  return { dataDir, deviceId, preview };
}

/** `export --qr` (or another route) in its own process; resolves the link it prints once the QR is on screen. */
function exportByQr(dataDir: string, deviceId: string, route: string[] = ['--qr'], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(
    process.execPath,
    [cliPath, '--data-dir', dataDir, '--json', 'export', '--device', deviceId, '--period', 'all', ...route],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], env: terminalEnv(env) },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  const link = new Promise<string>((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const found = /(?:open|opening): (http:\/\/\S+)/.exec(stderr)?.[1];
      if (found) resolve(found);
    });
    child.on('close', () => reject(new Error(`export --qr ended before showing a link: ${stderr}`)));
  });
  // A run that never prints a link (USB) must not leave a rejection nobody awaits.
  link.catch(() => undefined);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, link, exited, output: () => ({ stdout, stderr }) };
}

describe('export --qr', () => {
  it('draws the QR code with the check code, and exits 0 once the phone has the contacts', async () => {
    const { dataDir, deviceId, preview } = await prepared();
    const before = await preview();
    const run = exportByQr(dataDir, deviceId);
    const scanned = scan(await run.link);
    await expect.poll(() => run.output().stderr).toMatch(/Check code: \d{3} \d{3}/);
    // A QR code in block characters precedes the link.
    expect(run.output().stderr).toMatch(/[█▀▄]{10,}/);
    const phone = await connectPhone(scanned);
    phone.hello();
    const { box, encoding } = await phone.payload();
    expect(openPayload(scanned, box, encoding)?.meta['count']).toBe(before.delivered);
    phone.socket.send(ackFor(scanned));
    expect(await run.exited).toBe(0);
    expect(JSON.parse(run.output().stdout)).toMatchObject({
      delivery: 'lan',
      outcome: 'delivered',
      delivered: before.delivered,
    });
    expect((await preview()).delivered).toBe(0);
  });

  it('killed mid-transfer (the phone had the payload, no acknowledgement yet): the ledger is unchanged', async () => {
    const { dataDir, deviceId, preview } = await prepared();
    const before = await preview();
    const run = exportByQr(dataDir, deviceId);
    const scanned = scan(await run.link);
    const phone = await connectPhone(scanned);
    phone.hello();
    await phone.payload();
    run.child.kill('SIGKILL');
    await run.exited;
    await phone.closed;
    expect(await preview()).toEqual(before);
  });

  it('Ctrl+C cancels: one line, exit 1, nothing recorded', async () => {
    const { dataDir, deviceId, preview } = await prepared();
    const before = await preview();
    const run = exportByQr(dataDir, deviceId);
    await run.link;
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(1);
    expect(run.output().stderr.trim().split('\n').at(-1)).toMatch(/Cancelled; nothing was recorded/);
    expect(await preview()).toEqual(before);
  });

  it('refuses --format vcard4 and two routes at once, before opening anything', async () => {
    const { dataDir, deviceId } = await prepared();
    const base = ['--data-dir', dataDir, 'export', '--device', deviceId, '--period', 'all'];
    const vcard4 = await runCli([...base, '--qr', '--format', 'vcard4']);
    expect(vcard4.code).toBe(1);
    expect(vcard4.stderr).toMatch(/vCard 3\.0/);
    const both = await runCli([...base, '--qr', '--out', '/tmp/x.vcf']);
    expect(both.code).toBe(1);
    expect(both.stderr).toMatch(/one of --out, --qr and --usb/);
  });
});

describe('export --usb (a stand-in for the adb executable: no phone on this machine)', () => {
  it('opens the page on the phone through adb reverse and exits 0 once the phone has the contacts', async () => {
    const { dataDir, deviceId, preview } = await prepared();
    const adb = createAdbStandIn({ devices: [{ serial: 'R58N12ABCDE', state: 'device', fields: 'model:Pixel_7' }] });
    const before = await preview();
    const run = exportByQr(dataDir, deviceId, ['--usb'], { AMO_PHONEBOOK_ADB: adb.adbPath });
    await expect.poll(() => run.output().stderr, { timeout: 20_000 }).toMatch(/opening on the phone R58N12ABCDE/);
    const opened = adb.invocations().find((invocation) => invocation.argv.includes('shell'));
    const url = /'(http:\/\/localhost:\d+\/p\/[^']+)'/.exec(opened?.argv.join(' ') ?? '')?.[1];
    if (!url) throw new Error(`adb was not asked to open the page: ${JSON.stringify(adb.invocations())}`);
    const scanned = scan(url);
    const port = new URL(url).port;
    const phone = await connectPhone(
      { ...scanned, origin: `http://127.0.0.1:${port}` },
      { origin: `http://localhost:${port}` },
    );
    phone.hello();
    await phone.payload();
    phone.socket.send(ackFor(scanned));
    expect(await run.exited).toBe(0);
    expect(JSON.parse(run.output().stdout)).toMatchObject({ delivery: 'usb', delivered: before.delivered });
    expect(adb.reverses()).toEqual([]);
  });

  it('says what to do when adb is not installed', async () => {
    const { dataDir, deviceId } = await prepared();
    const result = await runCli(['--data-dir', dataDir, 'export', '--device', deviceId, '--period', 'all', '--usb'], {
      env: { AMO_PHONEBOOK_ADB: '/nonexistent/adb' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/adb/);
  });
});
