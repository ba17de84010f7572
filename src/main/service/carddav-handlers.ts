/**
 * CardDAV targets (issue 9): connecting one (an app password, or Google's sign-in), its
 * phone set-up help, and delivering an export into it. Deleting an export from it (R6) is
 * resetExport's (export-handlers.ts), which calls resetCardDavExport below.
 */
import type { ApiParsedInput } from '../../shared/api/schemas';
import type {
  CardDavDeviceAdded,
  CardDavExportResult,
  CardDavProvider,
  CardDavSetup,
  Device,
} from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import type { VerbGroup } from '../api/registry';
import { carddavDelivery } from '../delivery/carddav/carddav-route';
import { credentialsFor, saveCardDavSecret } from '../delivery/carddav/credentials';
import type { DavCredentials } from '../delivery/carddav/dav-client';
import { authorizeWithLoopback, googleOAuthDefaults } from '../delivery/carddav/google-oauth';
import { setupHelp } from '../delivery/carddav/setup-help';
import { connectTarget, removeFromServer, serverUrlFor } from '../delivery/carddav/target';
import { runExport } from '../export/pipeline';
import { forgetAccountOnTarget, getTarget, saveTarget, type TargetRecord } from '../mirror/carddav-repo';
import { addDevice, getDevice, removeDevice } from '../mirror/devices-repo';
import { clearLedger } from '../mirror/ledger-repo';
import { providers } from '../model/carddav-providers';
import type { CoreContext, ServiceContext } from './context';
import { planExportFor } from './export-planner';

export function targetOf(ctx: Pick<CoreContext, 'db'>, deviceId: string): TargetRecord {
  const target = getTarget(ctx.db, deviceId);
  if (!target) {
    throw new AppError('INVALID_INPUT', `${deviceId} is not a CardDAV account (see: device list)`, {
      field: 'deviceId',
      reason: 'notCarddav',
      device: deviceId,
    });
  }
  return target;
}

function setupOf(target: TargetRecord): CardDavSetup {
  return setupHelp({
    provider: target.provider,
    serverUrl: target.serverUrl,
    principalUrl: target.homeUrl,
    username: target.username,
    ownBook: target.ownBook,
  });
}

type CardDavContext = Pick<ServiceContext, 'db' | 'now' | 'secrets' | 'events' | 'carddav'>;

function targetContext(ctx: CardDavContext) {
  return { db: ctx.db, now: ctx.now, ...ctx.carddav };
}

/** Discovery with the credentials first; only a target that answered is recorded. */
async function addTarget(
  ctx: CardDavContext,
  name: string,
  provider: CardDavProvider,
  serverUrl: string,
  credentials: DavCredentials,
  secret: Parameters<typeof saveCardDavSecret>[2],
): Promise<CardDavDeviceAdded> {
  const { homeUrl } = await connectTarget(targetContext(ctx), provider, serverUrl, credentials);
  const device = ctx.db.transaction(() => {
    const added = addDevice(ctx.db, name, 'carddav', ctx.now());
    saveTarget(ctx.db, {
      deviceId: added.id,
      provider,
      serverUrl,
      username: credentials.username,
      auth: credentials.kind === 'password' ? 'password' : 'oauth',
      homeUrl,
      ownBook: providers[provider].ownBook,
    });
    return added;
  })();
  try {
    await saveCardDavSecret(ctx.secrets, device.id, secret);
  } catch (error) {
    // A target without its password could never be used: take it back.
    removeDevice(ctx.db, device.id);
    throw error;
  }
  return { device: getDevice(ctx.db, device.id) as Device, setup: setupOf(targetOf(ctx, device.id)) };
}

async function addCardDavDevice(
  ctx: CardDavContext,
  { name, provider, serverUrl, username, password }: ApiParsedInput<'addCardDavDevice'>,
) {
  if (provider === 'google') {
    throw new AppError(
      'INVALID_INPUT',
      'Google Contacts signs in through Google (OAuth), not with a password: use the Google sign-in',
      { field: 'provider' },
    );
  }
  const url = serverUrlFor(provider, serverUrl);
  const credentials = { kind: 'password', username, password } as const;
  return addTarget(ctx, name, provider, url, credentials, { kind: 'password', password });
}

async function connectGoogleCardDav(ctx: CardDavContext, input: ApiParsedInput<'connectGoogleCardDav'>) {
  const { name, username, clientId, clientSecret, authorizeUrl, tokenUrl, serverUrl } = input;
  const url = serverUrlFor('google', serverUrl);
  const client = {
    clientId,
    clientSecret,
    authorizeUrl: authorizeUrl ?? googleOAuthDefaults.authorizeUrl,
    tokenUrl: tokenUrl ?? googleOAuthDefaults.tokenUrl,
    scope: googleOAuthDefaults.scope,
  };
  const tokens = await authorizeWithLoopback(client, {
    open: (consentUrl) => ctx.events.emit({ type: 'oauth:open', url: consentUrl }),
    now: ctx.now,
  });
  return addTarget(
    ctx,
    name,
    'google',
    url,
    { kind: 'bearer', username, accessToken: tokens.accessToken },
    { kind: 'oauth', ...tokens, client },
  );
}

async function getCardDavSetup(ctx: CardDavContext, { deviceId }: ApiParsedInput<'getCardDavSetup'>) {
  return setupOf(targetOf(ctx, deviceId));
}

async function exportToCardDav(
  ctx: ServiceContext,
  selection: ApiParsedInput<'exportToCardDav'>,
): Promise<CardDavExportResult> {
  const started = ctx.now();
  const target = targetOf(ctx, selection.deviceId);
  const credentials = await credentialsFor(ctx.secrets, target.deviceId, target.username, ctx.now);
  const plan = await planExportFor(ctx, selection, { remember: true });
  const delivery = carddavDelivery(targetContext(ctx), target, credentials, {
    onProgress: (phase, done, total) =>
      ctx.events.emit({ type: 'carddav:progress', deviceId: target.deviceId, phase, done, total }),
  });
  return runExport(ctx, { deviceId: target.deviceId, startedAt: started }, plan, delivery);
}

export const carddavVerbs = {
  addCardDavDevice,
  connectGoogleCardDav,
  getCardDavSetup,
  exportToCardDav,
} satisfies VerbGroup<ServiceContext>;

/** R6 for a CardDAV target: the cards off the server first, then the ledger. Returns the cards removed. */
export async function resetCardDavExport(
  ctx: CardDavContext,
  deviceId: string,
  accountId: number,
): Promise<{ cleared: number; serverRemoved: number }> {
  const target = targetOf(ctx, deviceId);
  const credentials = await credentialsFor(ctx.secrets, deviceId, target.username, ctx.now);
  const serverRemoved = await removeFromServer(targetContext(ctx), target, credentials, accountId);
  const cleared = ctx.db.transaction(() => {
    forgetAccountOnTarget(ctx.db, deviceId, accountId);
    return clearLedger(ctx.db, deviceId, accountId);
  })();
  return { cleared, serverRemoved };
}
