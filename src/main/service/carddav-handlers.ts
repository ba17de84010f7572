/**
 * CardDAV targets (issue 9): connecting one (an app password, or Google's sign-in), its
 * phone set-up help, and delivering an export into it. Deleting an export from it (R6) is
 * resetExport's (export-handlers.ts), which calls resetCardDavExport below.
 */
import type { ApiHandlers } from '../../shared/api/contract';
import type { CardDavProvider, CardDavSetup, Device } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import { carddavDelivery } from '../delivery/carddav/carddav-route';
import { credentialsFor, saveCardDavSecret } from '../delivery/carddav/credentials';
import type { DavCredentials } from '../delivery/carddav/dav-client';
import type { DavFetchOptions } from '../delivery/carddav/dav-fetch';
import { authorizeWithLoopback, googleOAuthDefaults } from '../delivery/carddav/google-oauth';
import { setupHelp } from '../delivery/carddav/setup-help';
import { connectTarget, removeFromServer, serverUrlFor } from '../delivery/carddav/target';
import { runExport } from '../export/pipeline';
import { forgetAccountOnTarget, getTarget, saveTarget, type TargetRecord } from '../mirror/carddav-repo';
import { addDevice, getDevice, removeDevice } from '../mirror/devices-repo';
import { clearLedger } from '../mirror/ledger-repo';
import { providers } from '../model/carddav-providers';
import type { CoreContext } from './context';
import type { ExportPlanner } from './export-planner';

type CardDavVerbs = 'addCardDavDevice' | 'connectGoogleCardDav' | 'exportToCardDav' | 'getCardDavSetup';

export interface CardDavTuning {
  /** Timeouts and back-off of CardDAV requests; tests shorten them. */
  readonly http?: DavFetchOptions;
  /** PUTs in flight at once (2-4). */
  readonly concurrency?: number;
}

export function targetOf(ctx: CoreContext, deviceId: string): TargetRecord {
  const target = getTarget(ctx.db, deviceId);
  if (!target) {
    throw new AppError('INVALID_INPUT', `${deviceId} is not a CardDAV account (see: device list)`, {
      field: 'deviceId',
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

export function carddavHandlers(
  ctx: CoreContext,
  planner: ExportPlanner,
  tuning: CardDavTuning = {},
): Pick<ApiHandlers, CardDavVerbs> {
  const targetCtx = { db: ctx.db, now: ctx.now, ...tuning };

  /** Discovery with the credentials first; only a target that answered is recorded. */
  async function addTarget(
    name: string,
    provider: CardDavProvider,
    serverUrl: string,
    credentials: DavCredentials,
    secret: Parameters<typeof saveCardDavSecret>[2],
  ): Promise<{ device: Device; setup: CardDavSetup }> {
    const { homeUrl } = await connectTarget(targetCtx, provider, serverUrl, credentials);
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

  return {
    async addCardDavDevice({ name, provider, serverUrl, username, password }) {
      if (provider === 'google') {
        throw new AppError(
          'INVALID_INPUT',
          'Google Contacts signs in through Google (OAuth), not with a password: use the Google sign-in',
          { field: 'provider' },
        );
      }
      const url = serverUrlFor(provider, serverUrl);
      return addTarget(name, provider, url, { kind: 'password', username, password }, { kind: 'password', password });
    },

    async connectGoogleCardDav({ name, username, clientId, clientSecret, authorizeUrl, tokenUrl, serverUrl }) {
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
        name,
        'google',
        url,
        { kind: 'bearer', username, accessToken: tokens.accessToken },
        { kind: 'oauth', ...tokens, client },
      );
    },

    getCardDavSetup: async ({ deviceId }) => setupOf(targetOf(ctx, deviceId)),

    async exportToCardDav(selection) {
      const started = ctx.now();
      const target = targetOf(ctx, selection.deviceId);
      const credentials = await credentialsFor(ctx.secrets, target.deviceId, target.username, ctx.now);
      const plan = await planner.plan(selection);
      const delivery = carddavDelivery(targetCtx, target, credentials, {
        onProgress: (phase, done, total) =>
          ctx.events.emit({ type: 'carddav:progress', deviceId: target.deviceId, phase, done, total }),
      });
      return runExport(ctx, { deviceId: target.deviceId, startedAt: started }, plan, delivery);
    },
  };
}

/** R6 for a CardDAV target: the cards off the server first, then the ledger. Returns the cards removed. */
export async function resetCardDavExport(
  ctx: CoreContext,
  deviceId: string,
  accountId: number,
  tuning: CardDavTuning = {},
): Promise<{ cleared: number; serverRemoved: number }> {
  const target = targetOf(ctx, deviceId);
  const credentials = await credentialsFor(ctx.secrets, deviceId, target.username, ctx.now);
  const serverRemoved = await removeFromServer({ db: ctx.db, now: ctx.now, ...tuning }, target, credentials, accountId);
  const cleared = ctx.db.transaction(() => {
    forgetAccountOnTarget(ctx.db, deviceId, accountId);
    return clearLedger(ctx.db, deviceId, accountId);
  })();
  return { cleared, serverRemoved };
}
