// A guard between a `ws` socket and @y/websocket-server's utilities. The utilities get this object
// as their "socket" (it has the few members they use: on, send, ping, close, readyState) and see
// only well-formed binary frames; everything else closes this socket alone:
//
//   text frame                       → 1003 (unsupported data)
//   unknown message or sync type     → 1003
//   undecodable, truncated, trailing → 1007 (invalid payload)
//   larger than maxPayload           → 1009 (by ws, reported through its 'error' event)
//
// The stock server hands the raw socket to the utilities and has no 'error' listener on it, so an
// oversized frame crashes the whole process; here every socket has one.
import { EventEmitter } from 'node:events';
import type { RawData, WebSocket } from 'ws';
import { checkFrame, CLOSE_INVALID, CLOSE_UNSUPPORTED } from './frames.js';
import type { Logger } from './log.js';
import type { Counters } from './metrics.js';

const OPEN = 1;
const CLOSING = 2;
/** How long a peer gets to answer our close frame before its TCP connection is cut. */
const CLOSE_GRACE_MS = 2_000;

export interface ConnectionEnvironment {
  log: Logger;
  counters: Counters;
  maxBufferedBytes: number;
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
  private alive = true;
  private failure: unknown = null;
  private closeTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly ws: WebSocket,
    readonly workspace: string,
    readonly remote: string,
    private readonly env: ConnectionEnvironment
  ) {
    super();
    ws.binaryType = 'arraybuffer'; // exact buffers: lib0 decoders never read past a frame
    ws.on('message', (data, isBinary) => this.receive(data, isBinary));
    ws.on('error', (error) => this.onSocketError(error));
    ws.on('pong', () => {
      this.alive = true;
      this.forward('pong');
    });
    ws.on('close', () => {
      this.closing = true;
      if (this.closeTimer) clearTimeout(this.closeTimer);
      this.forward('close');
    });
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
    this.closing = true;
    this.ws.terminate();
  }

  /** Called every ping interval: a socket that did not answer the previous ping is cut. */
  heartbeat(): void {
    if (this.closing) return;
    if (!this.alive) {
      this.env.log.info('socket terminated: no answer to ping', { workspace: this.workspace, remote: this.remote });
      this.terminate();
      return;
    }
    this.alive = false;
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
    if (!isBinary) return this.reject(CLOSE_UNSUPPORTED, 'text frames are not part of the protocol');
    const problem = checkFrame(bytes);
    if (problem) return this.reject(problem.code, problem.reason);
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
