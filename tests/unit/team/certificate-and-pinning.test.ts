/**
 * The team mirror's certificate (made here, in DER) and the colleague's side that trusts it by
 * fingerprint alone. Tried: Node's and OpenSSL's X.509 parsers read it; TLS 1.3 with it works; a
 * server with another certificate at the same address gets not one byte of the request (it
 * would carry the colleague's sign-in); plain http is refused; fingerprints compare in any case.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { pinnedFetch } from '../../../src/main/team/pinned-fetch';
import {
  isUsableCertificate,
  makeTeamCertificate,
  sameFingerprint,
} from '../../../src/main/team/self-signed-certificate';
import { tempDir } from '../../helpers/temp-dir';

const closers: Array<() => void> = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

describe('the team certificate', () => {
  it('is a valid self-signed X.509 v3 certificate with its key, for ten years', () => {
    const now = new Date('2026-12-07T10:00:00Z');
    const made = makeTeamCertificate(now);
    const cert = new X509Certificate(made.certPem);
    expect(cert.subject).toBe('CN=amo-phonebook team mirror');
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.fingerprint256).toBe(made.fingerprint);
    expect(new Date(cert.validTo).getUTCFullYear()).toBe(2036);
    expect(isUsableCertificate(made, now)).toBe(true);
    // Another key, or a certificate past its end, is not usable.
    const other = makeTeamCertificate(now);
    expect(isUsableCertificate({ certPem: made.certPem, keyPem: other.keyPem }, now)).toBe(false);
    expect(isUsableCertificate(made, new Date('2037-01-01T00:00:00Z'))).toBe(false);
    expect(isUsableCertificate({ certPem: 'garbage', keyPem: made.keyPem }, now)).toBe(false);
    // GeneralizedTime from 2050 on (RFC 5280), read back exactly.
    const late = new X509Certificate(makeTeamCertificate(new Date('2045-06-01T00:00:00Z')).certPem);
    expect(new Date(late.validTo).toISOString()).toBe('2055-05-30T00:00:00.000Z');
    // OpenSSL's own parser agrees.
    const file = join(tempDir(), 'cert.pem');
    writeFileSync(file, made.certPem);
    const text = execFileSync('openssl', ['x509', '-in', file, '-noout', '-text'], { encoding: 'utf8' });
    expect(text).toContain('Signature Algorithm: ecdsa-with-SHA256');
    expect(text).toContain('Version: 3');
  });

  it('compares fingerprints whatever their case and colons', () => {
    const { fingerprint } = makeTeamCertificate();
    expect(sameFingerprint(fingerprint, fingerprint.replace(/:/g, '').toLowerCase())).toBe(true);
    expect(sameFingerprint(fingerprint, makeTeamCertificate().fingerprint)).toBe(false);
    expect(sameFingerprint('', '')).toBe(false);
  });
});

describe('pinnedFetch', () => {
  it('talks to the server with the pinned certificate, and sends nothing to another one', async () => {
    const good = makeTeamCertificate();
    const server = createHttpsServer({ cert: good.certPem, key: good.keyPem }, (req, res) => {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ auth: req.headers.authorization }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => server.close());
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4/account?x=1`;
    const answer = await pinnedFetch(good.fingerprint)(url, { headers: { authorization: 'Bearer secret-token' } });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ auth: 'Bearer secret-token' });

    // An impostor at an address: it completes TLS with its own certificate and records every byte.
    const impostor = makeTeamCertificate();
    let received = 0;
    const tls = createTlsServer({ cert: impostor.certPem, key: impostor.keyPem }, (socket) => {
      socket.on('data', (chunk: Buffer) => {
        received += chunk.length;
      });
    });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    closers.push(() => tls.close());
    const impostorUrl = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/api/v4/account`;
    await expect(
      pinnedFetch(good.fingerprint)(impostorUrl, { headers: { authorization: 'Bearer secret-token' } }),
    ).rejects.toMatchObject({ code: 'TEAM_MIRROR_UNTRUSTED' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toBe(0);

    await expect(pinnedFetch(good.fingerprint)('http://127.0.0.1:1/x')).rejects.toThrow(/https only/);
  });

  it('answers 204 without a body and passes the abort signal', async () => {
    const good = makeTeamCertificate();
    const server = createHttpsServer({ cert: good.certPem, key: good.keyPem }, (req, res) => {
      if (req.url === '/slow') return; // never answers
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => {
      server.closeAllConnections();
      server.close();
    });
    const base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const empty = await pinnedFetch(good.fingerprint)(`${base}/empty`);
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    await expect(pinnedFetch(good.fingerprint)(`${base}/slow`, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
  });
});
