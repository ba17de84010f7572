/**
 * A small typed client for the W3C WebDriver protocol (classic, over HTTP), with fetch: the
 * few commands the WebKit suite needs. WebKitGTK's driver speaks only classic WebDriver (no
 * BiDi), so a full client would bring nothing here but a dependency.
 */

/** The key under which W3C WebDriver returns an element reference. */
const elementKey = 'element-6066-11e4-a52e-4f735466cecf';

export interface ElementRef {
  readonly [elementKey]: string;
}

export class WebDriverError extends Error {
  constructor(
    readonly command: string,
    readonly error: string,
    message: string,
  ) {
    super(`WebDriver ${command}: ${error}: ${message}`);
  }
}

type Method = 'GET' | 'POST' | 'DELETE';

/** One command; the W3C envelope is `{value}`, errors are `{value: {error, message}}` with a non-2xx status. */
async function command<T>(base: string, method: Method, path: string, body?: unknown, timeoutMs = 30_000): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    // The spec wants a JSON body on every POST, even one without parameters.
    ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const envelope = (await response.json()) as { value: T | { error: string; message: string } };
  if (!response.ok) {
    const failure = envelope.value as { error?: string; message?: string };
    throw new WebDriverError(`${method} ${path}`, failure.error ?? String(response.status), failure.message ?? '');
  }
  return envelope.value as T;
}

export interface Capabilities {
  readonly [name: string]: unknown;
}

/**
 * Creates a session. Without a display WebKitGTK's session creation hangs forever
 * (reference: webkit-testing.md), hence the timeout.
 */
export async function newSession(driverUrl: string, capabilities: Capabilities, timeoutMs = 20_000): Promise<Session> {
  const created = await command<{ sessionId: string; capabilities: Capabilities }>(
    driverUrl,
    'POST',
    '/session',
    { capabilities: { alwaysMatch: capabilities } },
    timeoutMs,
  );
  return new Session(`${driverUrl}/session/${created.sessionId}`, created.capabilities);
}

export class Session {
  constructor(
    private readonly base: string,
    readonly capabilities: Capabilities,
  ) {}

  #call<T>(method: Method, path: string, body?: unknown): Promise<T> {
    return command<T>(this.base, method, path, body);
  }

  navigate(url: string): Promise<null> {
    return this.#call('POST', '/url', { url });
  }

  currentUrl(): Promise<string> {
    return this.#call('GET', '/url');
  }

  setWindowRect(rect: { width: number; height: number }): Promise<unknown> {
    return this.#call('POST', '/window/rect', rect);
  }

  /** Runs `body` as a function body in the page (`arguments` holds args) and returns its result. */
  execute<T>(body: string, ...args: unknown[]): Promise<T> {
    return this.#call('POST', '/execute/sync', { script: body, args });
  }

  /** Elements matching a CSS selector, in document order (none: an empty list). */
  findAll(css: string): Promise<ElementRef[]> {
    return this.#call('POST', '/elements', { using: 'css selector', value: css });
  }

  text(element: ElementRef): Promise<string> {
    return this.#call('GET', `/element/${element[elementKey]}/text`);
  }

  attribute(element: ElementRef, name: string): Promise<string | null> {
    return this.#call('GET', `/element/${element[elementKey]}/attribute/${encodeURIComponent(name)}`);
  }

  /** A real click (the driver scrolls the element into view and dispatches mouse events through the engine). */
  click(element: ElementRef): Promise<null> {
    return this.#call('POST', `/element/${element[elementKey]}/click`);
  }

  /** The viewport as a PNG. */
  async screenshot(): Promise<Buffer> {
    return Buffer.from(await this.#call<string>('GET', '/screenshot'), 'base64');
  }

  async close(): Promise<void> {
    await this.#call('DELETE', '');
  }
}
