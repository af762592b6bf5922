// A guard between a `ws` socket and @y/websocket-server's utilities. The utilities get this object
// as their "socket" (it has the few members they use: on, send, ping, close, readyState) and see
// only well-formed binary frames; everything else closes this socket alone:
//
//   text frame                       → 1003 (unsupported data)
//   unknown message or sync type     → 1003
//   undecodable, truncated, trailing → 1007 (invalid payload)
//   larger than maxPayload           → 1009 (by ws, reported through its 'error' event)
//   more structs than the cap        → 1009, before anything is decoded into Yjs objects
//   over its message rate too long   → 1008 (policy violation)
//   refused by `admit` (quota, disk) → its own code (4413, 1013)
//
// The stock server hands the raw socket to the utilities and has no 'error' listener on it, so an
// oversized frame crashes the whole process; here every socket has one.
//
// Frames are not applied as they arrive: they go to the CommitBatch (batch.ts), which applies the
// frames of one event-loop turn in one SQLite transaction and holds this socket's sends until it
// commits. A socket over its message or byte rate is paused (its TCP socket is no longer read,
// so the sender's own buffers fill up) until its budget is back. Only a socket held back by its
// message rate for too long is closed: one held back by its byte rate alone is a large upload
// (a device linking a workspace of years sends hundreds of megabytes in 512 KiB pieces), slowed
// to the byte rate and bounded by the workspace's quota, never cut off half-way.
import { EventEmitter } from 'node:events';
import type { RawData, WebSocket } from 'ws';
import type { CommitBatch } from './batch.js';
import { CLOSE_INVALID, CLOSE_UNSUPPORTED, inspectFrame } from './frames.js';
import type { Logger } from './log.js';
import type { Counters } from './metrics.js';

/** Close code for a socket that stays over its rate (RFC 6455 policy violation). */
export const CLOSE_POLICY = 1008;

/** A socket's wait after a frame: `byMessages` when its message rate (not only its byte rate) is over. */
export interface Throttle {
  waitMs: number;
  byMessages: boolean;
}

export interface Refusal {
  code: number;
  reason: string;
}

const OPEN = 1;
const CLOSING = 2;
/** How long a peer gets to answer our close frame before its TCP connection is cut. */
const CLOSE_GRACE_MS = 2_000;

export interface ConnectionEnvironment {
  log: Logger;
  counters: Counters;
  maxBufferedBytes: number;
  /** Structs + delete ranges per update (default: no cap). */
  maxChanges?: number;
  /** Applies frames in one transaction per turn; without it each frame is applied at once. */
  batch?: CommitBatch;
  /** How long to hold this socket back after it sent `bytes` (0: within budget), and whether its message rate is why. */
  rate?: (bytes: number) => Throttle;
  /** A socket held back by its message rate without a break for this long is closed 1008. */
  throttledCloseMs?: number;
  /** Last word before an update with `changes` is applied: null, or why it is refused. */
  admit?: (changes: number, bytes: number) => Refusal | null;
  /** Available time (ms), the heartbeat's clock: it does not advance while the event loop is stalled. */
  clock?: () => number;
}

interface Held {
  message: Uint8Array;
  callback?: (error?: Error) => void;
}

/** The socket whose frame the server utilities are handling right now (they are synchronous). */
let dispatching: GuardedSocket | null = null;

/**
 * Tells the socket being dispatched that the utilities failed on its frame (they catch their own
 * errors and report them as the document's 'error' event, which workspaces.ts forwards here).
 */
export function reportDispatchError(error: unknown): void {
  dispatching?.noteFailure(error);
}

function toBytes(data: RawData): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export class GuardedSocket extends EventEmitter {
  /** Set by the utilities; frames are always handed to them as ArrayBuffers. */
  binaryType = 'arraybuffer';
  private closing = false;
  /**
   * This side refused the socket (close, terminate): its queued frames are dropped. Frames a
   * peer sent before closing by itself are still applied, as they were read.
   */
  private refused = false;
  private failure: unknown = null;
  private closeTimer: NodeJS.Timeout | null = null;
  /** When this socket was last heard from (a frame or a pong), on the heartbeat's clock. */
  private heardAt: number;
  /** Frames read while the socket is held back by its rate; applied when it is released. */
  private readonly inbox: { data: ArrayBuffer; bytes: Uint8Array }[] = [];
  private throttleTimer: NodeJS.Timeout | null = null;
  private throttledSince: number | null = null;
  /** Sends made while a batch is being applied, released once it committed. */
  private held: Held[] = [];

  constructor(
    readonly ws: WebSocket,
    readonly workspace: string,
    readonly remote: string,
    private readonly env: ConnectionEnvironment
  ) {
    super();
    ws.binaryType = 'arraybuffer'; // exact buffers: lib0 decoders never read past a frame
    this.heardAt = this.now();
    ws.on('message', (data, isBinary) => this.receive(data, isBinary));
    ws.on('error', (error) => this.onSocketError(error));
    ws.on('pong', () => {
      this.heardAt = this.now();
      this.forward('pong');
    });
    ws.on('close', () => {
      this.closing = true;
      if (this.closeTimer) clearTimeout(this.closeTimer);
      if (this.throttleTimer) clearTimeout(this.throttleTimer);
      this.throttleTimer = null;
      // What the peer sent before it left is applied (bounded: one read's worth of frames).
      for (const { data, bytes } of this.inbox.splice(0)) if (!this.refused) this.accept(data, bytes);
      this.held = [];
      this.forward('close');
    });
  }

  private now(): number {
    return this.env.clock ? this.env.clock() : performance.now();
  }

  /** The utilities treat anything but OPEN (or CONNECTING) as closed and stop sending. */
  get readyState(): number {
    return this.closing && this.ws.readyState === OPEN ? CLOSING : this.ws.readyState;
  }

  get isClosing(): boolean {
    return this.closing;
  }

  send(message: Uint8Array, _options?: unknown, callback?: (error?: Error) => void): void {
    if (this.closing || this.ws.readyState !== OPEN) {
      if (callback) queueMicrotask(() => callback(new Error('socket is closed')));
      return;
    }
    const batch = this.env.batch;
    if (batch?.holding) {
      // Not before the batch's rows are committed (« store, then relay »).
      this.held.push({ message, callback });
      batch.hold(this);
      return;
    }
    this.sendNow(message, callback);
  }

  /** The batch committed (send what was held) or did not (drop it: the socket is being closed). */
  releaseHeld(committed: boolean): void {
    const held = this.held;
    this.held = [];
    // One write for the whole batch instead of one syscall per message (ws corks each frame
    // itself; corks nest). Under a flood, these sends are most of the relay's work.
    const raw = committed && held.length > 1 ? (this.ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket : undefined;
    raw?.cork();
    try {
      for (const { message, callback } of held) {
        if (committed) this.send(message, undefined, callback);
        else if (callback) queueMicrotask(() => callback(new Error('not stored')));
      }
    } finally {
      raw?.uncork();
    }
  }

  private sendNow(message: Uint8Array, callback?: (error?: Error) => void): void {
    if (this.ws.bufferedAmount > this.env.maxBufferedBytes) {
      this.env.log.warn('socket dropped: it does not read what it is sent', {
        workspace: this.workspace,
        remote: this.remote,
        buffered: this.ws.bufferedAmount
      });
      this.terminate();
      if (callback) queueMicrotask(() => callback(new Error('socket dropped')));
      return;
    }
    this.env.counters.bytesOut += message.byteLength;
    this.ws.send(message, { binary: true }, callback);
  }

  ping(): void {
    if (this.ws.readyState === OPEN) this.ws.ping();
  }

  /** Closes with `code`; frames arriving meanwhile are ignored; a silent peer is cut after 2 s. */
  close(code = 1000, reason = ''): void {
    this.refused = true;
    if (this.closing) return;
    this.closing = true;
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
      return;
    }
    this.closeTimer = setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS);
    this.closeTimer.unref();
  }

  terminate(): void {
    this.refused = true;
    this.closing = true;
    this.ws.terminate();
  }

  /**
   * Called every ping interval: a socket silent (no frame, no pong) for `silentMs` of the
   * heartbeat's clock — time the relay was actually available to read it — is cut; the others
   * are pinged.
   */
  heartbeat(silentMs: number): void {
    if (this.closing) return;
    if (this.now() - this.heardAt >= silentMs) {
      this.env.log.info('socket terminated: no answer to ping', { workspace: this.workspace, remote: this.remote });
      this.terminate();
      return;
    }
    try {
      this.ws.ping();
    } catch {
      this.terminate();
    }
  }

  noteFailure(error: unknown): void {
    this.failure ??= error;
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.closing) return;
    const bytes = toBytes(data);
    this.env.counters.bytesIn += bytes.byteLength;
    this.heardAt = this.now();
    if (!isBinary) return this.reject(CLOSE_UNSUPPORTED, 'text frames are not part of the protocol');
    const buffer = data instanceof ArrayBuffer ? data : bytes.slice().buffer;
    // Read before the pause took effect: waits its turn with the budget.
    if (this.throttleTimer) this.inbox.push({ data: buffer, bytes });
    else this.accept(buffer, bytes);
  }

  private accept(data: ArrayBuffer, bytes: Uint8Array): void {
    const facts = inspectFrame(bytes, this.env.maxChanges);
    if ('code' in facts) {
      if (facts.code === 1009) this.env.counters.structCapRefused++;
      return this.reject(facts.code, facts.reason);
    }
    if (this.env.batch) this.env.batch.enqueue(this, data, facts.changes);
    else this.dispatch(data, facts.changes);
    const wait = this.env.rate?.(bytes.byteLength);
    if (wait && wait.waitMs > 0) this.throttle(wait);
    else this.throttledSince = null;
  }

  /** Stops reading this socket for a while; one held back by its message rate for too long without a break is closed. */
  private throttle({ waitMs: ms, byMessages }: Throttle): void {
    if (this.closing) return;
    this.env.counters.rateLimited++;
    const now = performance.now();
    if (!byMessages) this.throttledSince = null;
    else this.throttledSince ??= now;
    if (this.throttledSince !== null && now - this.throttledSince > (this.env.throttledCloseMs ?? Infinity)) {
      this.env.log.warn('socket closed: over its rate for too long', { workspace: this.workspace, remote: this.remote });
      this.close(CLOSE_POLICY, 'too many messages');
      return;
    }
    this.ws.pause();
    this.throttleTimer = setTimeout(() => {
      this.throttleTimer = null;
      if (this.closing) return;
      this.ws.resume();
      while (this.inbox.length > 0 && !this.throttleTimer && !this.closing) {
        const next = this.inbox.shift()!;
        this.accept(next.data, next.bytes);
      }
    }, ms);
  }

  /** Applies one well-formed frame (from the batch, inside its transaction). */
  dispatch(data: ArrayBuffer, changes: number): void {
    if (this.refused) return;
    if (changes > 0 && this.env.admit) {
      const refusal = this.env.admit(changes, data.byteLength);
      if (refusal) {
        this.env.log.warn('update refused', { workspace: this.workspace, remote: this.remote, code: refusal.code, reason: refusal.reason });
        this.close(refusal.code, refusal.reason);
        return;
      }
    }
    this.failure = null;
    dispatching = this;
    try {
      this.emit('message', data);
    } catch (error) {
      this.noteFailure(error);
    } finally {
      dispatching = null;
    }
    if (this.failure !== null) this.reject(CLOSE_INVALID, 'message could not be applied', this.failure);
  }

  private reject(code: number, reason: string, error?: unknown): void {
    this.env.counters.framesRejected++;
    this.env.log.warn('frame rejected', { workspace: this.workspace, remote: this.remote, code, reason, error });
    this.close(code, reason);
  }

  private onSocketError(error: Error): void {
    // ws closes the socket itself after an error (1009 for an oversized frame, 1007 for bad UTF-8…).
    this.closing = true;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('WS_ERR_')) {
      this.env.counters.framesRejected++;
      this.env.log.warn('frame rejected', { workspace: this.workspace, remote: this.remote, error });
    } else {
      this.env.log.warn('socket error', { workspace: this.workspace, remote: this.remote, error });
    }
  }

  /** Hands an event to the utilities' listeners; their exceptions stop here. */
  private forward(event: 'pong' | 'close'): void {
    try {
      this.emit(event);
    } catch (error) {
      this.env.log.error(`${event} handler failed`, { workspace: this.workspace, remote: this.remote, error });
    }
  }
}

/**
 * The heartbeat's clock: milliseconds during which the relay was available to read its sockets.
 * It ticks every `tickMs`; a gap longer than two ticks (the event loop was stalled: a large
 * update, a slow disk) counts as two ticks only, so a client is never judged silent for the
 * time the relay itself was not listening.
 */
export class AvailabilityClock {
  private available = 0;
  private last = performance.now();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly tickMs: number) {
    this.timer = setInterval(() => this.advance(), tickMs);
    this.timer.unref();
  }

  private advance(): void {
    const now = performance.now();
    this.available += Math.min(now - this.last, 2 * this.tickMs);
    this.last = now;
  }

  now(): number {
    return this.available + Math.min(performance.now() - this.last, 2 * this.tickMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
