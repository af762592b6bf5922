import { describe, expect, it } from 'vitest';
import { authorize, bearerKey, hashKey, isWorkspaceId, isWorkspaceKey, keyMatches, type KeyRegistry } from '../../sync-server/auth.js';

function memoryRegistry(): KeyRegistry & { hashes: Map<string, string> } {
  const hashes = new Map<string, string>();
  return {
    hashes,
    keyHash: (id) => hashes.get(id) ?? null,
    register: (id, hash) => {
      if (hashes.has(id)) return false;
      hashes.set(id, hash);
      return true;
    }
  };
}

const KEY = '0123456789abcdef'.repeat(4);
const OTHER = 'f'.repeat(64);

describe('auth', () => {
  it('accepts workspace ids of 1-64 characters [A-Za-z0-9_-] only', () => {
    expect(isWorkspaceId('a')).toBe(true);
    expect(isWorkspaceId('Acme_2026-books')).toBe(true);
    expect(isWorkspaceId('x'.repeat(64))).toBe(true);
    expect(isWorkspaceId('x'.repeat(65))).toBe(false);
    expect(isWorkspaceId('')).toBe(false);
    expect(isWorkspaceId('a/b')).toBe(false);
    expect(isWorkspaceId('..')).toBe(false);
    expect(isWorkspaceId('é')).toBe(false);
    expect(isWorkspaceId(undefined)).toBe(false);
  });

  it('requires keys of exactly 64 hex characters', () => {
    expect(isWorkspaceKey(KEY)).toBe(true);
    expect(isWorkspaceKey(KEY.toUpperCase())).toBe(true);
    expect(isWorkspaceKey(KEY.slice(1))).toBe(false);
    expect(isWorkspaceKey(KEY + '0')).toBe(false);
    expect(isWorkspaceKey('g'.repeat(64))).toBe(false);
    expect(isWorkspaceKey(null)).toBe(false);
  });

  it('stores SHA-256 of the lower-case key and compares in constant time', () => {
    // echo -n 0123…cdef (×4) | sha256sum
    expect(hashKey(KEY)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashKey(KEY)).toBe(hashKey(KEY.toUpperCase()));
    expect(hashKey(KEY)).not.toBe(hashKey(OTHER));
    expect(keyMatches(KEY, hashKey(KEY))).toBe(true);
    expect(keyMatches(OTHER, hashKey(KEY))).toBe(false);
    expect(keyMatches(KEY, 'not-hex')).toBe(false);
  });

  it('reads Bearer keys', () => {
    expect(bearerKey(`Bearer ${KEY}`)).toBe(KEY);
    expect(bearerKey(`bearer  ${KEY} `)).toBe(KEY);
    expect(bearerKey(KEY)).toBe(null);
    expect(bearerKey(undefined)).toBe(null);
  });

  it('registers an unknown workspace with its first key, then refuses any other', () => {
    const registry = memoryRegistry();
    expect(authorize(registry, 'w', KEY, true)).toEqual({ ok: true, registered: true });
    expect(authorize(registry, 'w', KEY, true)).toEqual({ ok: true, registered: false });
    expect(authorize(registry, 'w', OTHER, true)).toMatchObject({ ok: false, status: 401 });
    expect(authorize(registry, 'w', null, true)).toMatchObject({ ok: false, status: 401 });
    expect(registry.hashes.get('w')).toBe(hashKey(KEY));
  });

  it('does not register a malformed key, and refuses unknown workspaces when registration is closed', () => {
    const registry = memoryRegistry();
    expect(authorize(registry, 'w', 'short', true)).toMatchObject({ ok: false, status: 401 });
    expect(authorize(registry, 'w', undefined, true)).toMatchObject({ ok: false, status: 401 });
    expect(registry.hashes.size).toBe(0);
    expect(authorize(registry, 'w', KEY, false)).toMatchObject({ ok: false, status: 403 });
    expect(registry.hashes.size).toBe(0);
  });
});
