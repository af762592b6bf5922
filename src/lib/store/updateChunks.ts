// A Yjs update cut into pieces a relay accepts (sync-server/README.md: frame cap and structures
// per update). A workspace's first upload is its whole history — 44 MB for 10 000 invoices —
// and one such frame is exactly what a relay must refuse from an attacker. The pieces are plain
// v1 updates: each holds runs of one client's consecutive structures, the delete set travels
// last, and applying them in any order gives the same document as the whole update (Yjs keeps
// a piece whose predecessors have not arrived as pending until they do).
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

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

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

/** A v1 update of the given runs and an empty delete set. */
function encodeRuns(runs: Run[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, runs.length);
  for (const run of runs) {
    encoding.writeVarUint(encoder, run.count);
    encoding.writeVarUint(encoder, run.client);
    encoding.writeVarUint(encoder, run.clock);
    for (const bytes of run.bytes) encoding.writeUint8Array(encoder, bytes);
  }
  encoding.writeVarUint(encoder, 0); // no deletions: they travel in the last piece
  return encoding.toUint8Array(encoder);
}

/** `update` as pieces within `limits`; `[update]` when it already is within them. */
export function splitUpdate(update: Uint8Array, limits: ChunkLimits = CHUNK_LIMITS): Uint8Array[] {
  // Each structure takes at least 3 bytes: an update this small is within both limits.
  if (update.byteLength <= Math.min(limits.maxBytes, 3 * limits.maxStructs)) return [update];
  const { structs } = Y.decodeUpdate(update);
  if (update.byteLength <= limits.maxBytes && structs.length <= limits.maxStructs) return [update];

  const pieces: Uint8Array[] = [];
  let runs: Run[] = [];
  let size = 0;
  let count = 0;
  let run = null as Run | null;
  const flush = () => {
    if (count > 0) pieces.push(encodeRuns(runs));
    runs = [];
    size = count = 0;
    run = null;
  };
  for (const struct of structs) {
    // A Skip is a hole in a partial update: the next structure starts a new run.
    if (struct instanceof Y.Skip) {
      run = null;
      continue;
    }
    const bytes = encodeStruct(struct);
    if (count > 0 && (size + bytes.byteLength > limits.maxBytes || count + 1 > limits.maxStructs)) flush();
    const { client, clock } = struct.id;
    if (run && run.client === client && run.next === clock) {
      run.bytes.push(bytes);
      run.count++;
      run.next += struct.length;
    } else {
      run = { client, clock, next: clock + struct.length, count: 1, bytes: [bytes] };
      runs.push(run);
    }
    size += bytes.byteLength;
    count++;
  }
  flush();
  // Deletions last: the update's delete set without any of its structures (a state vector at
  // the end of each client's structures filters them all out).
  const ends = new Map<number, number>();
  for (const struct of structs) ends.set(struct.id.client, Math.max(ends.get(struct.id.client) ?? 0, struct.id.clock + struct.length));
  const deletions = Y.diffUpdate(update, Y.encodeStateVector(ends));
  if (deletions.byteLength > 2) pieces.push(deletions);
  return pieces;
}
