// What the header says about sync, decided from plain facts (no socket, no clock inside).
import type { Language } from '$lib/domain/types';

export type SyncState =
  /** This device only: no relay. */
  | 'local'
  /** No network, or the relay cannot be reached: changes wait on this device. */
  | 'offline'
  /** Connecting, exchanging, or local changes not yet acknowledged by the relay. */
  | 'syncing'
  /** The relay holds everything this device has, and this device everything the relay has. */
  | 'synced'
  /** The relay refuses this workspace's key and no new key came for this device. */
  | 'key_refused'
  /** The relay does not know this workspace and does not accept new ones. */
  | 'unknown_workspace'
  /** This device was removed from the workspace: it keeps its data, read-only, and stops syncing. */
  | 'removed'
  /** The relay's space for this workspace is full (close 4413): changes stay on this device. */
  | 'quota';

export interface SyncFacts {
  /** A relay is set for this workspace. */
  linked: boolean;
  /** `navigator.onLine`. */
  browserOnline: boolean;
  socket: 'closed' | 'connecting' | 'open';
  /** Connection attempts that failed since the last one that worked. */
  failures: number;
  /** The relay's state arrived on the open socket. */
  synced: boolean;
  /** Local changes the relay has not acknowledged yet. */
  pending: boolean;
  refusal: null | 'key' | 'unknown_workspace' | 'removed' | 'quota';
}

/** syncState({ linked: true, browserOnline: true, socket: 'open', synced: true, pending: false, … }) → 'synced'. */
export function syncState(f: SyncFacts): SyncState {
  if (!f.linked) return 'local';
  if (f.refusal === 'removed') return 'removed';
  if (f.refusal === 'key') return 'key_refused';
  if (f.refusal === 'unknown_workspace') return 'unknown_workspace';
  if (f.refusal === 'quota') return 'quota';
  if (!f.browserOnline) return 'offline';
  if (f.socket === 'open') return f.synced && !f.pending ? 'synced' : 'syncing';
  // The first attempt is « synchronisation… »; once attempts fail, the relay is out of reach.
  if (f.socket === 'connecting' && f.failures === 0) return 'syncing';
  return 'offline';
}

/** After this many failed attempts in a row, ask the relay over HTTP whether the key is still good. */
export const FAILURES_BEFORE_KEY_CHECK = 2;

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60]
];

/**
 * How long ago `from` was at `to`, as one whole unit: sinceParts(10:00, 10:42) → { value: -42,
 * unit: 'minute' }; null under a minute (« à l'instant »). A future instant (a clock moved back)
 * counts as now.
 */
export function sinceParts(from: Date, to: Date): { value: number; unit: Intl.RelativeTimeFormatUnit } | null {
  const seconds = Math.floor((to.getTime() - from.getTime()) / 1000);
  for (const [unit, size] of UNITS) if (seconds >= size) return { value: -Math.floor(seconds / size), unit };
  return null;
}

const formats = new Map<Language, Intl.RelativeTimeFormat>();

/** « il y a 42 minutes », « hier », "2 hours ago"; null under a minute. */
export function formatSince(from: string, to: Date, locale: Language): string | null {
  const parts = sinceParts(new Date(from), to);
  if (!parts) return null;
  let f = formats.get(locale);
  if (!f) formats.set(locale, (f = new Intl.RelativeTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { numeric: 'auto' })));
  return f.format(parts.value, parts.unit);
}

/** Dark enough for white initials (contrast ≥ 4.5:1, WCAG AA), and told apart from each other. */
export const MEMBER_COLORS = ['#1f4e79', '#7a1f5c', '#1d6b3a', '#8a3b12', '#5b2a86', '#0f5e63', '#a0202e', '#6b4f00', '#2d4a8a', '#37474f'] as const;

/** A colour for a member, derived from its id (FNV-1a): the same on every device. */
export function memberColor(memberId: string): string {
  let hash = 2166136261;
  for (let i = 0; i < memberId.length; i++) hash = Math.imul(hash ^ memberId.charCodeAt(i), 16777619) >>> 0;
  return MEMBER_COLORS[hash % MEMBER_COLORS.length];
}

/** The initials shown in a member's dot: « Portable de Claire » → « PC », « Tablette » → « T ». */
export function initials(name: string): string {
  const words = name.trim().split(/[\s-]+/).filter((w) => w.length > 2 || /^[A-ZÉ]/.test(w));
  const picked = (words.length ? words : [name.trim()]).slice(0, 2).map((w) => w[0] ?? '');
  return picked.join('').toUpperCase() || '?';
}
