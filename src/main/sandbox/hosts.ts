/**
 * Where the account lives. amoCRM can move an account to a new subdomain; its old address
 * then stops answering and the client must look the new one up (reference §1.4). The
 * sandbox plays this with two names for loopback: `127.0.0.1:PORT` and `localhost:PORT`.
 */

export interface SandboxHosts {
  /** host:port the account is served under now. */
  current(): string;
  baseUrl(): string;
  subdomain(): string;
  /** True when `hostHeader` names an address the account has moved away from. */
  isMovedFrom(hostHeader: string | undefined): boolean;
  /** Moves the account to the other loopback name; returns the new base URL. */
  rename(): string;
}

export function createHosts(listenHost: string, port: number, subdomain: string): SandboxHosts {
  const format = (hostname: string) => `${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;
  let current = format(listenHost);
  let currentSubdomain = subdomain;
  let renames = 0;
  const movedFrom = new Set<string>();
  return {
    current: () => current,
    baseUrl: () => `http://${current}`,
    subdomain: () => currentSubdomain,
    isMovedFrom: (hostHeader) => hostHeader !== undefined && movedFrom.has(hostHeader.toLowerCase()),
    rename() {
      movedFrom.add(current);
      current = format(current.startsWith('localhost:') ? '127.0.0.1' : 'localhost');
      // Moving back to an old name makes it the account's address again.
      movedFrom.delete(current);
      renames++;
      currentSubdomain = `${subdomain}moved${renames}`;
      return `http://${current}`;
    },
  };
}
