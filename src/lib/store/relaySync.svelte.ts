// The link between an open workspace and its relay (sync-server/README.md is the contract).
//
// A y-websocket provider on the workspace's own Y.Doc: IndexedDB stays the source of truth, the
// provider only exchanges updates, so whatever is written offline goes out on the next
// connection and nothing is lost. Around it, what the app needs to know and do:
//
// - round trips: a sync step 1 sent on the socket is answered by one step 2, in order, after the
//   relay has stored everything sent before it. « À jour » means such a read-back came after the
//   last local change; the series letter of a joining device is decided on such a read-back too
//   (domain/series.ts explains why that order matters);
// - the state for the header (domain of src/lib/sync/status.ts), the last sync instant;
// - who is online (awareness: each device announces its member id);
// - the relay access token: derived from the workspace key (src/lib/sync/token.ts), sent in a
//   WebSocket subprotocol, never in the URL; a workspace linked before that (token == key) is
//   moved to a fresh key with a derived token once this device is synced with it;
// - a changed key: close 4401, or a refused reconnection confirmed by GET /auth → this device's
//   envelope (it may hold an older key after a relay restore: tried too), opened with its private
//   key → the new key, and on. No usable envelope is a stale key ('key': a new invite brings the
//   device back, nothing is lost), never a removal: only the member's removed flag removes;
// - the browser's online/offline events (y-websocket itself retries with backoff);
// - the archives of closed years (syncArchive): one provider each, on the same relay with the same
//   token, connected while the live room's socket is open and closed whenever it closes.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import type { Member } from '$lib/domain/types';
import { now as clockNow } from '$lib/clock';
import { openEnvelope, sealKey } from '$lib/sync/envelope';
import { relaySocketUrl } from '$lib/sync/invite';
import { fetchEnvelope, rotateKey } from '$lib/sync/relayApi';
import { findToken, relayToken, type TokenFound } from '$lib/sync/token';
import { FAILURES_BEFORE_KEY_CHECK, syncState, type SyncFacts, type SyncState } from '$lib/sync/status';
import { newSecretKey } from './ids';
import { splitUpdate } from './updateChunks';
import type { Workspace } from './workspace.svelte';

/** What the link uses of a workspace (a whole Workspace in the app; doc and collections in tests). */
export type SyncedWorkspace = Pick<Workspace, 'id' | 'memberId' | 'doc' | 'members' | 'documents' | 'readOnly' | 'status' | 'apply'>;

const MESSAGE_SYNC = 0;
/** The relay closes every socket of a workspace whose key was changed with this code. */
export const CLOSE_KEY_ROTATED = 4401;
/** The relay's space for this workspace is full: the update was not stored (sync-server/README.md). */
export const CLOSE_QUOTA = 4413;
/** Local changes are acknowledged in batches: a read-back this long after the last one. */
const FLUSH_DELAY_MS = 150;
/** This device's « last seen » is written at most this often. */
const LAST_SEEN_EVERY_MS = 5 * 60_000;
/** Asking the relay again after an HTTP call found nobody. */
const RETRY_MS = 15_000;
/** At most one key check per this long while connections keep failing. */
const KEY_CHECK_EVERY_MS = 30_000;
/** The subprotocols the relay speaks: the app's, and the one that carries the access token. */
export const APP_PROTOCOL = 'relance.v1';
export const TOKEN_PROTOCOL_PREFIX = 'relance-token.';

/**
 * A provider for one room of a workspace on the relay (its live document is the room named by its
 * id), not connected yet: connectWith() opens it with a token.
 */
function roomProvider(relayUrl: string, room: string, doc: Y.Doc, WebSocketImpl?: typeof WebSocket): WebsocketProvider {
  return new WebsocketProvider(relaySocketUrl(relayUrl), room, doc, {
    connect: false,
    // The token goes in a subprotocol (set before each connection), never in the URL.
    protocols: [APP_PROTOCOL],
    // Tabs of one workspace already share updates (workspace.svelte.ts).
    disableBc: true,
    maxBackoffTime: 10_000,
    ...(WebSocketImpl ? { WebSocketPolyfill: WebSocketImpl } : {})
  });
}

/** Opens the provider's socket with `token` (y-websocket reads `protocols` at each connection). */
function connectWith(provider: WebsocketProvider, token: string): void {
  provider.protocols = [APP_PROTOCOL, TOKEN_PROTOCOL_PREFIX + token];
  provider.connect();
}

/** Sends one update on the provider's socket, if it is open. */
function sendUpdate(provider: WebsocketProvider, update: Uint8Array): void {
  const socket = provider.ws;
  if (!provider.wsconnected || !socket || socket.readyState !== 1) return;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  socket.send(encoding.toUint8Array(encoder));
}

/**
 * What the provider sends goes in pieces the relay accepts (its frame and structure caps): the
 * answer to the relay's step 1 — asked on every connection: the whole local history after a long
 * offline spell or on a first upload — with the last piece as the step 2, and local changes (a
 * merged backup or an import can be megabytes). `onStep2` hears each step 2 the relay sends.
 */
function sendInPieces(provider: WebsocketProvider, onStep2: () => void = () => {}): void {
  const doc = provider.doc;
  const handlers = provider.messageHandlers;
  const original = handlers[MESSAGE_SYNC];
  handlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, type) => {
    const kind = decoding.peekVarUint(decoder);
    if (kind === syncProtocol.messageYjsSyncStep1) {
      decoding.readVarUint(decoder);
      const relayHas = decoding.readVarUint8Array(decoder);
      const pieces = splitUpdate(Y.encodeStateAsUpdate(doc, relayHas));
      const last = pieces.pop()!;
      for (const piece of pieces) sendUpdate(provider, piece);
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(encoder, last);
      return;
    }
    original(encoder, decoder, p, emitSynced, type);
    if (kind === syncProtocol.messageYjsSyncStep2) onStep2();
  };
  doc.off('update', provider._updateHandler);
  provider._updateHandler = (update: Uint8Array, origin: unknown) => {
    if (origin === provider) return;
    for (const piece of splitUpdate(update)) sendUpdate(provider, piece);
  };
  doc.on('update', provider._updateHandler);
}

/** Stops an archive's provider for good. */
function closeArchive(provider: WebsocketProvider): void {
  provider.destroy();
  provider.awareness.destroy();
}

/** The browser's network state; a stub in tests. */
export interface NetworkWatch {
  online(): boolean;
  watch(listener: (online: boolean) => void): () => void;
}

export const browserNetwork: NetworkWatch = {
  online: () => typeof navigator === 'undefined' || navigator.onLine !== false,
  watch(listener) {
    if (typeof window === 'undefined') return () => {};
    const on = () => listener(true);
    const off = () => listener(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }
};

export interface RelaySyncOptions {
  workspace: SyncedWorkspace;
  /** The relay's base address (src/lib/sync/invite.ts normalizeRelayUrl). */
  relayUrl: string;
  key: string;
  lastSyncAt?: string | null;
  /** A device joining: the relay must already know the workspace (never register a new one). */
  joining?: boolean;
  /** This device was removed earlier: stay offline, say so. */
  removed?: boolean;
  /** The relay took the derived token of `key` before (then the key itself is never shown to it). */
  keyTokenDerived?: boolean;
  /** This device's private key for the workspace (to open envelopes). */
  privateKey(): Promise<CryptoKey | null>;
  /** Keep on this device: a new key (and whether the relay takes its derived token), the last sync instant, the removal. */
  onKey(key: string, tokenDerived: boolean): void;
  onSynced(at: string): void;
  onRemoved(): void;
  network?: NetworkWatch;
  WebSocket?: typeof WebSocket;
  fetch?: typeof fetch;
  now?: () => Date;
}

export type RotationOutcome =
  | { ok: true; unsealed: string[] }
  | { ok: false; reason: 'offline' | 'refused' | 'invalid' | 'conflict' | 'unreachable' };

interface Waiter {
  target: number;
  resolve: (ok: boolean) => void;
}

export class RelaySync {
  socket = $state<SyncFacts['socket']>('closed');
  failures = $state(0);
  synced = $state(false);
  pending = $state(false);
  refusal = $state<SyncFacts['refusal']>(null);
  browserOnline = $state(true);
  lastSyncAt = $state<string | null>(null);
  /** Member ids of the other devices connected to the relay now. */
  peers = $state.raw<ReadonlySet<string>>(new Set());
  /** Joining: the relay does not know the workspace, or the invite's key is no longer valid. */
  joining = $state(false);

  readonly state: SyncState = $derived(
    syncState({
      linked: true,
      browserOnline: this.browserOnline,
      socket: this.socket,
      failures: this.failures,
      synced: this.synced,
      pending: this.pending,
      refusal: this.refusal
    })
  );

  /** Resolves at the first time the relay's state arrived (a joining device then has the workspace). */
  readonly firstSync: Promise<void>;

  readonly relayUrl: string;
  #key = $state('');
  /** What the relay is shown: derived from the key, or the key itself (a workspace to migrate). */
  #token = '';
  #legacy = false;
  #migrating = false;
  /** Keys whose derived token the relay took: never shown to it themselves. */
  #derivedKeys = new Set<string>();
  #ws: SyncedWorkspace;
  #provider: WebsocketProvider;
  /** The archives' providers by year (syncArchive). */
  #archives = new Map<number, WebsocketProvider>();
  #options: RelaySyncOptions;
  #network: NetworkWatch;
  #fetch: typeof fetch;
  #now: () => Date;
  #markFirstSync!: () => void;
  #stops: (() => void)[] = [];
  #sent = 0;
  #received = 0;
  #waiters: Waiter[] = [];
  #localSeq = 0;
  #flushTimer: ReturnType<typeof setTimeout> | null = null;
  #flushing = false;
  #flushAgain = false;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #recovering = false;
  #lastKeyCheck = 0;
  #tokenSettled = false;
  #stopped = false;

  constructor(options: RelaySyncOptions) {
    this.#options = options;
    this.#ws = options.workspace;
    this.relayUrl = options.relayUrl;
    this.#key = options.key;
    this.#network = options.network ?? browserNetwork;
    this.#fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
    this.#now = options.now ?? clockNow;
    this.lastSyncAt = options.lastSyncAt ?? null;
    if (options.keyTokenDerived) this.#derivedKeys.add(options.key);
    this.joining = options.joining ?? false;
    this.firstSync = new Promise((resolve) => (this.#markFirstSync = resolve));
    this.#provider = roomProvider(options.relayUrl, this.#ws.id, this.#ws.doc, options.WebSocket);
    // Each step 2 answers one step 1 sent on the socket, in order: the read-backs.
    sendInPieces(this.#provider, () => {
      this.#received++;
      this.#waiters = this.#waiters.filter((w) => (w.target <= this.#received ? (w.resolve(true), false) : true));
    });
    this.#provider.on('status', this.#onStatus);
    this.#provider.on('sync', this.#onSync);
    this.#provider.on('connection-close', this.#onClose);
    this.#ws.doc.on('update', this.#onDocUpdate);
    this.#stops.push(() => this.#ws.doc.off('update', this.#onDocUpdate));
    const awareness = this.#provider.awareness;
    awareness.on('change', this.#onAwareness);
    this.#stops.push(() => awareness.off('change', this.#onAwareness));
    this.#stops.push(
      this.#ws.members.onChange(() => {
        const me = this.#ws.members.peek(this.#ws.memberId);
        // Marked removed by another device (before the key change reached this one, or without it).
        if (me?.removed && this.refusal !== 'removed') return this.#refuse('removed');
        this.#announce();
        // A joining device waiting for a rival to move its claim: read back again.
        if (me?.seriesConfirmedAt === null) this.#flushSoon(FLUSH_DELAY_MS);
      })
    );
    if (options.removed) this.refusal = 'removed';
  }

  get key(): string {
    return this.#key;
  }

  /** Member ids with a device on the relay now, this one's included when it is connected. */
  get onlineMembers(): ReadonlySet<string> {
    const ids = new Set(this.peers);
    if (this.socket === 'open') ids.add(this.#ws.memberId);
    return ids;
  }

  start(): void {
    if (this.#ws.members.peek(this.#ws.memberId)?.removed && !this.refusal) this.#refuse('removed');
    this.#stops.push(this.#network.watch(this.#onNetwork));
    this.#announce();
    void this.#begin();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#clearTimers();
    for (const stop of this.#stops) stop();
    this.#stops = [];
    this.#provider.awareness.setLocalState(null);
    this.#provider.destroy();
    this.#provider.awareness.destroy();
    for (const archive of [...this.#archives.values()]) closeArchive(archive);
    this.#archives.clear();
    this.#failWaiters();
  }

  /**
   * Keeps `doc` in sync with the archive of `year` on the relay (the room
   * `<workspaceId>/archive/<year>`), with this link's token: connected while the live room's
   * socket is open (the relay took the token), disconnected when it closes — offline, a key
   * change or refusal, stop(). Called before start(), it connects when the link does. The
   * header's state stays the live room's. A second call for the same year replaces the first.
   * Returns the function that stops syncing it.
   */
  syncArchive(year: number, doc: Y.Doc): () => void {
    if (this.#stopped) return () => {};
    const earlier = this.#archives.get(year);
    if (earlier) closeArchive(earlier);
    const provider = roomProvider(this.relayUrl, `${this.#ws.id}/archive/${year}`, doc, this.#options.WebSocket);
    // Its awareness keeps the default (empty) state: the relay echoes it every 15 s, which keeps
    // y-websocket from taking a quiet archive for a dead connection (30 s without a message).
    sendInPieces(provider);
    this.#archives.set(year, provider);
    if (this.socket === 'open') connectWith(provider, this.#token);
    return () => {
      if (this.#archives.get(year) !== provider) return;
      this.#archives.delete(year);
      closeArchive(provider);
    };
  }

  /**
   * Connects, after asking the relay which token it takes for this key (derived, or the key of a
   * workspace linked before tokens were derived) — and, when this device is joining, whether it
   * knows the workspace at all (never register by mistake).
   */
  async #begin(): Promise<void> {
    if (this.#stopped || this.refusal || this.#recovering) return;
    this.browserOnline = this.#network.online();
    if (!this.browserOnline) return;
    if (!this.#tokenSettled) {
      const found = await this.#find(this.#key);
      if (this.#stopped || this.refusal || this.#recovering) return;
      if (found.check === 'unreachable') {
        if (this.joining) {
          this.failures++;
          this.#retry(() => void this.#begin());
          return;
        }
        // Offline-first: try the derived token; failures lead to a key check later.
        if (!this.#token) this.#token = await relayToken(this.#key, this.#ws.id);
      } else if (found.check === 'ok' || (found.check === 'unregistered' && !this.joining)) {
        return this.#use(this.#key, found);
      } else if (found.check === 'refused') {
        if (this.joining) return this.#refuse('key');
        return void this.#recoverKey();
      } else {
        return this.#refuse('unknown_workspace');
      }
    }
    this.#connect();
  }

  /** Opens the socket with the current token. */
  #connect(): void {
    connectWith(this.#provider, this.#token);
  }

  // ——— round trips ———

  /**
   * Asks the relay for what this device lacks, after everything sent so far: true once the
   * answer arrived (the relay then holds all this device sent before), false if not connected.
   */
  roundTrip(): Promise<boolean> {
    const socket = this.#provider.ws;
    if (!this.#provider.wsconnected || !socket || socket.readyState !== 1) return Promise.resolve(false);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.#ws.doc);
    socket.send(encoding.toUint8Array(encoder));
    const target = ++this.#sent;
    return new Promise((resolve) => this.#waiters.push({ target, resolve }));
  }

  #failWaiters(): void {
    for (const w of this.#waiters) w.resolve(false);
    this.#waiters = [];
  }

  #flushSoon(ms: number): void {
    if (this.#flushTimer || this.#stopped) return;
    this.#flushTimer = setTimeout(() => {
      this.#flushTimer = null;
      void this.#flush();
    }, ms);
  }

  /** A read-back after the latest local change: acknowledges it, then settles what depends on it. */
  async #flush(): Promise<void> {
    if (!this.synced || this.#stopped) return; // the next 'sync' flushes
    if (this.#flushing) {
      this.#flushAgain = true;
      return;
    }
    this.#flushing = true;
    try {
      const seq = this.#localSeq;
      if (!(await this.roundTrip()) || this.#stopped) return;
      // A change made during the round trip is not acknowledged yet: its own flush follows.
      if (seq !== this.#localSeq) return;
      this.pending = false;
      this.#noteSynced();
      this.#afterReadBack();
    } finally {
      this.#flushing = false;
      if (this.#flushAgain) {
        this.#flushAgain = false;
        this.#flushSoon(0);
      }
    }
  }

  /** On a read-back that followed every local change: the series letter, then « last seen ». */
  #afterReadBack(): void {
    const ws = this.#ws;
    const me = ws.members.peek(ws.memberId);
    if (!me || ws.readOnly || ws.status !== 'ready') return;
    ws.apply('member/synced', this.#now(), LAST_SEEN_EVERY_MS);
  }

  #noteSynced(): void {
    const at = this.#now().toISOString();
    this.lastSyncAt = at;
    this.#options.onSynced(at);
  }

  // ——— provider events ———

  #onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
    if (status === 'connected') {
      // The provider sends its own step 1 right after this event.
      this.#sent = 1;
      this.#received = 0;
      this.socket = 'open';
      // The relay took this token: the archives follow with it.
      for (const archive of this.#archives.values()) connectWith(archive, this.#token);
    } else {
      this.socket = status === 'connecting' ? 'connecting' : 'closed';
      // Whatever closed the live room's socket (offline, a key change, a refusal, stop) closes theirs.
      if (status === 'disconnected') for (const archive of this.#archives.values()) archive.disconnect();
    }
  };

  #onSync = (isSynced: boolean) => {
    this.synced = isSynced;
    if (!isSynced) return;
    this.failures = 0;
    this.#markFirstSync();
    // What this device sent on connecting is acknowledged by the next read-back.
    this.#flushSoon(0);
    if (this.#legacy) void this.#migrate();
  };

  #onClose = (event: CloseEvent | null) => {
    // The last moment this device and the relay were known to agree.
    if (this.synced && !this.pending) this.#noteSynced();
    this.synced = false;
    this.socket = 'closed';
    this.#failWaiters();
    if (!event || this.#stopped) return; // closed by this side (offline, stop)
    if (event.code === CLOSE_KEY_ROTATED) {
      void this.#recoverKey();
      return;
    }
    if (event.code === CLOSE_QUOTA) return this.#refuse('quota');
    this.failures++;
    // Browsers hide a refused upgrade's status (401 looks like any failure): ask over HTTP.
    if (this.failures >= FAILURES_BEFORE_KEY_CHECK && this.#network.online()) void this.#checkAfterFailures();
  };

  #onDocUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === this.#provider) return;
    this.#localSeq++;
    this.pending = true;
    this.#flushSoon(FLUSH_DELAY_MS);
  };

  #onAwareness = () => {
    const ids = new Set<string>();
    for (const [clientId, state] of this.#provider.awareness.getStates()) {
      if (clientId === this.#ws.doc.clientID) continue;
      const member = (state as { member?: unknown }).member;
      if (typeof member === 'string' && member !== this.#ws.memberId) ids.add(member);
    }
    const same = ids.size === this.peers.size && [...ids].every((id) => this.peers.has(id));
    if (!same) this.peers = ids;
  };

  /** Tells the other devices which member this one is (and its current name). */
  #announce(): void {
    if (this.#stopped) return;
    const name = this.#ws.members.peek(this.#ws.memberId)?.name ?? '';
    const current = this.#provider.awareness.getLocalState() as { member?: string; name?: string } | null;
    if (current?.member === this.#ws.memberId && current.name === name) return;
    this.#provider.awareness.setLocalState({ member: this.#ws.memberId, name });
  }

  #onNetwork = (online: boolean) => {
    this.browserOnline = online;
    if (!online) {
      this.#provider.disconnect();
      return;
    }
    this.failures = 0;
    // A stale key may have been sealed for this device since (a partner's later key change).
    if (this.refusal === 'key' && !this.joining) void this.#recoverKey();
    else void this.#begin();
  };

  // ——— keys ———

  async #checkAfterFailures(): Promise<void> {
    const at = Date.now();
    if (this.#recovering || at - this.#lastKeyCheck < KEY_CHECK_EVERY_MS) return;
    this.#lastKeyCheck = at;
    const found = await this.#find(this.#key);
    if (this.#stopped) return;
    // The relay did not answer (it is restarting): that was no check. The next failure asks
    // again, or a key the restarted relay refuses would be found only KEY_CHECK_EVERY_MS later.
    if (found.check === 'unreachable') this.#lastKeyCheck = 0;
    else if (found.check === 'refused') await this.#recoverKey();
    else if (found.check === 'closed') this.#refuse('unknown_workspace');
    // The relay takes this key under the other scheme (a workspace not migrated yet, or one
    // migrated meanwhile): use that token.
    else if (found.check === 'ok' && found.token !== this.#token) this.#use(this.#key, found);
  }

  /**
   * The relay refuses this device's token. Its envelope holds the current key — or, after the
   * relay was restored from an older backup, an older key the relay takes again: either way it
   * is tried. Nothing usable → 'key' (stale): the device keeps working and keeps everything, and
   * a new invite brings it back. Never « removed »: only the member's removed flag says that.
   */
  async #recoverKey(): Promise<void> {
    if (this.#recovering || this.#stopped) return;
    this.#recovering = true;
    try {
      this.#provider.disconnect();
      // The same key may still work under the other token scheme (a workspace being migrated).
      const own = await this.#find(this.#key);
      if (this.#stopped) return;
      if (own.check === 'unreachable') return this.#retry(() => void this.#recoverKey());
      if (own.check === 'closed') return this.#refuse('unknown_workspace');
      if (own.check === 'ok' || own.check === 'unregistered') {
        this.#recovering = false;
        return this.#use(this.#key, own);
      }
      const got = await fetchEnvelope(this.relayUrl, this.#ws.id, this.#ws.memberId, this.#fetch);
      if (this.#stopped) return;
      if (got === 'unreachable') return this.#retry(() => void this.#recoverKey());
      if (!got.envelope) return this.#refuse('key');
      const privateKey = await this.#options.privateKey();
      if (!privateKey) return this.#refuse('key');
      let key: string;
      try {
        key = await openEnvelope(got.envelope, privateKey, { workspaceId: this.#ws.id, memberId: this.#ws.memberId });
      } catch {
        return this.#refuse('key');
      }
      if (key === this.#key) return this.#refuse('key');
      const found = await this.#find(key);
      if (this.#stopped) return;
      if (found.check === 'unreachable') return this.#retry(() => void this.#recoverKey());
      if (found.check !== 'ok') return this.#refuse('key');
      this.#recovering = false;
      this.#use(key, found);
    } finally {
      this.#recovering = false;
    }
  }

  /** Which token the relay takes for `key`; the key itself is tried only if never seen derived. */
  #find(key: string): Promise<TokenFound> {
    return findToken(this.relayUrl, this.#ws.id, key, this.#fetch, { rawFallback: !this.#derivedKeys.has(key) });
  }

  /** Uses `key` and the token the relay takes for it from now on (kept on this device), and connects. */
  #use(key: string, found: Extract<TokenFound, { token: string }>): void {
    if (this.#stopped) return;
    this.#token = found.token;
    this.#legacy = found.legacy;
    this.#tokenSettled = true;
    const newlyDerived = !found.legacy && !this.#derivedKeys.has(key);
    if (!found.legacy) this.#derivedKeys.add(key);
    if (key !== this.#key || newlyDerived) {
      this.#key = key;
      this.#options.onKey(key, !found.legacy);
    }
    if (this.refusal !== 'removed') this.refusal = null;
    this.failures = 0;
    if (this.#network.online() && !this.refusal) {
      this.#provider.disconnect();
      this.#connect();
    }
  }

  /**
   * A workspace linked before tokens were derived: the relay has seen its key. Once, from a
   * synced device, a key change to a fresh key whose token is derived (the envelopes carry it
   * to every device). Two devices doing it at once: the second is refused (401) and picks up
   * the first one's envelope after its 4401.
   */
  async #migrate(): Promise<void> {
    if (this.#migrating || this.#stopped || this.#ws.readOnly || this.refusal) return;
    this.#migrating = true;
    try {
      await this.rotate(this.#ws.members.all());
    } finally {
      this.#migrating = false;
    }
  }

  #refuse(reason: NonNullable<SyncFacts['refusal']>): void {
    this.refusal = reason;
    this.#provider.disconnect();
    if (reason === 'removed') this.#options.onRemoved();
  }

  #retry(run: () => void): void {
    if (this.#retryTimer || this.#stopped) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      run();
    }, RETRY_MS);
  }

  #clearTimers(): void {
    if (this.#flushTimer) clearTimeout(this.#flushTimer);
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#flushTimer = this.#retryTimer = null;
  }

  /**
   * A new workspace key: sealed for every remaining member that published a device key, sent to
   * the relay (its derived token as `newKey`) with the current token; from then on the relay
   * refuses the old one. Changes made before (a device marked removed) reach the relay first.
   * The relay refuses (409) a set that leaves out a member not removed that this device had not
   * seen yet (one that joined meanwhile): after a read-back, sealed again once.
   */
  async rotate(members: readonly Member[]): Promise<RotationOutcome> {
    let result: RotationOutcome | null = null;
    for (let attempt = 0; attempt < 2 && (!result || (!result.ok && result.reason === 'conflict')); attempt++) {
      if (!(await this.roundTrip())) return { ok: false, reason: 'offline' };
      result = await this.#rotateOnce(attempt === 0 ? members : this.#ws.members.all());
    }
    return result!;
  }

  async #rotateOnce(members: readonly Member[]): Promise<RotationOutcome> {
    const newKey = newSecretKey();
    const envelopes: Record<string, string> = {};
    const unsealed: string[] = [];
    for (const m of members) {
      if (m.removed) continue;
      if (!m.publicKey) {
        unsealed.push(m.id);
        continue;
      }
      try {
        envelopes[m.id] = await sealKey(newKey, m.publicKey, { workspaceId: this.#ws.id, memberId: m.id });
      } catch {
        unsealed.push(m.id);
      }
    }
    const newToken = await relayToken(newKey, this.#ws.id);
    const result = await rotateKey(this.relayUrl, this.#ws.id, this.#token, { newKey: newToken, envelopes, by: this.#ws.memberId }, this.#fetch);
    if (result !== 'ok') return { ok: false, reason: result };
    this.#use(newKey, { check: 'ok', token: newToken, legacy: false });
    return { ok: true, unsealed };
  }
}
