// Who may create a workspace on this relay (sync-server/README.md, « Registration »).
//
// Closed by default: an unknown workspace is registered only with a code the operator issued
// (`relay:admin code`), except on a relay bound to a loopback address (`npm start` on one
// machine), which stays open — with a cap per address and hour, so even that cannot be used to
// fill the disk. Codes are stored as SHA-256 hashes: 80 random bits need no slow hash.
import { createHash, randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O, U, so a code read aloud or retyped survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_PREFIX = 'RLC';
/** 16 symbols × 5 bits = 80 bits. */
const CODE_SYMBOLS = 16;

/** A fresh code, `RLC-XXXX-XXXX-XXXX-XXXX` (80 random bits). */
export function newRegistrationCode(random: (n: number) => Buffer = randomBytes): string {
  const bytes = random(CODE_SYMBOLS);
  // 256 is a multiple of 32: taking each byte modulo 32 is unbiased.
  const symbols = [...bytes].map((b) => ALPHABET[b % 32]).join('');
  return [CODE_PREFIX, ...symbols.match(/.{4}/g)!].join('-');
}

/**
 * The canonical text of a typed code: upper case, without prefix, spaces or hyphens, with the
 * letters people confuse mapped as Crockford does (O → 0, I and L → 1). Null when it cannot be a
 * code at all.
 */
export function normalizeRegistrationCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 100) return null;
  let text = input.toUpperCase().replace(/[\s-]/g, '');
  if (text.startsWith(CODE_PREFIX)) text = text.slice(CODE_PREFIX.length);
  text = text.replace(/O/g, '0').replace(/[IL]/g, '1');
  if (text.length !== CODE_SYMBOLS || [...text].some((c) => !ALPHABET.includes(c))) return null;
  return text;
}

/** The stored form of a code: SHA-256 of its canonical text, in hex. */
export function hashRegistrationCode(canonical: string): string {
  return createHash('sha256').update(`registration-code:${canonical}`, 'utf8').digest('hex');
}

/** Whether `host` (HOST) only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/**
 * Counts events per key (a client address) over a sliding window: `allows(key)` says whether
 * one more is within `max`, `note(key)` records one. Old entries are dropped as keys are touched
 * and by `sweep()`, so memory follows the addresses active in the window.
 */
export class RateWindow {
  private readonly events = new Map<string, number[]>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly clock: () => number = Date.now
  ) {}

  private recent(key: string): number[] {
    const since = this.clock() - this.windowMs;
    const kept = (this.events.get(key) ?? []).filter((t) => t > since);
    if (kept.length) this.events.set(key, kept);
    else this.events.delete(key);
    return kept;
  }

  allows(key: string): boolean {
    return this.recent(key).length < this.max;
  }

  note(key: string): void {
    const kept = this.recent(key);
    kept.push(this.clock());
    this.events.set(key, kept);
    if (this.events.size > 10_000) this.sweep();
  }

  /** Forgets keys with no event in the window. */
  sweep(): void {
    for (const key of [...this.events.keys()]) this.recent(key);
  }
}

/** Why a code was refused. */
export type CodeRefusal = 'unknown' | 'used' | 'expired' | 'revoked';

export type RegisterOutcome = { ok: true; codeId: string } | { ok: false; reason: CodeRefusal | 'exists' };

/** What the register endpoint needs from storage (persistence.ts provides it). */
export interface CodeRegistry {
  /** Consumes one use of the code and registers the workspace, in one transaction. */
  registerWithCode(workspaceId: string, keyHash: string, codeHash: string, now?: number): RegisterOutcome;
}

/** French-first sentences are the app's job; the relay answers in English with a reason word. */
export const REFUSAL_TEXT: Record<CodeRefusal | 'exists', string> = {
  unknown: 'this registration code is not valid on this relay',
  used: 'this registration code has been used up',
  expired: 'this registration code has expired',
  revoked: 'this registration code was revoked by the operator',
  exists: 'this workspace is already registered'
};
