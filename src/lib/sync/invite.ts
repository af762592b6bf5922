// Relay addresses and invite links. An invite is `https://<app>/join#…`: everything it carries
// (relay, workspace id, key, company name, letters already taken) is in the fragment, which a
// browser never sends to any server — the key never reaches a log.

export interface Invite {
  /** The relay's base address, http(s), no trailing slash ('https://relais.example.fr'). */
  relayUrl: string;
  workspaceId: string;
  /** The workspace key: 64 hexadecimal characters. */
  key: string;
  /** The company's name, to show before joining. */
  company: string;
  /** Series letters the members had when the invite was made (a device joining offline avoids them). */
  letters: string[];
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const KEY = /^[0-9a-fA-F]{64}$/;
const LETTER = /^[A-Z]{1,3}$/;
const MAX_COMPANY = 200;
const VERSION = '1';

export function isWorkspaceId(value: string): boolean {
  return ID.test(value);
}

export function isWorkspaceKey(value: string): boolean {
  return KEY.test(value);
}

/**
 * A relay address as typed by a person, made canonical: http(s), no query, fragment nor trailing
 * slash, a pasted socket address (`wss://host/sync`) taken back to its base. null when it is not
 * an address.
 *
 *   normalizeRelayUrl('relais.example.fr') → 'https://relais.example.fr'
 *   normalizeRelayUrl('ws://127.0.0.1:8787/sync/') → 'http://127.0.0.1:8787'
 */
export function normalizeRelayUrl(input: string): string | null {
  let text = input.trim();
  if (!text) return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const scheme = { 'http:': 'http:', 'https:': 'https:', 'ws:': 'http:', 'wss:': 'https:' }[url.protocol];
  if (!scheme || !url.hostname || url.username || url.password) return null;
  let path = url.pathname.replace(/\/+$/, '');
  if (path.endsWith('/sync')) path = path.slice(0, -'/sync'.length);
  return `${scheme}//${url.host}${path}`;
}

/** The WebSocket endpoint y-websocket appends the workspace id to: 'wss://host/sync'. */
export function relaySocketUrl(relayUrl: string): string {
  return `${relayUrl.replace(/^http/, 'ws')}/sync`;
}

/** An HTTP endpoint of the relay for a workspace: relayApiUrl(r, 'ws1', 'envelope', 'm1'). */
export function relayApiUrl(relayUrl: string, workspaceId: string, ...path: string[]): string {
  return [`${relayUrl}/sync`, workspaceId, ...path].map((p, i) => (i === 0 ? p : encodeURIComponent(p))).join('/');
}

/** A page served over https cannot open ws:// sockets (mixed content): such a relay is refused. */
export function blockedAsMixedContent(appOrigin: string, relayUrl: string): boolean {
  return appOrigin.startsWith('https:') && relayUrl.startsWith('http:') && !/^http:\/\/(localhost|127\.0\.0\.1)(:|\/|$)/.test(relayUrl);
}

/** The invite link for `invite`, on the app served from `appOrigin`. */
export function inviteLink(appOrigin: string, invite: Invite): string {
  const params = new URLSearchParams({
    v: VERSION,
    r: invite.relayUrl,
    w: invite.workspaceId,
    k: invite.key.toLowerCase(),
    n: invite.company.slice(0, MAX_COMPANY),
    s: invite.letters.join('.')
  });
  return `${appOrigin.replace(/\/+$/, '')}/join#${params.toString()}`;
}

export type InviteParse = { ok: true; invite: Invite } | { ok: false; reason: 'empty' | 'invalid' };

/** Reads an invite from a link's fragment (`location.hash`, with or without '#'). */
export function parseInvite(fragment: string): InviteParse {
  const text = fragment.replace(/^#/, '');
  if (!text) return { ok: false, reason: 'empty' };
  const params = new URLSearchParams(text);
  const relayUrl = normalizeRelayUrl(params.get('r') ?? '');
  const workspaceId = params.get('w') ?? '';
  const key = params.get('k') ?? '';
  const letters = (params.get('s') ?? '').split('.').filter(Boolean);
  if (params.get('v') !== VERSION || !relayUrl || !isWorkspaceId(workspaceId) || !isWorkspaceKey(key) || !letters.every((l) => LETTER.test(l))) {
    return { ok: false, reason: 'invalid' };
  }
  const company = (params.get('n') ?? '').trim().slice(0, MAX_COMPANY);
  return { ok: true, invite: { relayUrl, workspaceId, key: key.toLowerCase(), company, letters } };
}
