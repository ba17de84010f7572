/**
 * The utility process's entry (out/main/core.js): the core, off the windows' thread.
 * Electron gives a utility process `process.parentPort`; the tests' stand-in for
 * utilityProcess forks this same file as a Node child with an IPC channel instead
 * (Electron's binary cannot run here), which is the one difference this file bridges.
 */
import { hostCore } from './core-host';
import type { CoreToMain, MainToCore, MessageEnd } from './protocol';

/** Electron's ParentPort: messages arrive as events whose `data` is the message. */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function portToMain(): MessageEnd<MainToCore, CoreToMain> {
  const parentPort = (process as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      postMessage: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as MainToCore)),
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('The core process was started without a channel to the app (run the app, not this file)');
  return {
    postMessage: (message) => void send(message),
    onMessage: (listener) => process.on('message', (message) => listener(message as MainToCore)),
  };
}

hostCore(portToMain(), { exit: () => process.exit(0) });
