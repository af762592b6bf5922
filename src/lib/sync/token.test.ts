import { describe, expect, it, vi } from 'vitest';
import { findToken, relayToken, relayTokenWithoutWebCrypto } from './token';

const KEY = '0123456789abcdef'.repeat(4);
const DERIVED = await relayToken(KEY, 'ws-1');
// Node: crypto.hkdfSync('sha256', key bytes, 'relance relay token v1', 'x' × 64, 32).
const LONG_ID_TOKEN = '3aeeadce00b5497ae2d8826f87621ca0ef4a16f3685e9d37f0e529d9d9677ae9';

/** A relay's GET /auth that accepts exactly `accepted` (null: it does not know the workspace). */
function relayAccepting(accepted: string | null, calls: string[] = []): typeof fetch {
  return (async (_url: string, init?: RequestInit) => {
    const token = String((init?.headers as Record<string, string>).authorization).replace('Bearer ', '');
    calls.push(token);
    if (accepted === null) return new Response(JSON.stringify({ registered: false }), { status: 200 });
    return token === accepted ? new Response(JSON.stringify({ registered: true }), { status: 200 }) : new Response('{}', { status: 401 });
  }) as typeof fetch;
}

describe('relayToken', () => {
  it('is HKDF-SHA-256(key, salt « relance relay token v1 », info = workspace id), hex (vectors from Node crypto.hkdfSync)', async () => {
    expect(DERIVED).toBe('24758f9b48b2393924b7f173b735b331319da19334d33363bee803b459d20236');
    expect(await relayToken(KEY, 'ws-2')).toBe('43b4c2ef054dcf2fc746f017e23635de25a7e4314f90e0c163fe5c68bfcf5da0');
    // Case does not change the key; the token is never the key.
    expect(await relayToken(KEY.toUpperCase(), 'ws-1')).toBe(DERIVED);
    expect(DERIVED).not.toBe(KEY);
  });

  it('is the same without WebCrypto (a device on plain http): HKDF in script gives the same vector', () => {
    expect(relayTokenWithoutWebCrypto(KEY, 'ws-1')).toBe('24758f9b48b2393924b7f173b735b331319da19334d33363bee803b459d20236');
    expect(relayTokenWithoutWebCrypto(KEY, 'ws-2')).toBe('43b4c2ef054dcf2fc746f017e23635de25a7e4314f90e0c163fe5c68bfcf5da0');
    // A long workspace id (64 characters) takes the same path.
    const id = 'x'.repeat(64);
    expect(relayTokenWithoutWebCrypto(KEY, id)).toBe(LONG_ID_TOKEN);
  });

  it('relayToken takes that path where crypto.subtle is missing', async () => {
    vi.stubGlobal('crypto', {});
    try {
      expect(globalThis.crypto.subtle).toBeUndefined();
      expect(await relayToken(KEY, 'ws-1')).toBe(DERIVED);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('refuses a key that is not 64 hexadecimal characters', async () => {
    await expect(relayToken('abc', 'ws-1')).rejects.toThrow('64 hexadecimal');
  });
});

describe('findToken', () => {
  it('takes the derived token when the relay accepts it, without showing the key', async () => {
    const calls: string[] = [];
    expect(await findToken('http://r', 'ws-1', KEY, relayAccepting(DERIVED, calls))).toEqual({ check: 'ok', token: DERIVED, legacy: false });
    expect(calls).toEqual([DERIVED]);
  });

  it('falls back to the key itself for a workspace linked before tokens were derived (legacy)', async () => {
    expect(await findToken('http://r', 'ws-1', KEY, relayAccepting(KEY))).toEqual({ check: 'ok', token: KEY, legacy: true });
  });

  it('registers a new workspace with the derived token, and says « refused » when neither works', async () => {
    expect(await findToken('http://r', 'ws-1', KEY, relayAccepting(null))).toEqual({ check: 'unregistered', token: DERIVED, legacy: false });
    expect(await findToken('http://r', 'ws-1', KEY, relayAccepting('f'.repeat(64)))).toEqual({ check: 'refused' });
  });

  it('never shows the key itself when told its derived token was accepted before (a stale key)', async () => {
    const calls: string[] = [];
    expect(await findToken('http://r', 'ws-1', KEY, relayAccepting(KEY, calls), { rawFallback: false })).toEqual({ check: 'refused' });
    expect(calls).toEqual([DERIVED]);
  });
});
