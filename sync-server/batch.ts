// Frames received together are applied in ONE SQLite transaction, and whatever the server
// utilities send while applying them is held until that transaction has committed.
//
// One transaction per tiny update is what let a flood of 100 000 updates grow the WAL to
// 622 MiB (every commit appends whole pages). Batching keeps the contract « store, then relay »:
// each update is appended inside the doc's 'update' listener as before, but the sends that the
// broadcast makes are queued on their sockets (GuardedSocket.send asks `holding`) and released
// only after COMMIT returned. If anything in the batch failed to store, nothing of it is sent:
// every workspace it touched is closed (1011) and reloaded from SQLite, and the devices re-send.

/** What the batch needs from a socket. */
export interface BatchedSocket {
  /** The docName of the socket's room (a workspace id, or `<id>/archive/<year>`): reloaded on failure. */
  readonly workspace: string;
  /** Applies one frame (called inside the transaction). */
  dispatch(data: ArrayBuffer, changes: number): void;
  /** Sends (committed) or drops (rolled back) what was held during the batch. */
  releaseHeld(committed: boolean): void;
}

interface Pending {
  data: ArrayBuffer;
  changes: number;
}

export class CommitBatch {
  /** Frames waiting, per socket in arrival order; sockets are served in turn. */
  private readonly queues = new Map<BatchedSocket, Pending[]>();
  private queued = 0;
  private readonly holders = new Set<BatchedSocket>();
  private scheduled = false;
  private failure: unknown = null;
  /** True while frames are being applied: sends must be held. */
  holding = false;
  /** Batches committed (for tests and metrics). */
  commits = 0;

  constructor(
    /** Runs `work` in one database transaction (throws if it could not commit). */
    private readonly transact: (work: () => void) => void,
    /** The batch did not commit: these workspaces hold updates that are not stored. */
    private readonly onFailure: (error: unknown, workspaces: Set<string>) => void,
    /** At most this many frames per transaction; the rest wait one turn of the event loop. */
    private readonly maxFrames = 256,
    /**
     * At most this many frames of one socket per transaction: a socket that sent a burst cannot
     * make the others' frames wait behind all of it (one tenant's flood never stalls another).
     */
    private readonly maxFramesPerSocket = 4
  ) {}

  enqueue(socket: BatchedSocket, data: ArrayBuffer, changes: number): void {
    let queue = this.queues.get(socket);
    if (!queue) this.queues.set(socket, (queue = []));
    queue.push({ data, changes });
    this.queued++;
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate runs after the poll phase: every frame read in this turn joins the batch.
    setImmediate(() => this.flush());
  }

  /** A socket's send() during a batch: it keeps the message and is released after the commit. */
  hold(socket: BatchedSocket): void {
    this.holders.add(socket);
  }

  /** Something could not be stored during this batch: nothing of it may be sent. */
  fail(error: unknown): void {
    this.failure ??= error;
  }

  /** Frames waiting for the next batch. */
  get pending(): number {
    return this.queued;
  }

  /**
   * Up to maxFramesPerSocket frames from each socket in turn, maxFrames in all; a socket alone
   * in the queue (a device sending a bulk change) may fill the batch.
   */
  private take(): { socket: BatchedSocket; data: ArrayBuffer; changes: number }[] {
    const items: { socket: BatchedSocket; data: ArrayBuffer; changes: number }[] = [];
    const perSocket = this.queues.size === 1 ? this.maxFrames : this.maxFramesPerSocket;
    for (const [socket, queue] of [...this.queues]) {
      if (items.length >= this.maxFrames) break;
      const n = Math.min(queue.length, perSocket, this.maxFrames - items.length);
      for (const frame of queue.splice(0, n)) items.push({ socket, ...frame });
      // Served sockets go to the back of the line.
      this.queues.delete(socket);
      if (queue.length > 0) this.queues.set(socket, queue);
    }
    this.queued -= items.length;
    return items;
  }

  flush(): void {
    this.scheduled = false;
    const items = this.take();
    if (this.queued > 0) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    if (items.length === 0) return;
    const touched = new Set<string>();
    this.failure = null;
    this.holding = true;
    try {
      this.transact(() => {
        for (const { socket, data, changes } of items) {
          touched.add(socket.workspace);
          socket.dispatch(data, changes);
        }
      });
    } catch (error) {
      this.failure ??= error;
    } finally {
      this.holding = false;
    }
    const committed = this.failure === null;
    if (committed) this.commits++;
    const holders = [...this.holders];
    this.holders.clear();
    for (const socket of holders) socket.releaseHeld(committed);
    if (!committed) this.onFailure(this.failure, touched);
  }
}
