/** Small helpers for benchmarks: a sandbox-backed core, timing, and a ratio line. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SandboxHandle, startSandbox } from '../../src/main/sandbox/server';
import { createMemorySecretStore } from '../../src/main/secrets/file-secret-store';
import { type CoreService, createCoreService } from '../../src/main/service';
import { startCliServer } from '../helpers/cli';

export function argNumber(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export interface BenchWorld {
  readonly sandbox: SandboxHandle;
  readonly service: CoreService;
  readonly dataDir: string;
  close(): Promise<void>;
}

/** A core connected to a fresh sandbox account of `contacts` contacts. */
export async function benchWorld(
  contacts: number,
  options: { rateLimit: number; requestsPerSecond: number },
): Promise<BenchWorld> {
  const sandbox = await startSandbox({ contacts, seed: 'bench', rateLimit: options.rateLimit });
  const dataDir = mkdtempSync(join(tmpdir(), 'amo-phonebook-bench-'));
  const service = createCoreService({
    dataDir,
    face: 'cli',
    secrets: createMemorySecretStore(),
    requestsPerSecond: options.requestsPerSecond,
  });
  await service.api.addAccountWithToken({ baseUrl: sandbox.baseUrl, token: sandbox.tokens['admin'] as string });
  return {
    sandbox,
    service,
    dataDir,
    async close() {
      await service.close();
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function medianMs(runs: number, task: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

export function report(figure: string, valueMs: number, baseline: string, baselineMs: number): void {
  console.log(
    `${figure}: ${valueMs.toFixed(1)} ms | baseline (${baseline}): ${baselineMs.toFixed(1)} ms | ratio ${(valueMs / baselineMs).toFixed(2)}x`,
  );
}

export interface SandboxProcess {
  readonly baseUrl: string;
  readonly tokens: Record<string, string>;
  readonly controlToken: string;
  /** Requests the sandbox received and refused (429) so far. */
  stats(): Promise<{ received: number; rejected: number }>;
  stop(): Promise<void>;
}

/** This process's peak resident memory from now until `stop()`, sampled every 20 ms (bytes). */
export function sampleRss(): { stop(): { before: number; peak: number } } {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  return {
    stop() {
      clearInterval(sampler);
      return { before, peak };
    },
  };
}

/** The CLI's sandbox in its own process (its serving is not counted in this one's figures). */
export async function startSandboxProcess(contacts: number, rateLimit: number): Promise<SandboxProcess> {
  const server = startCliServer([
    'sandbox',
    '--port',
    '0',
    '--contacts',
    String(contacts),
    '--seed',
    'bench',
    '--rate-limit',
    String(rateLimit),
  ]);
  const ready = JSON.parse(await server.firstLine) as Omit<SandboxProcess, 'stats' | 'stop'>;
  const stats = async () =>
    (await (
      await fetch(`${ready.baseUrl}/__sandbox/stats`, { headers: { 'x-sandbox-control': ready.controlToken } })
    ).json()) as { received: number; rejected: number };
  return { ...ready, stats, stop: server.stop };
}
