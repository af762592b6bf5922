// A Yjs update cut into pieces a relay accepts (sync-server/README.md: frame cap and structures
// per update). A workspace's first upload is its whole history — 44 MB for 10 000 invoices —
// and one such frame is exactly what a relay must refuse from an attacker. The pieces are plain
// v1 updates: each holds runs of one client's consecutive structures, the delete set travels
// last, and applying them in any order gives the same document as the whole update (Yjs keeps
// a piece whose predecessors have not arrived as pending until they do). PieceWriter and
// deletionPieces are shared with causalPieces.ts, which orders the same structures causally.
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';

export interface ChunkLimits {
  /** Bytes per piece (a single larger structure still travels alone). */
  maxBytes: number;
  /** Structures per piece. */
  maxStructs: number;
}

/** Well under the relay's defaults (2 MiB per frame, 50 000 structures per update). */
export const CHUNK_LIMITS: ChunkLimits = { maxBytes: 512 * 1024, maxStructs: 20_000 };

export type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];
export type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];
/** A structure that carries something to apply (a Skip is a hole in a partial update). */
export type PlacedStruct = Y.Item | Y.GC;

// Upper bounds of the headers, so that a piece's size is known before it is encoded: a var-uint
// of a client id (≤ 2³²) or a clock takes at most 5 bytes.
const VAR_UINT_MAX_BYTES = 5;
/** Count of runs (or of delete-set clients) and the delete set's or the structures' empty count. */
const PIECE_HEADER_BYTES = VAR_UINT_MAX_BYTES + 1;
/** A run's structure count, client and first clock. */
const RUN_HEADER_BYTES = 3 * VAR_UINT_MAX_BYTES;

interface Run {
  client: number;
  /** Clock of the first structure. */
  clock: number;
  /** Clock right after the last structure: where a run continues. */
  next: number;
  count: number;
  bytes: Uint8Array[];
}

/** The structure's bytes as they appear in a v1 update. */
function encodeStruct(struct: Struct): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  struct.write(encoder, 0);
  return encoder.toUint8Array();
}

/**
 * Each structure's bytes as they appear in a v1 update: views into one buffer, written by one
 * encoder (an encoder per structure took 2,5 × as long on the 10 000-invoice state).
 */
export function encodeStructs(structs: PlacedStruct[]): Uint8Array[] {
  const encoder = new Y.UpdateEncoderV1();
  const ends = new Array<number>(structs.length);
  structs.forEach((struct, i) => {
    struct.write(encoder, 0);
    ends[i] = encoding.length(encoder.restEncoder);
  });
  const all = encoder.toUint8Array();
  return ends.map((end, i) => all.subarray(i === 0 ? 0 : ends[i - 1], end));
}

/** A v1 update of the given runs and an empty delete set. */
function encodeRuns(runs: Iterable<Run>, runCount: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, runCount);
  for (const run of runs) {
    encoding.writeVarUint(encoder, run.count);
    encoding.writeVarUint(encoder, run.client);
    encoding.writeVarUint(encoder, run.clock);
    for (const bytes of run.bytes) encoding.writeUint8Array(encoder, bytes);
  }
  encoding.writeVarUint(encoder, 0); // no deletions: they travel in the last pieces
  return encoding.toUint8Array(encoder);
}

/**
 * Fills pieces with structures in the order they are added, a new piece when the next one
 * would pass a limit. A piece holds one run per client: Yjs reads a client's second run in one
 * update over its first (readClientsStructRefs), so a client's structures separated by a hole of
 * a partial update share their run, the hole written as a Skip as Y.mergeUpdates does.
 */
export class PieceWriter {
  readonly pieces: Uint8Array[] = [];
  #runs = new Map<number, Run>();
  #size = PIECE_HEADER_BYTES;
  #count = 0;

  constructor(private readonly limits: ChunkLimits) {}

  /** Structures of one client must come in clock order; `bytes`: encodeStructs's for it. */
  add(struct: PlacedStruct, bytes: Uint8Array): void {
    const { client, clock } = struct.id;
    let run = this.#runs.get(client);
    if (run && clock < run.next) throw new Error(`Structure ${client}:${clock} added after ${client}:${run.next - 1}`);
    let hole = run && clock > run.next ? encodeStruct(new Y.Skip(Y.createID(client, run.next), clock - run.next)) : null;
    const grows = (run ? 0 : RUN_HEADER_BYTES) + (hole?.byteLength ?? 0) + bytes.byteLength;
    const structs = hole ? 2 : 1;
    if (this.#count > 0 && (this.#size + grows > this.limits.maxBytes || this.#count + structs > this.limits.maxStructs)) {
      this.flush();
      run = undefined;
      hole = null;
    }
    if (!run) {
      run = { client, clock, next: clock, count: 0, bytes: [] };
      this.#runs.set(client, run);
      this.#size += RUN_HEADER_BYTES;
    }
    if (hole) {
      run.bytes.push(hole);
      run.count++;
      this.#size += hole.byteLength;
      this.#count++;
    }
    run.bytes.push(bytes);
    run.count++;
    run.next = clock + struct.length;
    this.#size += bytes.byteLength;
    this.#count++;
  }

  /** Closes the piece being filled; the next structure starts another. */
  flush(): void {
    if (this.#count > 0) this.pieces.push(encodeRuns(this.#runs.values(), this.#runs.size));
    this.#runs = new Map();
    this.#size = PIECE_HEADER_BYTES;
    this.#count = 0;
  }
}

/**
 * The update's deletions as updates without structures, each within `limits` (a relay counts a
 * delete range as it counts a structure; a client's ranges may be spread over several pieces).
 * Applied after every structure, they delete at once: none waits in Yjs's pending delete set.
 */
export function deletionPieces(ds: DeleteSet, limits: ChunkLimits): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let clients: { client: number; ranges: Uint8Array[] }[] = [];
  let size = PIECE_HEADER_BYTES;
  let count = 0;
  const flush = () => {
    if (count > 0) pieces.push(encodeDeletions(clients));
    clients = [];
    size = PIECE_HEADER_BYTES;
    count = 0;
  };
  // Deterministic order, as Yjs writes it: highest client first.
  for (const [client, items] of [...ds.clients.entries()].sort((a, b) => b[0] - a[0])) {
    let current: { client: number; ranges: Uint8Array[] } | null = null;
    for (const item of items) {
      const range = encoding.createEncoder();
      encoding.writeVarUint(range, item.clock);
      encoding.writeVarUint(range, item.len);
      const bytes = encoding.toUint8Array(range);
      const grows = (current ? 0 : 2 * VAR_UINT_MAX_BYTES) + bytes.byteLength;
      if (count > 0 && (size + grows > limits.maxBytes || count + 1 > limits.maxStructs)) {
        flush();
        current = null;
      }
      if (!current) {
        current = { client, ranges: [] };
        clients.push(current);
        size += 2 * VAR_UINT_MAX_BYTES;
      }
      current.ranges.push(bytes);
      size += bytes.byteLength;
      count++;
    }
  }
  flush();
  return pieces;
}

/** A v1 update without structures whose delete set holds the given ranges. */
function encodeDeletions(clients: { client: number; ranges: Uint8Array[] }[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // no structures
  encoding.writeVarUint(encoder, clients.length);
  for (const { client, ranges } of clients) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    for (const range of ranges) encoding.writeUint8Array(encoder, range);
  }
  return encoding.toUint8Array(encoder);
}

/** `update` as pieces within `limits`; `[update]` when it already is within them. */
export function splitUpdate(update: Uint8Array, limits: ChunkLimits = CHUNK_LIMITS): Uint8Array[] {
  // Each structure takes at least 3 bytes: an update this small is within both limits.
  if (update.byteLength <= Math.min(limits.maxBytes, 3 * limits.maxStructs)) return [update];
  const { structs, ds } = Y.decodeUpdate(update);
  if (update.byteLength <= limits.maxBytes && structs.length <= limits.maxStructs) return [update];

  const placed = structs.filter((struct): struct is PlacedStruct => !(struct instanceof Y.Skip));
  const bytes = encodeStructs(placed);
  const writer = new PieceWriter(limits);
  placed.forEach((struct, i) => writer.add(struct, bytes[i]));
  writer.flush();
  return [...writer.pieces, ...deletionPieces(ds, limits)];
}
