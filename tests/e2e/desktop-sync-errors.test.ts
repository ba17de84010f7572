import { describe, expect, it, onTestFinished } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/main/sandbox/server';
import { seriousViolations } from '../helpers/axe';
import { callApi, openPage, serve } from '../helpers/browser-mode';
import { chromiumForFile } from '../helpers/chromium';

const words = {
  'en-US': {
    sync: 'Sync now',
    blocked: 'amoCRM has blocked API access from this computer',
    expired: 'amoCRM did not accept the access key',
    reconnect: 'Reconnect',
    codeForm: 'Connect with an authorization code',
    baseUrl: 'Account address',
    clientId: 'Integration ID',
    secret: 'Secret key',
    redirect: 'Redirect URI (as in the integration)',
    code: 'Authorization code',
    connect: 'Connect',
    synced: 'Sync finished:',
  },
  'ru-RU': {
    sync: 'Синхронизировать',
    blocked: 'amoCRM заблокировал',
    expired: 'amoCRM не принял ключ доступа',
    reconnect: 'Переподключить',
    codeForm: 'Подключить по коду авторизации',
    baseUrl: 'Адрес аккаунта',
    clientId: 'ID интеграции',
    secret: 'Секретный ключ',
    redirect: 'Адрес перенаправления (как в интеграции)',
    code: 'Код авторизации',
    connect: 'Подключить',
    synced: 'Синхронизация завершена',
  },
} as const;
type Locale = keyof typeof words;

async function sandboxFor(options: Parameters<typeof startSandbox>[0]): Promise<SandboxHandle> {
  const sandbox = await startSandbox(options);
  onTestFinished(() => sandbox.close());
  return sandbox;
}

describe.each(Object.keys(words) as Locale[])('sync errors in %s', (locale) => {
  const w = words[locale];
  const theBrowser = chromiumForFile();

  it('a blocked account: the sync stops and says what happened and what to do', async () => {
    // Five requests a second allowed, the app sends seven: the first refusal blocks.
    const sandbox = await sandboxFor({ contacts: 3000, seed: 'blocked', rateLimit: 5, blockAfter429s: 1 });
    const served = await serve();
    await callApi(served, 'addAccountWithToken', { baseUrl: sandbox.baseUrl, token: sandbox.tokens['admin'] });
    const { page, problems } = await openPage(await theBrowser(), locale);
    await page.goto(served.url);
    await page.getByRole('button', { name: w.sync }).click();
    await page.getByRole('alert').filter({ hasText: w.blocked }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: w.sync }).isEnabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('an expired sign-in that cannot be renewed: the sync says so, and Reconnect brings the account back', async () => {
    const sandbox = await sandboxFor({ contacts: 50, seed: 'expired', rateLimit: 0, accessTokenTtlSeconds: 4 });
    const served = await serve();
    const { clientId, clientSecret, redirectUri } = sandbox.oauth;
    await callApi(served, 'addAccountWithCode', {
      baseUrl: sandbox.baseUrl,
      clientId,
      clientSecret,
      redirectUri,
      code: sandbox.issueAuthorizationCode(),
    });
    // The access token runs out, and the refresh token was revoked in amoCRM meanwhile. (Its
    // life is 4 s, not 1: a busy machine must finish connecting before it expires.)
    await new Promise((resolve) => setTimeout(resolve, 4500));
    sandbox.revokeRefreshTokens();
    const { page, problems } = await openPage(await theBrowser(), locale);
    await page.goto(served.url);
    await page.getByRole('button', { name: w.sync }).click();
    await page.getByRole('alert').filter({ hasText: w.expired }).waitFor({ timeout: 30_000 });
    expect(await seriousViolations(page)).toEqual([]);

    // Reconnect: the connect screen opens with the account's address filled in; a new
    // authorization code brings the same account back, and the sync works again.
    await page.getByRole('button', { name: w.reconnect }).click();
    // The other ways (token, code) are open already when reconnecting: that account may have come in by either.
    const codeForm = page.getByRole('region', { name: w.codeForm });
    await codeForm.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await codeForm.getByLabel(w.baseUrl).inputValue()).toBe(sandbox.baseUrl);
    await codeForm.getByLabel(w.clientId).fill(clientId);
    await codeForm.getByLabel(w.secret).fill(clientSecret);
    await codeForm.getByLabel(w.redirect).fill(redirectUri);
    await codeForm.getByLabel(w.code).fill(sandbox.issueAuthorizationCode());
    await codeForm.getByRole('button', { name: w.connect }).click();
    await page.getByRole('status').filter({ hasText: w.synced }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.account').count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
