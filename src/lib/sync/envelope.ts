// Envelopes: a new workspace key sealed for one device, so the relay can hand it out without
// being able to read it (sync-server/README.md, « Rotation and device removal »).
//
// Each device has an ECDH P-256 key pair made with WebCrypto; its private key is a
// non-extractable CryptoKey that never leaves the device (deviceKeys.ts), its public key is in
// its member record. Sealing for a device: a fresh ephemeral key pair, ECDH with the device's
// public key, HKDF-SHA-256 of the shared secret into an AES-256-GCM key, AES-GCM of the 32-byte
// workspace key. The workspace and member ids are authenticated data: an envelope copied to
// another member or workspace does not open.
//
//   envelope = base64( 0x01 | ephemeral public key (65) | IV (12) | ciphertext + tag (48) )
//            = 126 bytes, 168 base64 characters (the relay accepts up to 4096)
import { decodeBase64, encodeBase64 } from '$lib/domain/backupFormat';

const VERSION = 1;
const POINT_BYTES = 65;
const IV_BYTES = 12;
const KEY_BYTES = 32;
const TAG_BYTES = 16;
const ENVELOPE_BYTES = 1 + POINT_BYTES + IV_BYTES + KEY_BYTES + TAG_BYTES;
const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const;
const INFO = new TextEncoder().encode('relance envelope v1');

/** Why an envelope could not be opened: not one of ours, damaged, or not for this device. */
export class EnvelopeError extends Error {
  constructor(readonly reason: 'malformed' | 'refused') {
    super(`envelope_${reason}`);
  }
}

function subtle(): SubtleCrypto {
  return globalThis.crypto.subtle;
}

/** A device key pair: the private half cannot be exported, not even by this app. */
export function generateDeviceKeyPair(): Promise<CryptoKeyPair> {
  return subtle().generateKey(CURVE, false, ['deriveBits']) as Promise<CryptoKeyPair>;
}

/** A public key as published in a member record: the raw uncompressed point, base64. */
export async function exportPublicKey(key: CryptoKey): Promise<string> {
  return encodeBase64(new Uint8Array(await subtle().exportKey('raw', key)));
}

async function importPublicKey(raw: Uint8Array): Promise<CryptoKey> {
  return subtle().importKey('raw', raw as BufferSource, CURVE, true, []);
}

function aad(workspaceId: string, memberId: string): Uint8Array {
  return new TextEncoder().encode(`relance-envelope:${workspaceId}:${memberId}`);
}

async function wrappingKey(privateKey: CryptoKey, publicKey: CryptoKey, ephemeralPoint: Uint8Array, usage: KeyUsage): Promise<CryptoKey> {
  const shared = await subtle().deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256);
  const hkdfKey = await subtle().importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: ephemeralPoint as BufferSource, info: INFO },
    hkdfKey,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage]
  );
}

function hexToBytes(hex: string): Uint8Array {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('a workspace key is 64 hexadecimal characters');
  const bytes = new Uint8Array(KEY_BYTES);
  for (let i = 0; i < KEY_BYTES; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Seals the workspace key `keyHex` for the member whose public key is `recipient` (base64). */
export async function sealKey(keyHex: string, recipient: string, to: { workspaceId: string; memberId: string }): Promise<string> {
  const point = decodeBase64(recipient);
  if (!point || point.length !== POINT_BYTES) throw new EnvelopeError('malformed');
  const recipientKey = await importPublicKey(point);
  const ephemeral = (await subtle().generateKey(CURVE, true, ['deriveBits'])) as CryptoKeyPair;
  const ephemeralPoint = new Uint8Array(await subtle().exportKey('raw', ephemeral.publicKey));
  const key = await wrappingKey(ephemeral.privateKey, recipientKey, ephemeralPoint, 'encrypt');
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = new Uint8Array(
    await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: aad(to.workspaceId, to.memberId) as BufferSource }, key, hexToBytes(keyHex) as BufferSource)
  );
  const out = new Uint8Array(ENVELOPE_BYTES);
  out[0] = VERSION;
  out.set(ephemeralPoint, 1);
  out.set(iv, 1 + POINT_BYTES);
  out.set(sealed, 1 + POINT_BYTES + IV_BYTES);
  return encodeBase64(out);
}

/** Opens an envelope made for this device (`privateKey`) in this workspace; the key as hex. */
export async function openEnvelope(envelope: string, privateKey: CryptoKey, to: { workspaceId: string; memberId: string }): Promise<string> {
  // The relay may hand out base64url: accept both alphabets.
  const bytes = decodeBase64(envelope.replaceAll('-', '+').replaceAll('_', '/'));
  if (!bytes || bytes.length !== ENVELOPE_BYTES || bytes[0] !== VERSION) throw new EnvelopeError('malformed');
  const ephemeralPoint = bytes.slice(1, 1 + POINT_BYTES);
  const iv = bytes.slice(1 + POINT_BYTES, 1 + POINT_BYTES + IV_BYTES);
  const sealed = bytes.slice(1 + POINT_BYTES + IV_BYTES);
  let ephemeral: CryptoKey;
  try {
    ephemeral = await importPublicKey(ephemeralPoint);
  } catch {
    throw new EnvelopeError('malformed');
  }
  try {
    const key = await wrappingKey(privateKey, ephemeral, ephemeralPoint, 'decrypt');
    const plain = await subtle().decrypt({ name: 'AES-GCM', iv, additionalData: aad(to.workspaceId, to.memberId) as BufferSource }, key, sealed);
    return bytesToHex(new Uint8Array(plain));
  } catch {
    // A wrong device, another member's envelope, or a changed byte: AES-GCM refuses them all.
    throw new EnvelopeError('refused');
  }
}
