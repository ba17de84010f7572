/**
 * The operating system's keychain from plain Node, through @napi-rs/keyring (a maintained
 * binding with prebuilt binaries for macOS, Windows and Linux; its async entries run off the
 * event loop). Loaded on first use: where its binary is missing (an unusual platform) there
 * is simply no keychain, and the caller falls back to the file and says so.
 */
import type { Keychain } from './os-keychain-store';

type KeyringModule = typeof import('@napi-rs/keyring');

let loading: Promise<KeyringModule | null> | undefined;

function keyring(): Promise<KeyringModule | null> {
  loading ??= import('@napi-rs/keyring').catch(() => null);
  return loading;
}

/** The system keychain, or null when the binding cannot load here. */
export async function systemKeychain(): Promise<Keychain | null> {
  const binding = await keyring();
  if (!binding) return null;
  const entry = (service: string, account: string) => new binding.AsyncEntry(service, account);
  return {
    get: (service, account) => entry(service, account).getPassword(),
    set: (service, account, value) => entry(service, account).setPassword(value),
    delete: async (service, account) => {
      await entry(service, account).deletePassword();
    },
  };
}
