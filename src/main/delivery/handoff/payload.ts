/**
 * The handoff's payload: the vCard file and what the phone shows before the import, packed
 * (protocol.ts), compressed when the page can inflate (vCards shrink about 6x, so the
 * encrypted payload is far smaller than the plain file), and sealed for one handoff.
 */
import { deflateRawSync } from 'node:zlib';
import { packPlaintext, seal } from '../../../shared/handoff/crypto';
import {
  type HandoffMeta,
  handoffProtocolVersion,
  metaNameLimit,
  type PayloadEncoding,
} from '../../../shared/handoff/protocol';

export interface HandoffContent {
  readonly vcard: Uint8Array;
  readonly count: number;
  readonly names: readonly string[];
  readonly fileName: string;
  readonly accounts: readonly string[];
}

export interface PreparedPayload {
  readonly identity: Uint8Array;
  /** Made on first use: a page without DecompressionStream never needs it. */
  deflated(): Uint8Array;
}

export function preparePayload(content: HandoffContent): PreparedPayload {
  const meta: HandoffMeta = {
    v: handoffProtocolVersion,
    count: content.count,
    names: content.names.slice(0, metaNameLimit),
    fileName: content.fileName,
    accounts: content.accounts,
  };
  const identity = packPlaintext(JSON.stringify(meta), content.vcard);
  let deflated: Uint8Array | undefined;
  return {
    identity,
    deflated: () => {
      deflated ??= deflateRawSync(identity, { level: 6 });
      return deflated;
    },
  };
}

/** The binary frame for one send: a fresh nonce each time, so a resend after a reconnect is a new box. */
export function sealPayload(
  prepared: PreparedPayload,
  encoding: PayloadEncoding,
  key: Uint8Array,
  token: string,
): Uint8Array {
  return seal(key, token, 'payload', encoding === 'deflate-raw' ? prepared.deflated() : prepared.identity);
}
