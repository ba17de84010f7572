/**
 * Signing in with amoCRM where the face has no window of its own (browser mode): the core
 * announces the consent page, the person "clicks Allow" (here: the sandbox's consent page
 * fetched as a browser would) and pastes back the address; the account connects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus } from '../../../src/main/lib/event-bus';
import { type SandboxHandle, startSandbox } from '../../../src/main/sandbox/server';
import { createMemorySecretStore } from '../../../src/main/secrets/file-secret-store';
import { createCoreService } from '../../../src/main/service';
import { createConsentBroker } from '../../../src/main/service/consent-broker';
import type { OAuthConsentEvent } from '../../../src/shared/api/events';
import { tempDir } from '../../helpers/temp-dir';

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ contacts: 20, seed: 'consent-broker', rateLimit: 100 });
});
afterAll(() => sandbox.close());

/** What a person does in the browser tab: open the consent page, click "Allow", land on the redirect URI. */
async function clickAllow(consentUrl: string): Promise<string> {
  const page = await (await fetch(consentUrl)).text();
  const allow = /id="allow" href="([^"]+)"/.exec(page)?.[1]?.replace(/&(amp|#38);/g, '&');
  if (!allow) throw new Error(`no Allow link on the consent page: ${page.slice(0, 200)}`);
  const answer = await fetch(new URL(allow, consentUrl), { redirect: 'manual' });
  return answer.headers.get('location') ?? '';
}

describe('the consent broker', () => {
  it('connects an account through the page: announce, open, paste back', async () => {
    const service = createCoreService({ dataDir: tempDir(), face: 'browser', secrets: createMemorySecretStore() });
    const announced: OAuthConsentEvent[] = [];
    service.events.on('oauth:consent', (event) => {
      announced.push(event);
      void clickAllow(event.url).then((redirectedTo) =>
        service.api.completeOAuthConsent({ requestId: event.requestId, redirectedTo }),
      );
    });
    const { clientId, clientSecret, redirectUri } = sandbox.oauth;
    const account = await service.api.connectWithOAuth({
      product: 'custom',
      consentBaseUrl: sandbox.baseUrl,
      clientId,
      clientSecret,
      redirectUri,
    });
    expect(account).toMatchObject({ id: sandbox.account.id, authKind: 'oauth' });
    expect(announced).toHaveLength(1);
    expect(announced[0]?.redirectUri).toBe(redirectUri);
    await service.close();
  });

  it('gives up cleanly: a cancel, an abort, a newer sign-in, a wrong id (tried each)', async () => {
    const events = createEventBus();
    const ids: string[] = [];
    events.on('oauth:consent', (event) => ids.push(event.requestId));
    const broker = createConsentBroker(events);

    const cancelled = broker.openConsentWindow('https://www.amocrm.ru/oauth', 'https://x.example/cb');
    expect(broker.complete('0000000000000000', 'https://x.example/cb?code=1')).toBe(false);
    expect(broker.complete(ids[0] as string, null)).toBe(true);
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });

    const abort = new AbortController();
    const aborted = broker.openConsentWindow('https://www.amocrm.ru/oauth', 'https://x.example/cb', abort.signal);
    abort.abort();
    await expect(aborted).rejects.toMatchObject({ code: 'CANCELLED' });

    const older = broker.openConsentWindow('https://www.amocrm.ru/oauth', 'https://x.example/cb');
    const newer = broker.openConsentWindow('https://www.amocrm.ru/oauth', 'https://x.example/cb');
    await expect(older).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(broker.complete(ids[2] as string, 'https://x.example/cb?code=old')).toBe(false);
    expect(broker.complete(ids[3] as string, 'https://x.example/cb?code=new')).toBe(true);
    await expect(newer).resolves.toBe('https://x.example/cb?code=new');

    const slow = createConsentBroker(events, 50).openConsentWindow(
      'https://www.amocrm.ru/oauth',
      'https://x.example/cb',
    );
    await expect(slow).rejects.toMatchObject({ code: 'TIMEOUT' });
  });
});
