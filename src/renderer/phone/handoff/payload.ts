/**
 * Opening what the desktop sent: decrypt the box (shared crypto), inflate it when it came
 * deflate-raw compressed, split meta from the vCard, and read the meta defensively. The
 * vCard bytes are kept exactly as they were packed: the file the user saves is the file
 * the desktop wrote.
 */
import { open, unpackPlaintext } from '../../../shared/handoff/crypto';
import {
  type HandoffMeta,
  handoffProtocolVersion,
  metaNameLimit,
  type PayloadEncoding,
} from '../../../shared/handoff/protocol';
import { displayText, safeFileName } from '../display-text';
import type { Received } from './state';

export type OpenResult =
  | { readonly ok: true; readonly received: Received }
  | { readonly ok: false; readonly reason: 'decrypt' | 'format' };

/** deflate-raw only where this browser can undo it (DecompressionStream, and its 'deflate-raw' format). */
export function acceptedEncodings(): PayloadEncoding[] {
  try {
    if (typeof DecompressionStream === 'function') {
      new DecompressionStream('deflate-raw');
      return ['deflate-raw'];
    }
  } catch {
    // Older engines know 'deflate' and 'gzip' but throw on 'deflate-raw'.
  }
  return ['identity'];
}

async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes.slice()]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function openPayload(
  key: Uint8Array,
  token: string,
  encoding: PayloadEncoding,
  box: Uint8Array,
): Promise<OpenResult> {
  const opened = open(key, token, 'payload', box);
  if (opened === null) return { ok: false, reason: 'decrypt' };
  let plaintext = opened;
  if (encoding === 'deflate-raw') {
    try {
      plaintext = await inflateRaw(opened);
    } catch {
      return { ok: false, reason: 'format' };
    }
  }
  const parts = unpackPlaintext(plaintext);
  if (parts === null) return { ok: false, reason: 'format' };
  const meta = parseMeta(parts.metaJson);
  if (meta === null) return { ok: false, reason: 'format' };
  return { ok: true, received: { meta, vcard: parts.vcard } };
}

/** The meta, or null when it is not one; strings are trimmed to something a page can show safely. */
export function parseMeta(json: string): HandoffMeta | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const meta = value as Record<string, unknown>;
  const count = meta['count'];
  const names = meta['names'];
  const accounts = meta['accounts'];
  if (meta['v'] !== handoffProtocolVersion) return null;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) return null;
  if (!Array.isArray(names) || !Array.isArray(accounts)) return null;
  return {
    v: handoffProtocolVersion,
    count,
    names: names
      .slice(0, metaNameLimit)
      .filter((name): name is string => typeof name === 'string')
      .map(displayText),
    accounts: accounts
      .filter((account): account is string => typeof account === 'string')
      .map(displayText)
      .filter((account) => account !== ''),
    fileName: safeFileName(meta['fileName']),
  };
}
