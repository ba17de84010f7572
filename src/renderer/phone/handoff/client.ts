/**
 * The handoff connection: one WebSocket at a time, its events fed to the pure state
 * machine (state.ts), the machine's commands run here. React reads it through
 * useSyncExternalStore (use-handoff.ts).
 */
import {
  ackPlaintext,
  helloNonceBytes,
  helloProof,
  randomBytes,
  seal,
  toBase64Url,
} from '../../../shared/handoff/crypto';
import {
  type AckMessage,
  type FailedMessage,
  type HelloMessage,
  handoffProtocolVersion,
  type PayloadEncoding,
  parseDesktopMessage,
} from '../../../shared/handoff/protocol';
import { openPayload } from './payload';
import { type HandoffCommand, type HandoffEvent, type HandoffState, initialHandoffState, transition } from './state';

export interface HandoffSession {
  readonly token: string;
  readonly key: Uint8Array;
  readonly clientId: string;
  readonly socketUrl: string;
  readonly accepts: readonly PayloadEncoding[];
}

export class HandoffClient {
  #state: HandoffState = initialHandoffState;
  #socket: WebSocket | null = null;
  readonly #listeners = new Set<() => void>();

  constructor(readonly session: HandoffSession) {}

  getState = (): HandoffState => this.#state;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  start(): void {
    if (this.#state.phase === 'idle') this.#dispatch({ type: 'start' });
    // Started again after stop() before the socket opened (React's StrictMode remount): connect anew.
    else if (this.#state.phase === 'connecting' && this.#socket === null) this.#connect();
  }

  retry = (): void => {
    this.#dispatch({ type: 'retry' });
  };

  /** Leaves quietly (the page is going away). */
  stop(): void {
    const socket = this.#socket;
    this.#socket = null;
    socket?.close(1000);
  }

  #dispatch(event: HandoffEvent): void {
    const next = transition(this.#state, event);
    if (next.state !== this.#state) {
      this.#state = next.state;
      for (const listener of this.#listeners) listener();
    }
    for (const command of next.commands) this.#run(command);
  }

  #run(command: HandoffCommand): void {
    switch (command.type) {
      case 'connect':
        this.#connect();
        return;
      case 'send-hello': {
        // A new nonce for every hello, reconnects too: an observer who saw one cannot send it again.
        const { key, token, clientId } = this.session;
        const nonce = randomBytes(helloNonceBytes);
        const hello: HelloMessage = {
          type: 'hello',
          v: handoffProtocolVersion,
          client: clientId,
          nonce: toBase64Url(nonce),
          proof: toBase64Url(helloProof(key, token, clientId, nonce)),
          accepts: this.session.accepts,
        };
        this.#send(hello);
        return;
      }
      case 'open-box':
        void openPayload(this.session.key, this.session.token, command.encoding, command.bytes).then((result) =>
          this.#dispatch(
            result.ok ? { type: 'opened', received: result.received } : { type: 'open-failed', reason: result.reason },
          ),
        );
        return;
      case 'send-ack': {
        const ack: AckMessage = {
          type: 'ack',
          proof: toBase64Url(seal(this.session.key, this.session.token, 'ack', ackPlaintext)),
        };
        this.#send(ack);
        return;
      }
      case 'send-failed': {
        const failed: FailedMessage = { type: 'failed', reason: command.reason };
        this.#send(failed);
        return;
      }
      case 'close':
        this.#socket?.close(1000);
        return;
    }
  }

  #send(message: HelloMessage | AckMessage | FailedMessage): void {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(message));
  }

  #connect(): void {
    this.#socket?.close(1000);
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.session.socketUrl);
    } catch {
      this.#dispatch({ type: 'closed', code: 1006 });
      return;
    }
    socket.binaryType = 'arraybuffer';
    this.#socket = socket;
    // Events from a socket this client has since replaced (or stopped) are ignored.
    const current = () => this.#socket === socket;
    socket.onopen = () => {
      if (current()) this.#dispatch({ type: 'open' });
    };
    socket.onmessage = (message: MessageEvent) => {
      if (!current()) return;
      if (typeof message.data === 'string') {
        this.#dispatch({ type: 'text', message: parseDesktopMessage(message.data) });
      } else if (message.data instanceof ArrayBuffer) {
        this.#dispatch({ type: 'binary', bytes: new Uint8Array(message.data) });
      }
    };
    socket.onclose = (close: CloseEvent) => {
      if (!current()) return;
      this.#socket = null;
      this.#dispatch({ type: 'closed', code: close.code });
    };
  }
}
