/**
 * Where tokens live at rest. The core sees only this interface: the Electron face fills
 * it with the OS keychain (safeStorage); the CLI and browser mode use a 0600 file.
 */
export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export function accountTokenKey(accountId: number): string {
  return `account:${accountId}:token`;
}
