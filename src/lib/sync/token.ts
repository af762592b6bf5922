// The relay access token: what the relay is shown and keeps a hash of, derived from the
// workspace key so the relay never holds the key itself (the key stays on the devices, for the
// envelopes today and end-to-end encryption next).
//
//   token = hex( HKDF-SHA-256( ikm = the 32 key bytes, salt = 'relance relay token v1',
//                              info = the workspace id, 32 bytes ) )
//
// 64 hexadecimal characters, like a key: the relay's contract (a 64-hex token, SHA-256 stored)
// is unchanged. Workspaces linked before this (token == key) are found by `findToken` and
// migrated by relaySync.svelte.ts (a key change to a fresh key, whose token is derived).
import { digest as sha256 } from 'lib0/hash/sha256';
import { checkKey, type KeyCheck } from './relayApi';

const SALT = new TextEncoder().encode('relance relay token v1');
const KEY_BYTES = 32;

function hexToBytes(hex: string): Uint8Array {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('a workspace key is 64 hexadecimal characters');
  const bytes = new Uint8Array(KEY_BYTES);
  for (let i = 0; i < KEY_BYTES; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The relay access token of workspace `workspaceId` whose key is `key` (64 hex). */
export async function relayToken(key: string, workspaceId: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  // No WebCrypto (a page on plain http from another machine): the same derivation in script.
  if (!subtle) return relayTokenWithoutWebCrypto(key, workspaceId);
  const base = await subtle.importKey('raw', hexToBytes(key) as BufferSource, 'HKDF', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: SALT, info: new TextEncoder().encode(workspaceId) }, base, KEY_BYTES * 8);
  return toHex(new Uint8Array(bits));
}

/** HMAC-SHA-256 (RFC 2104) on lib0's SHA-256. */
function hmac(key: Uint8Array, message: Uint8Array): Uint8Array {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sha256(key) : key);
  const inner = new Uint8Array(64 + message.length);
  const outer = new Uint8Array(64 + 32);
  for (let i = 0; i < 64; i++) {
    inner[i] = block[i] ^ 0x36;
    outer[i] = block[i] ^ 0x5c;
  }
  inner.set(message, 64);
  outer.set(sha256(inner), 64);
  return sha256(outer);
}

/** `relayToken` without WebCrypto: HKDF (RFC 5869) extract, then one expand block (32 bytes). */
export function relayTokenWithoutWebCrypto(key: string, workspaceId: string): string {
  const prk = hmac(SALT, hexToBytes(key));
  const info = new TextEncoder().encode(workspaceId);
  const block = new Uint8Array(info.length + 1);
  block.set(info);
  block[info.length] = 1;
  return toHex(hmac(prk, block));
}

/** The token the relay takes for a key: derived, or the key itself for a workspace not migrated yet. */
export type TokenFound =
  | { check: 'ok' | 'unregistered'; token: string; legacy: boolean }
  | { check: Exclude<KeyCheck, 'ok' | 'unregistered'> };

/**
 * Asks the relay which token of `key` it accepts: the derived one first, the key itself second
 * (a workspace linked before tokens were derived). An unknown workspace gets the derived token.
 * `rawFallback: false` for a key whose derived token this device has seen accepted: the key
 * itself is then never shown to the relay, even when it refuses the token (a stale key).
 */
export async function findToken(
  relayUrl: string,
  workspaceId: string,
  key: string,
  fetchFn: typeof fetch = fetch,
  { rawFallback = true }: { rawFallback?: boolean } = {}
): Promise<TokenFound> {
  const token = await relayToken(key, workspaceId);
  const derived = await checkKey(relayUrl, workspaceId, token, fetchFn);
  if (derived === 'ok' || derived === 'unregistered') return { check: derived, token, legacy: false };
  if (derived !== 'refused' || !rawFallback) return { check: derived };
  const raw = await checkKey(relayUrl, workspaceId, key.toLowerCase(), fetchFn);
  if (raw === 'ok') return { check: 'ok', token: key.toLowerCase(), legacy: true };
  return { check: raw === 'unreachable' ? 'unreachable' : 'refused' };
}
