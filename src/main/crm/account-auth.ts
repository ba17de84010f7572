/**
 * How a request gets its bearer token. A long-lived token is just sent; an OAuth pair is
 * refreshed when it is about to expire, and once more after a 401 (see oauth-session.ts).
 */
export interface AccountAuth {
  /** The access token to send now. */
  token(): Promise<string>;
  /**
   * After a 401 answered to `rejected`: a fresh token to retry with once, or null when
   * nothing can be done but ask the user to connect again.
   */
  renew(rejected: string): Promise<string | null>;
}

export function staticAuth(token: string): AccountAuth {
  return { token: async () => token, renew: async () => null };
}
