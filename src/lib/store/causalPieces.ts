// A Yjs update cut into pieces that can be applied one per task, in order, each integrating at
// once: a piece never waits in Yjs's pending structures for a later one (where every following
// piece would merge into it — quadratic — and nothing would show until it resolves). splitUpdate
// (updateChunks.ts) orders structures by client, which a workspace edited on two devices breaks:
// B's edit of a record A created can come before A's record. Here a structure comes only after
// every structure it depends on, and the deletions come last, when every item they delete is in.
import * as Y from 'yjs';
import { PieceWriter, deletionPieces, encodeStructs, type PlacedStruct, type Struct } from './updateChunks';

/** A client's structures in clock order, and the index of the first not yet emitted. */
interface Lane {
  structs: Struct[];
  next: number;
}

/**
 * Bytes of a stored piece: what the page applies in one task (persistence.ts). Yjs integrates
 * about 3 MB a second on the 2-core machine, decoding and collecting garbage included (bench,
 * 10 000 invoices): 64 kB is about 20 ms, well under the 50 ms of a long task.
 */
export const PIECE_BYTES = 64 * 1024;

/** `update` as pieces of at most `maxBytes` (a single larger structure alone), in causal order. */
export function causalPieces(update: Uint8Array, maxBytes = PIECE_BYTES): Uint8Array[] {
  if (update.byteLength <= maxBytes) return [update];
  const { structs, ds } = Y.decodeUpdate(update);
  const limits = { maxBytes, maxStructs: Infinity };
  const writer = new PieceWriter(limits);
  const order = causalOrder(structs);
  const bytes = encodeStructs(order);
  order.forEach((struct, i) => writer.add(struct, bytes[i]));
  writer.flush();
  return [...writer.pieces, ...deletionPieces(ds, limits)];
}

/**
 * The structures (Skips left out) so that each comes after those it depends on: the previous
 * clock of its client, and for an Item its origin, right origin and parent when that is a nested
 * type (an ID; a string names a root type). One cursor per client, a round emits each client's
 * structures as far as they are ready; rounds ≈ times the history went from one device to another.
 */
export function causalOrder(structs: Struct[]): PlacedStruct[] {
  const lanes = new Map<number, Lane>();
  for (const struct of structs) {
    const lane = lanes.get(struct.id.client);
    if (lane) lane.structs.push(struct);
    else lanes.set(struct.id.client, { structs: [struct], next: 0 });
  }
  const ready = (struct: PlacedStruct): boolean => {
    if (!(struct instanceof Y.Item)) return true; // a GC depends on its previous clock only
    const { origin, rightOrigin, parent } = struct;
    return (
      (origin === null || emitted(lanes, origin)) &&
      (rightOrigin === null || emitted(lanes, rightOrigin)) &&
      !(parent instanceof Y.ID && !emitted(lanes, parent))
    );
  };

  const order: PlacedStruct[] = [];
  let pending = [...lanes.values()];
  while (pending.length > 0) {
    let progressed = false;
    for (const lane of pending) {
      for (; lane.next < lane.structs.length; lane.next++) {
        const struct = lane.structs[lane.next];
        if (struct instanceof Y.Skip) continue;
        if (!ready(struct)) break;
        order.push(struct);
        progressed = true;
      }
    }
    pending = pending.filter((lane) => lane.next < lane.structs.length);
    // A full state always progresses; a malformed one must still end: its next structure goes
    // anyway (Yjs will keep it pending, as it would the whole update).
    if (!progressed && pending.length > 0) order.push(pending[0].structs[pending[0].next++] as PlacedStruct);
  }
  return order;
}

/**
 * Whether the structure holding `id` was emitted — or is not in the update at all (before its
 * first clock of that client, after its last, or in a hole), in which case the document applying
 * the pieces already has it or Yjs would wait for it whatever the order.
 */
function emitted(lanes: Map<number, Lane>, id: Y.ID): boolean {
  const lane = lanes.get(id.client);
  if (!lane || lane.next === lane.structs.length) return true;
  const head = lane.structs[lane.next];
  if (id.clock < head.id.clock) return true;
  const last = lane.structs[lane.structs.length - 1];
  if (id.clock >= last.id.clock + last.length) return true;
  if (id.clock < head.id.clock + head.length) return head instanceof Y.Skip;
  return lane.structs[holding(lane.structs, id.clock, lane.next)] instanceof Y.Skip;
}

/** Index of the structure covering `clock` in a client's contiguous structures, from `from`. */
function holding(structs: Struct[], clock: number, from: number): number {
  let lo = from;
  let hi = structs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (structs[mid].id.clock <= clock) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
