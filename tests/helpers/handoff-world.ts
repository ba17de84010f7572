/**
 * A handoff server on loopback for tests: a built UI in miniature (the phone page, its own
 * asset, one of the desktop's, a secret file beside them), a sealed 50-card vCard, and the
 * statuses and acknowledgements it reported. Plain HTTP helpers for what a phone's browser asks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { type HandoffServerOptions, openHandoff } from '../../src/main/delivery/handoff/handoff-server';
import { loadPhoneAssets } from '../../src/main/delivery/handoff/phone-assets';
import { scan } from './handoff-phone';
import { tempDir } from './temp-dir';

export const vcard = Buffer.from(
  'BEGIN:VCARD\r\nVERSION:3.0\r\nN:;Анна;;;\r\nFN:Анна\r\nTEL;TYPE=CELL:+79161234567\r\nEND:VCARD\r\n'.repeat(50),
);

/** A built UI in miniature: the phone page, one asset of its own, one of the desktop's. */
export async function fakeUi() {
  const dir = tempDir();
  mkdirSync(join(dir, '.vite'));
  mkdirSync(join(dir, 'phone'));
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, 'phone-app'));
  writeFileSync(
    join(dir, '.vite', 'manifest.json'),
    JSON.stringify({
      'phone/index.html': { file: 'assets/phone-1.js', imports: ['_shared.js'] },
      '_shared.js': { file: 'assets/shared-1.js' },
      'desktop/index.html': { file: 'assets/desktop-1.js', imports: ['_shared.js'] },
    }),
  );
  writeFileSync(join(dir, 'phone', 'index.html'), '<!doctype html><title>phone page</title>');
  for (const name of ['phone-1.js', 'shared-1.js', 'desktop-1.js']) writeFileSync(join(dir, 'assets', name), name);
  writeFileSync(join(dir, 'phone-app', 'manifest.webmanifest'), '{"name":"amo-phonebook"}');
  writeFileSync(join(dir, 'phone-app', 'sw.js'), '// worker');
  writeFileSync(join(dir, 'secret.txt'), 'not for phones');
  return loadPhoneAssets(dir);
}

export async function startHandoff(overrides: Partial<HandoffServerOptions> = {}) {
  const acknowledged: number[] = [];
  const statuses: string[] = [];
  const handoff = await openHandoff({
    bindAddress: '127.0.0.1',
    urlHost: '127.0.0.1',
    content: { vcard, count: 50, names: ['Анна'], fileName: 'amocrm.vcf', accounts: ['amoCRM Demo'] },
    assets: await fakeUi(),
    onAcknowledged: () => {
      acknowledged.push(Date.now());
    },
    onStatus: (status) => statuses.push(status.stalled ? `${status.state}+stalled` : status.state),
    ...overrides,
  });
  return { handoff, acknowledged, statuses, scanned: scan(handoff.url) };
}

export function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    request(url, { headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    })
      .on('error', reject)
      .end();
  });
}

export function portRefuses(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}
