/**
 * An HTTP proxy for the WebKit phone (the WebDriver `proxy` capability), passing bytes
 * through untouched, for two things a direct connection cannot give:
 * - a machine with only loopback: WebKit counts all of 127.0.0.0/8 as a secure context, so
 *   the page is opened as `http://phone.test:PORT/...` (an insecure origin, as on Wi-Fi) and
 *   this proxy takes `phone.test` to 127.0.0.1 (webkit-testing.md);
 * - the phone's messages lost on the way (Wi-Fi going bad): with `holdPhoneMessages`, what
 *   the page sends on its WebSocket after the upgrade never reaches the desktop, while all
 *   the desktop sends still reaches the page. That is how a page stays connected and
 *   waiting until the desktop's handoff expires.
 *
 * A proxied request names its target in absolute form (`GET http://host:port/p/...`, and
 * `GET ws://...` for the upgrade); the handoff server reads the path from it as usual.
 */
import { connect, createServer, type Socket } from 'node:net';

export interface PhoneProxy {
  /** `127.0.0.1:PORT`, for the `proxy` capability's httpProxy. */
  readonly address: string;
  close(): Promise<void>;
}

export async function startPhoneProxy(
  options: { hosts?: Readonly<Record<string, string>>; holdPhoneMessages?: boolean } = {},
): Promise<PhoneProxy> {
  const open = new Set<Socket>();
  const server = createServer((phone) => {
    open.add(phone);
    phone.on('close', () => open.delete(phone));
    phone.on('error', () => phone.destroy());
    let head = Buffer.alloc(0);
    const onFirstData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      phone.off('data', onFirstData);
      const headers = head.subarray(0, end).toString('latin1');
      const target = /^[A-Z]+ (?:https?|wss?):\/\/([^/:\s]+)(?::(\d+))?[/\s]/.exec(headers);
      if (!target?.[1]) {
        phone.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
        return;
      }
      const host = options.hosts?.[target[1]] ?? target[1];
      const desktop = connect(Number(target[2] ?? 80), host);
      open.add(desktop);
      desktop.on('close', () => {
        open.delete(desktop);
        phone.destroy();
      });
      desktop.on('error', () => desktop.destroy());
      phone.on('close', () => desktop.destroy());
      desktop.write(head);
      desktop.pipe(phone);
      // A WebSocket's frames follow its upgrade request on the same connection: held, they are lost.
      const holds = options.holdPhoneMessages === true && /^upgrade:\s*websocket/im.test(headers);
      if (!holds) phone.pipe(desktop);
    };
    phone.on('data', onFirstData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('The proxy has no address');
  return {
    address: `127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
