/** A stand-in for Electron's safeStorage: a reversible scrambling with a switchable key version. */
export function fakeSafeStorage(
  options: { available?: boolean; backend?: 'basic_text' | 'gnome_libsecret' | 'kwallet6' | 'unknown' } = {},
) {
  const calls = { backend: 0 };
  const state = { keyVersion: 'v10', rotatedTo: null as string | null };
  const scramble = (bytes: Buffer) => Buffer.from(bytes.map((byte) => byte ^ 0x5a));
  return {
    state,
    calls,
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    getSelectedStorageBackend: () => {
      calls.backend += 1;
      return options.backend ?? 'gnome_libsecret';
    },
    encryptStringAsync: async (plain: string) =>
      Buffer.concat([Buffer.from(state.rotatedTo ?? state.keyVersion), scramble(Buffer.from(plain, 'utf8'))]),
    decryptStringAsync: async (encrypted: Buffer) => {
      const version = encrypted.subarray(0, 3).toString();
      if (version !== state.keyVersion && version !== state.rotatedTo) throw new Error('Error while decrypting');
      return {
        result: scramble(encrypted.subarray(3)).toString('utf8'),
        shouldReEncrypt: state.rotatedTo !== null && version !== state.rotatedTo,
      };
    },
  };
}
