/**
 * The user's preferences (not CRM data, so not in the mirror): a small JSON file in the
 * data folder, read once, rewritten atomically on change. A missing file means the defaults;
 * a damaged one too, after it is kept aside (lib/set-aside.ts) and said, so that the next
 * change never writes over it. It is never fatal.
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomically } from '../lib/atomic-write';
import { setAside } from '../lib/set-aside';

export interface Settings {
  /** Per network ("192.168.1.0/24"): the address the user chose for QR codes there. */
  readonly handoffAddresses: Readonly<Record<string, string>>;
  /**
   * The handoff port, kept from one handoff to the next: the phone page's origin stays the
   * same, so a page installed on the phone (USB, a secure context) keeps working.
   */
  readonly handoffPort: number | null;
}

const defaults: Settings = { handoffAddresses: {}, handoffPort: null };

export interface SettingsStore {
  read(): Settings;
  update(change: (current: Settings) => Settings): Promise<Settings>;
}

/** Told where a damaged settings file was kept, once, when the store opens. */
export type OnDamagedSettings = (aside: string) => void;

export function createSettingsStore(path: string, onDamaged: OnDamagedSettings): SettingsStore {
  let current = load(path, onDamaged);
  let writing: Promise<unknown> = Promise.resolve();
  return {
    read: () => current,
    async update(change) {
      current = change(current);
      const snapshot = JSON.stringify(current, null, 2);
      // One write at a time, in order: the last change always lands last.
      writing = writing.catch(() => undefined).then(() => writeFileAtomically(path, snapshot));
      await writing;
      return current;
    },
  };
}

function load(path: string, onDamaged: OnDamagedSettings): Settings {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return defaults;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    const aside = setAside(path);
    if (aside) onDamaged(aside);
    return defaults;
  }
  const { handoffAddresses, handoffPort } = parsed as Partial<Record<keyof Settings, unknown>>;
  return {
    handoffAddresses: isStringRecord(handoffAddresses) ? handoffAddresses : {},
    handoffPort:
      typeof handoffPort === 'number' && Number.isInteger(handoffPort) && handoffPort > 1023 && handoffPort < 65_536
        ? handoffPort
        : null,
  };
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((entry) => typeof entry === 'string')
  );
}
