// Envelopes with Node's WebCrypto (the same API as the browser's).
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '$lib/domain/backupFormat';
import { EnvelopeError, exportPublicKey, generateDeviceKeyPair, openEnvelope, sealKey } from './envelope';

const KEY = '0123456789abcdef'.repeat(4);
const TO = { workspaceId: 'ws-1', memberId: 'm-b' };

async function device() {
  const pair = await generateDeviceKeyPair();
  return { pair, publicKey: await exportPublicKey(pair.publicKey) };
}

/** The envelope with one byte changed at `at`. */
function flip(envelope: string, at: number): string {
  const bytes = decodeBase64(envelope)!;
  bytes[at] ^= 0x01;
  return encodeBase64(bytes);
}

describe('envelopes', () => {
  it('keeps the private key inside WebCrypto and publishes a 65-byte P-256 point', async () => {
    const { pair, publicKey } = await device();
    expect(pair.privateKey.extractable).toBe(false);
    await expect(globalThis.crypto.subtle.exportKey('pkcs8', pair.privateKey)).rejects.toThrow();
    expect(decodeBase64(publicKey)!.length).toBe(65);
    expect(decodeBase64(publicKey)![0]).toBe(0x04);
  });

  it('round-trips a workspace key for its device, and is small (168 base64 characters)', async () => {
    const b = await device();
    const envelope = await sealKey(KEY, b.publicKey, TO);
    expect(envelope).toHaveLength(168);
    expect(await openEnvelope(envelope, b.pair.privateKey, TO)).toBe(KEY);
    // Upper-case keys are the same key (the relay compares lower case): sealed as bytes.
    expect(await openEnvelope(await sealKey(KEY.toUpperCase(), b.publicKey, TO), b.pair.privateKey, TO)).toBe(KEY);
  });

  it('never seals twice the same way (fresh ephemeral key and IV)', async () => {
    const b = await device();
    expect(await sealKey(KEY, b.publicKey, TO)).not.toBe(await sealKey(KEY, b.publicKey, TO));
  });

  it('does not open for another device', async () => {
    const [b, c] = [await device(), await device()];
    const envelope = await sealKey(KEY, b.publicKey, TO);
    await expect(openEnvelope(envelope, c.pair.privateKey, TO)).rejects.toEqual(new EnvelopeError('refused'));
  });

  it('does not open under another member or workspace id (an envelope moved elsewhere)', async () => {
    const b = await device();
    const envelope = await sealKey(KEY, b.publicKey, TO);
    await expect(openEnvelope(envelope, b.pair.privateKey, { ...TO, memberId: 'm-c' })).rejects.toThrow('envelope_refused');
    await expect(openEnvelope(envelope, b.pair.privateKey, { ...TO, workspaceId: 'ws-2' })).rejects.toThrow('envelope_refused');
  });

  it('refuses any changed byte: ephemeral key, IV, ciphertext, tag', async () => {
    const b = await device();
    const envelope = await sealKey(KEY, b.publicKey, TO);
    for (const at of [10, 1 + 65 + 3, 1 + 65 + 12 + 5, 125]) {
      await expect(openEnvelope(flip(envelope, at), b.pair.privateKey, TO), `byte ${at}`).rejects.toBeInstanceOf(EnvelopeError);
    }
  });

  it('refuses what is not an envelope: truncated, wrong version, not base64', async () => {
    const b = await device();
    const envelope = await sealKey(KEY, b.publicKey, TO);
    const bytes = decodeBase64(envelope)!;
    await expect(openEnvelope(encodeBase64(bytes.slice(0, 100)), b.pair.privateKey, TO)).rejects.toEqual(new EnvelopeError('malformed'));
    await expect(openEnvelope(flip(envelope, 0), b.pair.privateKey, TO)).rejects.toEqual(new EnvelopeError('malformed'));
    await expect(openEnvelope('not an envelope!', b.pair.privateKey, TO)).rejects.toEqual(new EnvelopeError('malformed'));
  });

  it('refuses to seal for a malformed public key or a key that is not 64 hex characters', async () => {
    const b = await device();
    await expect(sealKey(KEY, 'AAAA', TO)).rejects.toEqual(new EnvelopeError('malformed'));
    await expect(sealKey('abc', b.publicKey, TO)).rejects.toThrow('64 hexadecimal');
  });
});
