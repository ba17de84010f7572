/**
 * The companion phone page, served by the desktop's handoff server at /p/TOKEN (and
 * /p/share for files shared to the installed app). It runs on an insecure origin
 * (http://LAN-IP): no crypto.subtle, randomUUID, share or clipboard here.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PhoneApp } from './components/PhoneApp';
import type { HandoffSession } from './handoff/client';
import { acceptedEncodings } from './handoff/payload';
import { clientId, resolveKey, routeFromPath, sessionStore, socketUrl } from './handoff/session';
import { setUpI18n } from './i18n';
import { detectPlatform } from './platform';
import { registerServiceWorker } from './shared-file';
import './styles.css';

function handoffSession(token: string): HandoffSession | null {
  const store = sessionStore();
  const key = resolveKey(store, token, location.hash);
  if (key === null) return null;
  return { token, key, clientId: clientId(store), socketUrl: socketUrl(location, token), accepts: acceptedEncodings() };
}

/** The key is in sessionStorage now: take it out of the address bar (and its history entry). */
function forgetFragment(): void {
  if (location.hash === '') return;
  try {
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  } catch {
    // Some in-app browsers refuse replaceState; the page still works.
  }
}

async function boot(): Promise<void> {
  await setUpI18n();
  const route = routeFromPath(location.pathname);
  const session = route.kind === 'handoff' ? handoffSession(route.token) : null;
  const platform = detectPlatform(navigator.userAgent, navigator.maxTouchPoints ?? 0);
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing from index.html');
  createRoot(root).render(
    <StrictMode>
      <PhoneApp route={route} session={session} platform={platform} forgetFragment={forgetFragment} />
    </StrictMode>,
  );
  registerServiceWorker();
}

void boot();
