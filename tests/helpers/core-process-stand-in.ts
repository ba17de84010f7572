/**
 * A stand-in for Electron's utilityProcess.fork (its binary cannot run here), at the level
 * of the protocol: a real separate Node process running the core's real entry
 * (src/main/core-process/entry.ts, through tsx), with messages structured-cloned over the
 * IPC channel ('advanced' serialization) as Electron's postMessage clones them.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CoreChild } from '../../src/main/core-process/core-client';
import type { MainToCore } from '../../src/main/core-process/protocol';

export const coreEntry = fileURLToPath(new URL('../../src/main/core-process/entry.ts', import.meta.url));

export interface CoreChildStandIn extends CoreChild {
  readonly process: ChildProcess;
}

export function forkCoreStandIn(env: NodeJS.ProcessEnv = process.env): CoreChildStandIn {
  const child = fork(coreEntry, [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const standIn: CoreChildStandIn = {
    process: child,
    postMessage(message: MainToCore) {
      if (child.connected) child.send(message);
    },
    on(event: 'message' | 'exit', listener: (value: never) => void) {
      if (event === 'message') child.on('message', listener as (message: unknown) => void);
      else child.on('exit', (code, signal) => (listener as (code: number) => void)(code ?? (signal ? 1 : 0)));
      return standIn;
    },
    kill: () => child.kill(),
  };
  return standIn;
}
