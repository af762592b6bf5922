// The relay's HTTP endpoints (sync-server/README.md, « HTTP endpoints »): key check, rotation,
// envelopes. What these calls show the relay is the access token derived from the workspace key
// (token.ts), never the key; it travels in the Authorization header, never in a URL.
import { relayApiUrl } from './invite';

type Fetch = typeof fetch;

const TIMEOUT_MS = 10_000;

/** What the relay says about a workspace key. */
export type KeyCheck =
  /** The key is the workspace's key. */
  | 'ok'
  /** The relay does not know the workspace; a connection with this key would register it. */
  | 'unregistered'
  /** Another key is the workspace's key (it was changed, or this key was never right). */
  | 'refused'
  /** Unknown workspace and the relay does not register new ones. */
  | 'closed'
  /** No answer: no network, relay down, or not a relay. */
  | 'unreachable';

async function call(fetchFn: Fetch, url: string, init: RequestInit): Promise<Response | null> {
  try {
    return await fetchFn(url, { ...init, cache: 'no-store', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    return null;
  }
}

/** GET /sync/<id>/auth: does the relay accept `token` for this workspace? Registers nothing. */
export async function checkKey(relayUrl: string, workspaceId: string, token: string, fetchFn: Fetch = fetch): Promise<KeyCheck> {
  const res = await call(fetchFn, relayApiUrl(relayUrl, workspaceId, 'auth'), { headers: { authorization: `Bearer ${token}` } });
  if (!res) return 'unreachable';
  if (res.status === 401) return 'refused';
  if (res.status === 403) return 'closed';
  if (res.status !== 200) return 'unreachable';
  try {
    const body = (await res.json()) as { registered?: unknown };
    return body.registered === true ? 'ok' : body.registered === false ? 'unregistered' : 'unreachable';
  } catch {
    return 'unreachable';
  }
}

/**
 * GET /sync/<id>/envelope/<memberId>: this member's sealed key; null when it has none — which
 * never means « removed » (only the member's removed flag in the books does): a key change that
 * could not seal for this device, or a relay restored from an older backup.
 */
export async function fetchEnvelope(
  relayUrl: string,
  workspaceId: string,
  memberId: string,
  fetchFn: Fetch = fetch
): Promise<{ envelope: string | null } | 'unreachable'> {
  const res = await call(fetchFn, relayApiUrl(relayUrl, workspaceId, 'envelope', memberId), {});
  if (!res) return 'unreachable';
  if (res.status === 404) return { envelope: null };
  if (res.status !== 200) return 'unreachable';
  try {
    const body = (await res.json()) as { envelope?: unknown };
    return typeof body.envelope === 'string' ? { envelope: body.envelope } : 'unreachable';
  } catch {
    return 'unreachable';
  }
}

/** 'conflict': the relay knows members not removed that the rotation did not seal for (409). */
export type RotationResult = 'ok' | 'refused' | 'invalid' | 'conflict' | 'unreachable';

/**
 * POST /sync/<id>/rotate: from now on the relay accepts only `newKey` (the new access token), and
 * hands each member its envelope. A lost answer is settled by asking /auth with the new token
 * (the contract's advice).
 */
export async function rotateKey(
  relayUrl: string,
  workspaceId: string,
  currentToken: string,
  rotation: { newKey: string; envelopes: Record<string, string>; by?: string },
  fetchFn: Fetch = fetch
): Promise<RotationResult> {
  const res = await call(fetchFn, relayApiUrl(relayUrl, workspaceId, 'rotate'), {
    method: 'POST',
    headers: { authorization: `Bearer ${currentToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(rotation)
  });
  if (res?.status === 204) return 'ok';
  if (res?.status === 401) return 'refused';
  if (res?.status === 409) return 'conflict';
  if (res?.status === 400 || res?.status === 413) return 'invalid';
  return (await checkKey(relayUrl, workspaceId, rotation.newKey, fetchFn)) === 'ok' ? 'ok' : 'unreachable';
}

/** What the relay answers to a registration code (sync-server/README.md, « Registration »). */
export type RegistrationResult =
  | 'ok'
  /** Unknown, expired, used up or revoked code: the user may type it again or ask for another. */
  | 'code_unknown'
  | 'code_expired'
  | 'code_used'
  | 'code_revoked'
  /** Too many wrong codes from this address: wait a minute. */
  | 'too_many'
  /** The workspace exists on the relay under another key. */
  | 'refused'
  | 'unreachable';

/**
 * POST /sync/<id>/register: a relay closed to new workspaces creates this one for the holder of a
 * registration code from its administrator. An answer lost on the way is settled by /auth (a
 * 409 with our own key means it went through).
 */
export async function registerWorkspace(
  relayUrl: string,
  workspaceId: string,
  key: string,
  code: string,
  fetchFn: Fetch = fetch
): Promise<RegistrationResult> {
  const res = await call(fetchFn, relayApiUrl(relayUrl, workspaceId, 'register'), {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ code })
  });
  if (res?.status === 201) return 'ok';
  if (res?.status === 429) return 'too_many';
  if (res?.status === 403) {
    const reason = await res.json().then((b: { reason?: unknown }) => b.reason, () => null);
    return reason === 'expired' ? 'code_expired' : reason === 'used' ? 'code_used' : reason === 'revoked' ? 'code_revoked' : 'code_unknown';
  }
  if (res?.status === 409 || !res) {
    const check = await checkKey(relayUrl, workspaceId, key, fetchFn);
    return check === 'ok' ? 'ok' : check === 'refused' ? 'refused' : 'unreachable';
  }
  return res.status === 401 ? 'refused' : 'unreachable';
}
