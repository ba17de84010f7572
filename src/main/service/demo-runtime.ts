/**
 * The built-in demo account: the sandbox, started in-process on a free loopback port the
 * first time something needs it, with a fixed seed so the demo's account id and tokens
 * stay the same across launches (the port does not; the stored address is refreshed).
 *
 * Its generated history ends on the day the demo was first connected, not on "today":
 * otherwise every contact would look freshly edited each morning, and "export what changed
 * since last time" (R4) would resend the whole demo daily.
 */
import { type SandboxHandle, startSandbox } from '../sandbox/server';

export interface DemoRuntime {
  ensure(): Promise<SandboxHandle>;
  close(): Promise<void>;
}

export const demoSeed = 'demo';
export const demoContactCount = 12_000;

export function createDemoRuntime(
  contacts = demoContactCount,
  /** Unix seconds the demo's history ends at. */
  anchorTime: () => number = () => Math.floor(Date.now() / 1000),
): DemoRuntime {
  let running: Promise<SandboxHandle> | null = null;
  return {
    ensure() {
      running ??= startSandbox({
        seed: demoSeed,
        contacts,
        host: '127.0.0.1',
        port: 0,
        anchorTime: anchorTime(),
      }).catch((error: unknown) => {
        running = null;
        throw error;
      });
      return running;
    },
    async close() {
      const handle = running;
      running = null;
      if (handle) await (await handle).close();
    },
  };
}
