/**
 * The core service: one object implementing the whole typed API, for every face.
 *
 * It owns the mirror connection, the secrets, the event bus and the demo sandbox; each
 * domain's handlers live in their own file and receive the shared context.
 */
import { mkdirSync } from 'node:fs';
import { type NetworkInterfaceInfo, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { ApiHandlers } from '../../shared/api/contract';
import type { Face } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import { createApiRegistry } from '../api/registry';
import type { OpenConsentWindow } from '../crm/consent';
import { createRequestLimiter, defaultRequestsPerSecond, type RequestLimiter } from '../crm/request-limiter';
import { createUsbRoute, type UsbRoute } from '../delivery/usb';
import { createEventBus, type EventBus } from '../lib/event-bus';
import { builtUiDir, mirrorFileName } from '../lib/paths';
import { makeDatabasePrivate, makeFolderPrivate } from '../lib/private-files';
import { appVersion } from '../lib/version';
import { listAccountRecords } from '../mirror/accounts-repo';
import { isSqliteCorruption, markMirrorDamaged } from '../mirror/database';
import { createFileSecretStore } from '../secrets/file-secret-store';
import type { SecretStore } from '../secrets/secret-store';
import { createSettingsStore } from '../settings/settings-store';
import { closeStore, openStore } from '../store/open-store';
import { accountVerbs } from './accounts-handlers';
import { carddavVerbs } from './carddav-handlers';
import { createConsentBroker } from './consent-broker';
import { contactVerbs } from './contacts-handlers';
import type { CardDavTuning, CoreContext, HttpTuning, ServiceContext } from './context';
import { createDemoRuntime } from './demo-runtime';
import { deviceVerbs } from './devices-handlers';
import { exportVerbs } from './export-handlers';
import { closeHandoffs, handoffVerbs } from './handoff-handlers';
import { syncVerbs } from './sync-handlers';
import { teamVerbs } from './team-handlers';
import { closeTeamMirror, teamMirrorVerbs } from './team-mirror-handlers';

export interface CoreServiceOptions {
  readonly dataDir: string;
  readonly face: Face;
  /** Defaults to a 0600 file in the data folder; Electron passes its keychain store. */
  readonly secrets?: SecretStore;
  readonly nativeBinding?: string;
  readonly now?: () => number;
  readonly requestsPerSecond?: number;
  readonly demoContacts?: number;
  /** Opens amoCRM's consent page and waits for the redirect (Electron: a window; CLI: the terminal). */
  readonly openConsentWindow?: OpenConsentWindow;
  /** The desktop app's "Show in folder" (main's shell.showItemInFolder, asked through the core process). */
  readonly revealFile?: (path: string) => Promise<void>;
  readonly httpTuning?: HttpTuning;
  /** The built UI (out/renderer): the handoff serves the phone page from it. */
  readonly uiDir?: string;
  /** The USB route (adb); tests pass one that runs a stand-in for the adb executable. */
  readonly usbRoute?: UsbRoute;
  /** The machine's interfaces, for the QR code's address; tests pass their own. */
  readonly networkInterfaces?: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
  /** CardDAV request pacing and concurrency; tests shorten the back-off. */
  readonly carddav?: CardDavTuning;
  /** Where the core's notes for a maintainer go (a damaged settings file kept aside); stderr by default. */
  readonly log?: (message: string) => void;
}

export interface CoreService {
  readonly api: ApiHandlers;
  readonly events: EventBus;
  readonly dataDir: string;
  close(): Promise<void>;
}

export function createCoreService(options: CoreServiceOptions): CoreService {
  const log = options.log ?? console.warn;
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  if (makeFolderPrivate(options.dataDir)) {
    log(
      `The data folder ${options.dataDir} could be read by other users of this computer; it is now yours alone (mode 700)`,
    );
  }
  const mirrorPath = join(options.dataDir, mirrorFileName);
  makeDatabasePrivate(mirrorPath);
  const db = openStore(mirrorPath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const limiters = new Map<string, RequestLimiter>();
  const now = options.now ?? Date.now;
  const demo = createDemoRuntime(options.demoContacts, () => {
    // The day the demo was first connected (or is being connected now).
    const connectedAt = listAccountRecords(db).find((account) => account.isDemo)?.connectedAt ?? now();
    return Math.floor(connectedAt / 86_400_000) * 86_400;
  });
  const events = createEventBus();
  const consent = createConsentBroker(events);
  const ctx: CoreContext = {
    db,
    dataDir: options.dataDir,
    face: options.face,
    version: appVersion,
    secrets: options.secrets ?? createFileSecretStore(join(options.dataDir, 'secrets.json')),
    events,
    demo,
    now,
    sessions: new Map(),
    httpTuning: options.httpTuning ?? {},
    // Electron opens its own window, the CLI uses the terminal; browser mode asks the page.
    openConsentWindow: options.openConsentWindow ?? consent.openConsentWindow,
    revealFile: options.revealFile,
    limiterFor(baseUrl, requestsPerSecond) {
      const key = new URL(baseUrl).origin;
      let limiter = limiters.get(key);
      if (!limiter) {
        limiter = createRequestLimiter(requestsPerSecond ?? options.requestsPerSecond ?? defaultRequestsPerSecond);
        limiters.set(key, limiter);
      }
      return limiter;
    },
  };

  const service: ServiceContext = {
    ...ctx,
    sync: { running: null },
    consent,
    carddav: options.carddav ?? {},
    teamMirror: { running: null },
    handoffs: {
      settings: createSettingsStore(join(options.dataDir, 'settings.json'), (aside) =>
        log(`settings.json could not be read; it was kept as ${aside}, and the default settings are used`),
      ),
      uiDir: options.uiDir ?? builtUiDir(),
      usb: options.usbRoute ?? createUsbRoute(),
      networkInterfaces: options.networkInterfaces ?? networkInterfaces,
      active: new Map(),
      recording: new Set(),
      log,
    },
  };
  const registry = createApiRegistry(service);
  registry.method('getAppInfo', async ({ version, face, dataDir }) => ({ version, face, dataDir }));
  registry.method('completeOAuthConsent', async ({ consent }, { requestId, redirectedTo }) => ({
    accepted: consent.complete(requestId, redirectedTo ?? null),
  }));
  registry.methods(accountVerbs);
  registry.methods(teamVerbs);
  registry.methods(syncVerbs);
  registry.methods(contactVerbs);
  registry.methods(deviceVerbs);
  registry.methods(exportVerbs);
  registry.methods(carddavVerbs);
  registry.methods(handoffVerbs);
  registry.methods(teamMirrorVerbs);
  const api = registry.handlers(mirrorCorruptionInWords(mirrorPath));

  return {
    api,
    events: ctx.events,
    dataDir: ctx.dataDir,
    async close() {
      await api.cancelSync({});
      await closeHandoffs(service.handoffs);
      await closeTeamMirror(service);
      await demo.close();
      closeStore(db);
    },
  };
}

/**
 * A damaged page met while the core runs: SQLite's error becomes DB_CORRUPT in words, and the
 * mirror is marked so that the next start checks it whole and offers to keep it aside.
 */
function mirrorCorruptionInWords(mirrorPath: string): (error: unknown) => unknown {
  return (error) => {
    if (!isSqliteCorruption(error)) return error;
    const reason = error instanceof Error ? error.message : String(error);
    markMirrorDamaged(mirrorPath, reason);
    return new AppError(
      'DB_CORRUPT',
      `The database at ${mirrorPath} is damaged (${reason}). Start the app again: it then offers to keep the file aside and begin with an empty one.`,
      { path: mirrorPath, store: 'mirror' },
      { cause: error },
    );
  };
}
