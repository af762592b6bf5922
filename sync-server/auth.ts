// Who may open a workspace: the holder of its key. The relay stores only SHA-256(key): a key is
// 256 random bits, so a fast hash is as strong as a slow one and costs nothing per connection.
import { createHash, timingSafeEqual } from 'node:crypto';

const WORKSPACE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MEMBER_ID = WORKSPACE_ID;
const WORKSPACE_KEY = /^[0-9a-fA-F]{64}$/;

/** `acme-2026` → true; ids are 1–64 characters of [A-Za-z0-9_-]. */
export function isWorkspaceId(value: unknown): value is string {
  return typeof value === 'string' && WORKSPACE_ID.test(value);
}

/** Member (device) ids follow the same rule as workspace ids. */
export function isMemberId(value: unknown): value is string {
  return typeof value === 'string' && MEMBER_ID.test(value);
}

/** A workspace key is 64 hexadecimal characters (256 bits); case does not matter. */
export function isWorkspaceKey(value: unknown): value is string {
  return typeof value === 'string' && WORKSPACE_KEY.test(value);
}

/** The stored form of a key: SHA-256 of its lower-case hex text, in hex. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key.toLowerCase(), 'utf8').digest('hex');
}

/** Whether `key` is the key whose hash is `storedHash`, in constant time. */
export function keyMatches(key: string, storedHash: string): boolean {
  const given = Buffer.from(hashKey(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** `Authorization: Bearer <key>` → the key, or null. */
export function bearerKey(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}

/** What the auth check needs from storage (persistence.ts provides it). */
export interface KeyRegistry {
  keyHash(workspaceId: string): string | null;
  /** Registers the workspace unless it exists; true when this call registered it. */
  register(workspaceId: string, keyHash: string): boolean;
}

export type AuthResult =
  | { ok: true; registered: boolean }
  | { ok: false; status: 401 | 403 | 429; reason: string };

/** Limits open registration (one address may create only so many workspaces an hour). */
export interface RegistrationGate {
  /** Whether one more registration is allowed now. */
  allows(): boolean;
  /** Records a registration that happened. */
  note(): void;
}

/**
 * Checks `key` for `workspaceId`. An unknown workspace is registered with this key when
 * `openRegistration` is true (its first device creates it), refused with 403 otherwise (a
 * closed relay registers with a code: POST /sync/<id>/register). `gate` caps open registrations
 * (429 past it).
 */
export function authorize(
  registry: KeyRegistry,
  workspaceId: string,
  key: string | null | undefined,
  openRegistration: boolean,
  gate?: RegistrationGate
): AuthResult {
  const stored = registry.keyHash(workspaceId);
  if (stored === null) {
    if (!openRegistration) {
      return { ok: false, status: 403, reason: 'unknown workspace and registration is closed on this relay' };
    }
    if (!isWorkspaceKey(key)) return { ok: false, status: 401, reason: 'a key of 64 hexadecimal characters is required' };
    if (gate && !gate.allows()) {
      return { ok: false, status: 429, reason: 'too many new workspaces from this address: try again in an hour' };
    }
    if (registry.register(workspaceId, hashKey(key))) {
      gate?.note();
      return { ok: true, registered: true };
    }
    // Registered by someone else in the meantime: check against theirs.
    return authorize(registry, workspaceId, key, false);
  }
  if (!isWorkspaceKey(key) || !keyMatches(key, stored)) {
    return { ok: false, status: 401, reason: 'wrong or missing workspace key' };
  }
  return { ok: true, registered: false };
}

/**
 * The check of an archive room (rooms.ts): the workspace's own key, and never a registration —
 * an unknown workspace's archive is refused (403) even where registration is open.
 */
export function authorizeArchive(registry: KeyRegistry, workspaceId: string, key: string | null | undefined): AuthResult {
  if (registry.keyHash(workspaceId) === null) {
    return { ok: false, status: 403, reason: 'unknown workspace: an archive room opens only for a workspace the relay knows' };
  }
  return authorize(registry, workspaceId, key, false);
}

/** The subprotocol the app speaks; the relay answers with it (never echoes the token one). */
export const APP_PROTOCOL = 'relance.v1';
/** The subprotocol that carries the access token: `relance-token.<64 hex>`. */
export const TOKEN_PROTOCOL_PREFIX = 'relance-token.';

/**
 * The access token of an upgrade request: from the `relance-token.<token>` subprotocol (the app:
 * the token stays out of URLs and so out of proxy logs), else from `?token=` (stock y-websocket
 * clients). null when neither is there.
 */
export function upgradeToken(protocolHeader: string | string[] | undefined, url: URL): string | null {
  const offered = (Array.isArray(protocolHeader) ? protocolHeader.join(',') : (protocolHeader ?? '')).split(',').map((p) => p.trim());
  const carried = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX));
  if (carried !== undefined) return carried.slice(TOKEN_PROTOCOL_PREFIX.length);
  return url.searchParams.get('token');
}
