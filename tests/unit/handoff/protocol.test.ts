import { describe, expect, it } from 'vitest';
import { parseDesktopMessage, parsePhoneMessage } from '../../../src/shared/handoff/protocol';

describe('handoff protocol parsing', () => {
  it('reads the messages each side sends', () => {
    const nonce = 'AAAAAAAAAAAAAAAAAAAAAA';
    const proof = 'B'.repeat(43);
    expect(
      parsePhoneMessage(
        `{"type":"hello","v":2,"client":"abcdEFGH1234","nonce":"${nonce}","proof":"${proof}","accepts":["deflate-raw"]}`,
      ),
    ).toEqual({ type: 'hello', v: 2, client: 'abcdEFGH1234', nonce, proof, accepts: ['deflate-raw'] });
    expect(parsePhoneMessage('{"type":"ack","proof":"xyz"}')).toEqual({ type: 'ack', proof: 'xyz' });
    expect(parseDesktopMessage('{"type":"payload","encoding":"identity","size":10}')).toEqual({
      type: 'payload',
      encoding: 'identity',
      size: 10,
    });
    expect(parseDesktopMessage('{"type":"refused","reason":"busy"}')).toEqual({ type: 'refused', reason: 'busy' });
  });

  it('returns null, never throws, for anything else (tried: junk, wrong version, hostile ids, prototype keys)', () => {
    for (const text of [
      'not json',
      'null',
      '42',
      // Version 1's hello, with no proof of the key: what an old page (or an observer) sends.
      '{"type":"hello","v":1,"client":"abcdEFGH1234","accepts":[]}',
      '{"type":"hello","v":2,"client":"abcdEFGH1234","accepts":[]}',
      '{"type":"hello","v":2,"client":"abcdEFGH1234","nonce":"AAAAAAAAAAAAAAAAAAAAAA","accepts":[]}',
      `{"type":"hello","v":2,"client":"abcdEFGH1234","nonce":"AAAAAAAAAAAAAAAAAAAAAA","proof":"${'B'.repeat(65)}","accepts":[]}`,
      '{"type":"hello","v":2,"client":"abcdEFGH1234","nonce":"a/b+c=AAAAAAAAAAAAAAAA","proof":"BBBBBBBBBBBBBBBBBBBB","accepts":[]}',
      '{"type":"hello","v":2,"client":"../../etc","nonce":"AAAAAAAAAAAAAAAAAAAAAA","proof":"BBBBBBBBBBBBBBBBBBBB","accepts":[]}',
      '{"type":"hello","v":2,"client":"abcdEFGH1234","nonce":"AAAAAAAAAAAAAAAAAAAAAA","proof":"BBBBBBBBBBBBBBBBBBBB","accepts":["gzip"]}',
      `{"type":"ack","proof":"${'x'.repeat(600)}"}`,
      '{"type":"failed","reason":"boom"}',
      '{"type":"__proto__"}',
    ]) {
      expect(parsePhoneMessage(text)).toBeNull();
    }
    for (const text of [
      '{"type":"refused","reason":"toString"}',
      '{"type":"refused","reason":"done"}',
      '{"type":"payload","encoding":"identity","size":-1}',
      '{"type":"payload","encoding":"br","size":1}',
      '[]',
    ]) {
      expect(parseDesktopMessage(text)).toBeNull();
    }
  });
});
