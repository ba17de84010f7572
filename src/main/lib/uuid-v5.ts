/** Name-based UUIDs (RFC 4122 version 5): the same name always gives the same UUID. */
import { createHash } from 'node:crypto';

/** Our own namespace, so our UIDs never collide with another program's v5 UUIDs. */
const namespace = Buffer.from('5f0c3a52a1c84d6e9c4b8d2a7e61f0b3', 'hex');

export function uuidV5(name: string): string {
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
