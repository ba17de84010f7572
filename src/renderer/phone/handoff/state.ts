/**
 * The phone side of the handoff as a pure state machine: `transition(state, event)` gives
 * the next state and the commands to run (connect, send, open the box, close). The
 * connection (client.ts) feeds it socket events and runs its commands; nothing here
 * touches a socket, a timer or the DOM, so every path is a unit test.
 */
import {
  closeCodes,
  type DesktopMessage,
  type HandoffMeta,
  type RefusalReason,
} from '../../../shared/handoff/protocol';

/** What the page received and decrypted: the meta it shows and the vCard bytes exactly as sent. */
export interface Received {
  readonly meta: HandoffMeta;
  readonly vcard: Uint8Array;
}

/** A final ending that a retry cannot fix (the page says why and what to do). */
export type Ending =
  | RefusalReason
  /** The desktop closed with 1009: a message was over its size cap. */
  | 'too-large'
  /** The box did not open: tampered with, or a QR from another handoff. */
  | 'decrypt'
  /** The box opened but what was inside (or a desktop message) was not what the protocol says. */
  | 'format';

export type HandoffState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'connecting'; readonly attempt: number }
  /** `hello` sent; waiting for `payload`. */
  | { readonly phase: 'waiting'; readonly attempt: number }
  /** `payload` announced; waiting for its binary frame. */
  | {
      readonly phase: 'receiving';
      readonly attempt: number;
      readonly encoding: 'deflate-raw' | 'identity';
      readonly size: number;
    }
  /** Decrypting and inflating (async). */
  | { readonly phase: 'opening'; readonly attempt: number }
  /** `ack` sent; waiting for `done`. */
  | { readonly phase: 'confirming'; readonly attempt: number; readonly received: Received }
  | { readonly phase: 'done'; readonly received: Received }
  | { readonly phase: 'ended'; readonly ending: Ending }
  /** The connection dropped before `done`: Retry reconnects with the same client id. */
  | { readonly phase: 'lost'; readonly attempt: number };

export type HandoffEvent =
  | { readonly type: 'start' }
  | { readonly type: 'retry' }
  | { readonly type: 'open' }
  /** A text frame, already parsed: null when it was not a desktop message. */
  | { readonly type: 'text'; readonly message: DesktopMessage | null }
  | { readonly type: 'binary'; readonly bytes: Uint8Array }
  | { readonly type: 'opened'; readonly received: Received }
  | { readonly type: 'open-failed'; readonly reason: 'decrypt' | 'format' }
  | { readonly type: 'closed'; readonly code: number };

export type HandoffCommand =
  | { readonly type: 'connect' }
  | { readonly type: 'send-hello' }
  | { readonly type: 'open-box'; readonly bytes: Uint8Array; readonly encoding: 'deflate-raw' | 'identity' }
  | { readonly type: 'send-ack' }
  | { readonly type: 'send-failed'; readonly reason: 'decrypt' | 'format' }
  | { readonly type: 'close' };

export interface Transition {
  readonly state: HandoffState;
  readonly commands: readonly HandoffCommand[];
}

export const initialHandoffState: HandoffState = { phase: 'idle' };

/** The close code's meaning (protocol.ts closeCodes), or null for codes the protocol does not define. */
export function endingForCloseCode(code: number): Ending | 'done' | null {
  if (code === 1009) return 'too-large';
  for (const [name, value] of Object.entries(closeCodes)) {
    if (value === code) return name as Ending | 'done';
  }
  return null;
}

const stay = (state: HandoffState): Transition => ({ state, commands: [] });

/** Something out of order from the desktop: the page cannot go on, and says so to the desktop. */
function formatFailure(): Transition {
  return {
    state: { phase: 'ended', ending: 'format' },
    commands: [{ type: 'send-failed', reason: 'format' }, { type: 'close' }],
  };
}

export function transition(state: HandoffState, event: HandoffEvent): Transition {
  switch (event.type) {
    case 'start':
      return state.phase === 'idle'
        ? { state: { phase: 'connecting', attempt: 1 }, commands: [{ type: 'connect' }] }
        : stay(state);
    case 'retry':
      return state.phase === 'lost'
        ? { state: { phase: 'connecting', attempt: state.attempt + 1 }, commands: [{ type: 'connect' }] }
        : stay(state);
    case 'open':
      return state.phase === 'connecting'
        ? { state: { phase: 'waiting', attempt: state.attempt }, commands: [{ type: 'send-hello' }] }
        : stay(state);
    case 'text':
      return onText(state, event.message);
    case 'binary':
      if (state.phase !== 'receiving') return isLive(state) ? formatFailure() : stay(state);
      if (event.bytes.length !== state.size) return formatFailure();
      return {
        state: { phase: 'opening', attempt: state.attempt },
        commands: [{ type: 'open-box', bytes: event.bytes, encoding: state.encoding }],
      };
    case 'opened':
      return state.phase === 'opening'
        ? {
            state: { phase: 'confirming', attempt: state.attempt, received: event.received },
            commands: [{ type: 'send-ack' }],
          }
        : stay(state);
    case 'open-failed':
      return state.phase === 'opening'
        ? {
            state: { phase: 'ended', ending: event.reason },
            commands: [{ type: 'send-failed', reason: event.reason }, { type: 'close' }],
          }
        : stay(state);
    case 'closed':
      return onClosed(state, event.code);
  }
}

type LiveState = Extract<HandoffState, { phase: 'connecting' | 'waiting' | 'receiving' | 'opening' | 'confirming' }>;

/** A socket is open (or opening) and the handoff has not ended. */
function isLive(state: HandoffState): state is LiveState {
  return (
    state.phase === 'connecting' ||
    state.phase === 'waiting' ||
    state.phase === 'receiving' ||
    state.phase === 'opening' ||
    state.phase === 'confirming'
  );
}

function onText(state: HandoffState, message: DesktopMessage | null): Transition {
  if (!isLive(state)) return stay(state);
  if (message === null) return formatFailure();
  switch (message.type) {
    case 'refused':
      // The desktop closes the socket right after; the page only records why.
      return { state: { phase: 'ended', ending: message.reason }, commands: [] };
    case 'payload':
      return state.phase === 'waiting'
        ? {
            state: { phase: 'receiving', attempt: state.attempt, encoding: message.encoding, size: message.size },
            commands: [],
          }
        : formatFailure();
    case 'done':
      return state.phase === 'confirming'
        ? { state: { phase: 'done', received: state.received }, commands: [{ type: 'close' }] }
        : formatFailure();
  }
}

function onClosed(state: HandoffState, code: number): Transition {
  if (!isLive(state)) return stay(state);
  const meaning = endingForCloseCode(code);
  if (meaning === 'done') {
    // A `done` close without the `done` message: done only if the ack went out.
    return state.phase === 'confirming'
      ? { state: { phase: 'done', received: state.received }, commands: [] }
      : { state: { phase: 'lost', attempt: state.attempt }, commands: [] };
  }
  if (meaning !== null) return { state: { phase: 'ended', ending: meaning }, commands: [] };
  return { state: { phase: 'lost', attempt: state.attempt }, commands: [] };
}
