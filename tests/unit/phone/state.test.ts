import { describe, expect, it } from 'vitest';
import {
  endingForCloseCode,
  type HandoffEvent,
  type HandoffState,
  initialHandoffState,
  type Received,
  transition,
} from '../../../src/renderer/phone/handoff/state';
import { closeCodes, type RefusalReason } from '../../../src/shared/handoff/protocol';

const received: Received = {
  meta: { v: 2, count: 2, names: ['Анна', 'Bob'], fileName: 'contacts.vcf', accounts: ['acme'] },
  vcard: new TextEncoder().encode('BEGIN:VCARD\r\nEND:VCARD\r\n'),
};
const box = new Uint8Array(40);

/** Runs events from the start, returning the final state and every command issued on the way. */
function run(...events: HandoffEvent[]): { state: HandoffState; commands: string[] } {
  let state = initialHandoffState;
  const commands: string[] = [];
  for (const event of events) {
    const next = transition(state, event);
    state = next.state;
    commands.push(
      ...next.commands.map((command) =>
        command.type === 'send-failed' ? `send-failed:${command.reason}` : command.type,
      ),
    );
  }
  return { state, commands };
}

const toWaiting: HandoffEvent[] = [{ type: 'start' }, { type: 'open' }];
const payload: HandoffEvent = { type: 'text', message: { type: 'payload', encoding: 'identity', size: box.length } };
const toOpening: HandoffEvent[] = [...toWaiting, payload, { type: 'binary', bytes: box }];
const toConfirming: HandoffEvent[] = [...toOpening, { type: 'opened', received }];
const doneMessage: HandoffEvent = { type: 'text', message: { type: 'done' } };

const refusals: RefusalReason[] = [
  'unknown-token',
  'busy',
  'expired',
  'cancelled',
  'rate-limited',
  'bad-message',
  'bad-proof',
];

describe('the handoff state machine', () => {
  it('the happy path: connect, hello, payload, box, ack, done (then closes)', () => {
    expect(run({ type: 'start' })).toEqual({ state: { phase: 'connecting', attempt: 1 }, commands: ['connect'] });
    expect(run(...toWaiting).commands).toEqual(['connect', 'send-hello']);
    expect(run(...toWaiting, payload).state).toEqual({
      phase: 'receiving',
      attempt: 1,
      encoding: 'identity',
      size: box.length,
    });
    expect(run(...toOpening)).toEqual({
      state: { phase: 'opening', attempt: 1 },
      commands: ['connect', 'send-hello', 'open-box'],
    });
    expect(run(...toConfirming).state).toEqual({ phase: 'confirming', attempt: 1, received });
    expect(run(...toConfirming, doneMessage)).toEqual({
      state: { phase: 'done', received },
      commands: ['connect', 'send-hello', 'open-box', 'send-ack', 'close'],
    });
    // The close that follows `done` (4000) changes nothing.
    expect(run(...toConfirming, doneMessage, { type: 'closed', code: closeCodes.done }).state.phase).toBe('done');
  });

  it('open-box carries the frame and the announced encoding', () => {
    const deflated: HandoffEvent = { type: 'text', message: { type: 'payload', encoding: 'deflate-raw', size: 40 } };
    const next = transition(run(...toWaiting, deflated).state, { type: 'binary', bytes: box });
    expect(next.commands).toEqual([{ type: 'open-box', bytes: box, encoding: 'deflate-raw' }]);
  });

  it('a done close (4000) after the ack counts as done even if the done message was lost', () => {
    expect(run(...toConfirming, { type: 'closed', code: 4000 }).state).toEqual({ phase: 'done', received });
    // ...but before the ack it is a lost connection, not a delivery.
    expect(run(...toWaiting, { type: 'closed', code: 4000 }).state).toEqual({ phase: 'lost', attempt: 1 });
  });

  for (const reason of refusals) {
    it(`refused "${reason}": a message then its close code, or the close code alone, in any live phase`, () => {
      const message: HandoffEvent = { type: 'text', message: { type: 'refused', reason } };
      const close: HandoffEvent = { type: 'closed', code: closeCodes[reason] };
      for (const before of [[{ type: 'start' }] as HandoffEvent[], toWaiting, toOpening, toConfirming]) {
        expect(run(...before, message, close).state).toEqual({ phase: 'ended', ending: reason });
        expect(run(...before, close).state).toEqual({ phase: 'ended', ending: reason });
      }
      // A refusal sends nothing back: the desktop closes.
      expect(run(...toWaiting, message).commands).toEqual(['connect', 'send-hello']);
    });
  }

  it('1009 (a message too large) is its own ending', () => {
    expect(run(...toWaiting, { type: 'closed', code: 1009 }).state).toEqual({ phase: 'ended', ending: 'too-large' });
  });

  it('a box that does not open: ended "decrypt", tells the desktop, closes', () => {
    expect(run(...toOpening, { type: 'open-failed', reason: 'decrypt' })).toEqual({
      state: { phase: 'ended', ending: 'decrypt' },
      commands: ['connect', 'send-hello', 'open-box', 'send-failed:decrypt', 'close'],
    });
    expect(run(...toOpening, { type: 'open-failed', reason: 'format' }).state).toEqual({
      phase: 'ended',
      ending: 'format',
    });
  });

  it('out-of-order or unreadable desktop messages: ended "format", tells the desktop', () => {
    const cases: HandoffEvent[][] = [
      [...toWaiting, { type: 'text', message: null }],
      [...toWaiting, { type: 'binary', bytes: box }], // binary before payload
      [...toWaiting, payload, { type: 'binary', bytes: new Uint8Array(3) }], // size mismatch
      [...toWaiting, payload, payload], // payload twice
      [...toWaiting, doneMessage], // done before the ack
    ];
    for (const events of cases) {
      const result = run(...events);
      expect(result.state).toEqual({ phase: 'ended', ending: 'format' });
      expect(result.commands.slice(-2)).toEqual(['send-failed:format', 'close']);
    }
  });

  it('an abnormal close before done is "lost"; Retry reconnects (attempt 2), and a late decrypt result is ignored', () => {
    for (const code of [1006, 1001, 1005, 1011, 1000]) {
      expect(run(...toWaiting, { type: 'closed', code }).state).toEqual({ phase: 'lost', attempt: 1 });
    }
    expect(run({ type: 'start' }, { type: 'closed', code: 1006 }).state).toEqual({ phase: 'lost', attempt: 1 });
    const lost = run(...toOpening, { type: 'closed', code: 1006 });
    expect(lost.state).toEqual({ phase: 'lost', attempt: 1 });
    expect(transition(lost.state, { type: 'opened', received }).state).toBe(lost.state);
    expect(transition(lost.state, { type: 'retry' })).toEqual({
      state: { phase: 'connecting', attempt: 2 },
      commands: [{ type: 'connect' }],
    });
    const again = run(...toWaiting, { type: 'closed', code: 1006 }, { type: 'retry' }, { type: 'open' }, payload);
    expect(again.state).toMatchObject({ phase: 'receiving', attempt: 2 });
    expect(again.commands).toEqual(['connect', 'send-hello', 'connect', 'send-hello']);
  });

  it('final states stay final: nothing after done or an ending changes them', () => {
    const finals = [run(...toConfirming, doneMessage).state, run(...toWaiting, { type: 'closed', code: 4410 }).state];
    const later: HandoffEvent[] = [
      { type: 'start' },
      { type: 'retry' },
      { type: 'open' },
      { type: 'text', message: { type: 'refused', reason: 'busy' } },
      { type: 'text', message: null },
      { type: 'binary', bytes: box },
      { type: 'closed', code: 1006 },
      { type: 'opened', received },
    ];
    for (const state of finals) {
      for (const event of later) expect(transition(state, event)).toEqual({ state, commands: [] });
    }
  });

  it('retry does nothing unless the connection was lost; start only once', () => {
    const waiting = run(...toWaiting).state;
    expect(transition(waiting, { type: 'retry' }).state).toBe(waiting);
    expect(transition(waiting, { type: 'start' }).state).toBe(waiting);
  });

  it('reads every close code of the protocol, and nothing else', () => {
    for (const [name, code] of Object.entries(closeCodes)) expect(endingForCloseCode(code)).toBe(name);
    expect(endingForCloseCode(1009)).toBe('too-large');
    for (const code of [1000, 1001, 1006, 4001, 4999]) expect(endingForCloseCode(code)).toBeNull();
  });
});
