// The HTTP side of /sync (the WebSocket side is the upgrade in server.ts):
//
//   GET  /sync/<workspaceId>/auth                   Authorization: Bearer <key> → 200 | 401 | 403
//   POST /sync/<workspaceId>/rotate                 Authorization: Bearer <key> → 204 | 400 | 401 | 409 | 413
//   GET  /sync/<workspaceId>/envelope/<memberId>    (no auth: envelopes are ciphertext) → 200 | 404
//   POST /sync/<workspaceId>/register               Authorization: Bearer <key>, { "code": "…" }
//                                                   → 201 | 400 | 401 | 403 | 409 | 429
//
// JSON in, JSON out ({ "error": "…" } on failure), never cached, CORS open (no cookies are used:
// the key travels in the Authorization header, so any origin may call).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerKey, hashKey, isMemberId, isWorkspaceId, isWorkspaceKey, keyMatches } from './auth.js';
import { MAX_ENVELOPE_CHARS, MAX_ENVELOPES } from './limits.js';
import type { Logger } from './log.js';
import type { Counters } from './metrics.js';
import { missingEnvelopes, type SealingPlan } from './members.js';
import type { RelayStore } from './persistence.js';
import { hashRegistrationCode, normalizeRegistrationCode, REFUSAL_TEXT, type RateWindow } from './registration.js';

/** A register request is `{ "code": "…" }`: a few bytes. */
const MAX_REGISTER_BODY = 1024;

/** Close code sent to every socket of a workspace whose key was rotated. */
// In y-websocket's 4400–4499 range: the provider stops reconnecting with a key that can no
// longer work, and the app fetches its envelope instead.
export const CLOSE_KEY_ROTATED = 4401;

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-max-age': '600'
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = status === 204 ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(status === 204 ? {} : { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }),
    'cache-control': 'no-store',
    ...headers
  });
  res.end(text);
}

type BodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413; error: string };

/**
 * The request's JSON body, refused past `maxBytes`. An oversized body is read to its end and
 * dropped (so the client gets the 413 rather than a reset connection).
 */
export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const tooLarge: BodyResult = { ok: false, status: 413, error: `the request body is limited to ${maxBytes} bytes` };
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return Promise.resolve(tooLarge);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('error', () => resolve({ ok: false, status: 400, error: 'the request body could not be read' }));
    req.on('end', () => {
      if (size > maxBytes) return resolve(tooLarge);
      try {
        resolve({ ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      } catch {
        resolve({ ok: false, status: 400, error: 'the request body is not valid JSON' });
      }
    });
  });
}

export interface Rotation {
  newKey: string;
  envelopes: Record<string, string>;
  /** The member making the change, for the audit line (optional). */
  by?: string;
}

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Validates the body of POST /rotate: `{ newKey, envelopes: { memberId: base64 } }`. */
export function parseRotation(value: unknown): Rotation | { error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: 'the body must be a JSON object { "newKey": "…", "envelopes": { "<memberId>": "<base64>" } }' };
  }
  const { newKey, envelopes, by } = value as Record<string, unknown>;
  if (!isWorkspaceKey(newKey)) return { error: 'newKey must be 64 hexadecimal characters (256 bits)' };
  if (by !== undefined && !isMemberId(by)) return { error: 'by, when given, must be a member id of 1-64 characters [A-Za-z0-9_-]' };
  if (typeof envelopes !== 'object' || envelopes === null || Array.isArray(envelopes)) {
    return { error: 'envelopes must be an object mapping member ids to base64 strings (it may be empty)' };
  }
  const entries = Object.entries(envelopes);
  if (entries.length > MAX_ENVELOPES) return { error: `at most ${MAX_ENVELOPES} envelopes per rotation` };
  const checked: Record<string, string> = {};
  for (const [memberId, envelope] of entries) {
    const shown = memberId.slice(0, 80);
    if (!isMemberId(memberId)) return { error: `member id "${shown}" must be 1-64 characters [A-Za-z0-9_-]` };
    if (typeof envelope !== 'string' || envelope.length > MAX_ENVELOPE_CHARS || !BASE64.test(envelope)) {
      return { error: `envelopes.${memberId} must be a base64 string of 1 to ${MAX_ENVELOPE_CHARS} characters` };
    }
    checked[memberId] = envelope;
  }
  return { newKey: newKey.toLowerCase(), envelopes: checked, ...(by !== undefined ? { by } : {}) };
}

export interface SyncApiContext {
  store: RelayStore;
  openRegistration: boolean;
  maxBodyBytes: number;
  counters: Counters;
  log: Logger;
  /** Closes every open socket of the workspace with `code`. */
  closeWorkspace(workspaceId: string, code: number, reason: string): number;
  /** Who a key change of the workspace must be sealed for, from its document (members.ts). */
  sealingPlan(workspaceId: string): SealingPlan;
  /** The client's address, as the upgrade sees it (RELAY_TRUST_PROXY). */
  remoteOf(req: IncomingMessage): string;
  /** Wrong registration codes per address (RELAY_CODE_ATTEMPTS_PER_MINUTE); no cap when absent. */
  codeFailures?: RateWindow;
  /** Whether an open relay would still register a workspace for this request's address. */
  mayRegisterOpenly?(req: IncomingMessage): boolean;
}

/** Handles an HTTP (non-upgrade) request whose path starts with /sync. */
export function createSyncApi(ctx: SyncApiContext) {
  const refuseAuth = (res: ServerResponse, status: 401 | 403, error: string) => {
    ctx.counters.authRefused++;
    sendJson(res, status, { error }, CORS);
  };

  /** Whether the request carries the current key of an existing workspace. */
  const holdsKey = (req: IncomingMessage, workspaceId: string): boolean => {
    const key = bearerKey(req.headers.authorization);
    const stored = ctx.store.keyHash(workspaceId);
    return stored !== null && isWorkspaceKey(key) && keyMatches(key, stored);
  };

  const checkAuth = (req: IncomingMessage, res: ServerResponse, workspaceId: string) => {
    const key = bearerKey(req.headers.authorization);
    const stored = ctx.store.keyHash(workspaceId);
    if (stored === null) {
      if (!ctx.openRegistration) return refuseAuth(res, 403, 'unknown workspace and registration is closed on this relay');
      if (!isWorkspaceKey(key)) return refuseAuth(res, 401, 'a key of 64 hexadecimal characters is required');
      // Said now rather than by a refused upgrade, which a browser cannot read.
      if (ctx.mayRegisterOpenly && !ctx.mayRegisterOpenly(req)) {
        return sendJson(res, 429, { error: 'too many new workspaces from this address: try again in an hour' }, CORS);
      }
      return sendJson(res, 200, { registered: false }, CORS);
    }
    if (!isWorkspaceKey(key) || !keyMatches(key, stored)) return refuseAuth(res, 401, 'wrong or missing workspace key');
    sendJson(res, 200, { registered: true }, CORS);
  };

  const rotate = async (req: IncomingMessage, res: ServerResponse, workspaceId: string) => {
    if (!holdsKey(req, workspaceId)) return refuseAuth(res, 401, 'rotation needs the current key: Authorization: Bearer <key>');
    const body = await readJsonBody(req, ctx.maxBodyBytes);
    if (!body.ok) return sendJson(res, body.status, { error: body.error }, CORS);
    const rotation = parseRotation(body.value);
    if ('error' in rotation) return sendJson(res, 400, { error: rotation.error }, CORS);
    // Checked again: another rotation may have happened while the body was arriving.
    if (!holdsKey(req, workspaceId)) return refuseAuth(res, 401, 'the key was rotated meanwhile');
    // A member left without an envelope could never get the new key: a lockout, not a removal.
    // Only the removed flag in the books removes someone (synced before the rotation).
    let plan: SealingPlan;
    try {
      plan = ctx.sealingPlan(workspaceId);
    } catch (error) {
      ctx.log.error('could not read the members for a rotation', { workspace: workspaceId, error });
      return sendJson(res, 503, { error: 'the workspace could not be read to check its members, try again' }, CORS);
    }
    const missing = missingEnvelopes(plan, rotation.envelopes);
    if (missing.length) {
      return sendJson(res, 409, {
        error: `every member not marked removed needs an envelope; missing: ${missing.join(', ')} (mark them removed and sync first, or seal for them)`,
        missing
      }, CORS);
    }
    ctx.store.rotate(workspaceId, hashKey(rotation.newKey), rotation.envelopes);
    const closed = ctx.closeWorkspace(workspaceId, CLOSE_KEY_ROTATED, 'key rotated');
    // The audit line: who changed the key, from where, for whom — never a key.
    ctx.log.info('key rotated', {
      workspace: workspaceId,
      by: rotation.by ?? null,
      remote: ctx.remoteOf(req),
      sealed: Object.keys(rotation.envelopes).sort(),
      removed: plan.removed,
      keyless: plan.keyless,
      closed
    });
    sendJson(res, 204, null, CORS);
  };

  /** POST /register: a closed relay creates a workspace for the holder of a registration code. */
  const register = async (req: IncomingMessage, res: ServerResponse, workspaceId: string) => {
    const remote = ctx.remoteOf?.(req) ?? req.socket.remoteAddress ?? 'unknown';
    const failures = ctx.codeFailures;
    if (failures && !failures.allows(remote)) {
      return sendJson(res, 429, { error: 'too many wrong registration codes from this address: wait a minute' }, { ...CORS, 'retry-after': '60' });
    }
    const key = bearerKey(req.headers.authorization);
    if (!isWorkspaceKey(key)) return refuseAuth(res, 401, 'a key of 64 hexadecimal characters is required: Authorization: Bearer <key>');
    if (ctx.store.keyHash(workspaceId) !== null) return sendJson(res, 409, { error: REFUSAL_TEXT.exists, reason: 'exists' }, CORS);
    const body = await readJsonBody(req, MAX_REGISTER_BODY);
    if (!body.ok) return sendJson(res, body.status, { error: body.error }, CORS);
    if (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) {
      return sendJson(res, 400, { error: 'the body must be a JSON object { "code": "RLC-…" }' }, CORS);
    }
    const code = normalizeRegistrationCode((body.value as Record<string, unknown>).code);
    const outcome = code
      ? ctx.store.registerWithCode(workspaceId, hashKey(key), hashRegistrationCode(code))
      : ({ ok: false, reason: 'unknown' } as const);
    if (outcome.ok) {
      ctx.log.info('workspace registered with a code', { workspace: workspaceId, remote, code: outcome.codeId });
      return sendJson(res, 201, { registered: true }, CORS);
    }
    if (outcome.reason === 'exists') return sendJson(res, 409, { error: REFUSAL_TEXT.exists, reason: 'exists' }, CORS);
    failures?.note(remote);
    ctx.counters.authRefused++;
    ctx.log.info('registration code refused', { workspace: workspaceId, remote, reason: outcome.reason });
    sendJson(res, 403, { error: REFUSAL_TEXT[outcome.reason], reason: outcome.reason }, CORS);
  };

  const envelope = (res: ServerResponse, workspaceId: string, memberId: string) => {
    if (!isMemberId(memberId)) return sendJson(res, 400, { error: 'member id must be 1-64 characters [A-Za-z0-9_-]' }, CORS);
    const found = ctx.store.envelope(workspaceId, memberId);
    if (found === null) return sendJson(res, 404, { error: 'no envelope for this member' }, CORS);
    sendJson(res, 200, { envelope: found }, CORS);
  };

  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    const [, , workspaceId, action, arg, ...extra] = pathname.split('/');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...CORS, 'cache-control': 'no-store' });
      res.end();
      return;
    }
    if (!isWorkspaceId(workspaceId)) {
      return sendJson(res, 400, { error: 'workspace id must be 1-64 characters [A-Za-z0-9_-]' }, CORS);
    }
    const shape = `${action ?? ''}${arg !== undefined ? '/*' : ''}${extra.length ? '/…' : ''}`;
    const route = `${req.method} ${shape}`;
    switch (route) {
      case 'GET ':
        return sendJson(res, 426, { error: 'this is a WebSocket endpoint: connect with the subprotocols relance.v1, relance-token.<token>' }, {
          ...CORS,
          upgrade: 'websocket'
        });
      case 'GET auth':
        return checkAuth(req, res, workspaceId);
      case 'POST rotate':
        return rotate(req, res, workspaceId);
      case 'GET envelope/*':
        return envelope(res, workspaceId, arg);
      case 'POST register':
        return register(req, res, workspaceId);
      default:
        return ['', 'auth', 'rotate', 'envelope/*', 'register'].includes(shape)
          ? sendJson(res, 405, { error: `${req.method} is not allowed here` }, CORS)
          : sendJson(res, 404, { error: 'no such endpoint' }, CORS);
    }
  };
}
