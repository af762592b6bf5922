// Checks a binary frame against the y-websocket protocol before the server utilities see it, so
// that garbage closes the socket that sent it with a proper code instead of reaching Yjs.
//
//   frame    = varUint(messageType) payload
//   sync (0) = varUint(0 step 1 | 1 step 2 | 2 update) varUint8Array(state vector | update)
//   awareness (1) = varUint8Array(varUint(n) n × (varUint clientID, varUint clock, varString JSON))
//
// An update is walked once without building anything (Y.decodeUpdate would allocate an object
// per struct: a 7 MiB frame of 600 000 map keys cost hundreds of MiB and seconds before Yjs even
// applied it). The walk counts structs and delete ranges and stops past the cap.
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** WebSocket close codes (RFC 6455 §7.4.1) used for refused frames. */
export const CLOSE_UNSUPPORTED = 1003;
export const CLOSE_INVALID = 1007;
export const CLOSE_TOO_BIG = 1009;

export interface FrameProblem {
  code: typeof CLOSE_UNSUPPORTED | typeof CLOSE_INVALID | typeof CLOSE_TOO_BIG;
  reason: string;
}

/** What a well-formed frame carries: `changes` structs and delete ranges of a document update. */
export interface FrameFacts {
  problem: null;
  /** Structs plus delete ranges of a sync step 2 or update; 0 for anything else. */
  changes: number;
}

function checkAwarenessUpdate(update: Uint8Array): void {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(decoder); // client id
    decoding.readVarUint(decoder); // clock
    JSON.parse(decoding.readVarString(decoder));
  }
}

class TooManyChanges extends Error {}

const BITS5 = 0x1f;
const BIT6 = 0x20;
const BIT7 = 0x40;
const BIT8 = 0x80;
/** Yjs type refs (YArray 0 … YXmlText 6); XmlElement (3) and XmlHook (5) carry a name. */
const LAST_TYPE_REF = 6;

function skipItemContent(decoder: decoding.Decoder, ref: number): void {
  switch (ref) {
    case 1: // deleted
      decoding.readVarUint(decoder);
      return;
    case 2: {
      // JSON values, each a string ('undefined' or JSON)
      const n = decoding.readVarUint(decoder);
      for (let i = 0; i < n; i++) {
        const s = decoding.readVarString(decoder);
        if (s !== 'undefined') JSON.parse(s);
      }
      return;
    }
    case 3: // binary
      decoding.readVarUint8Array(decoder);
      return;
    case 4: // string
      decoding.readVarString(decoder);
      return;
    case 5: // embed
      JSON.parse(decoding.readVarString(decoder));
      return;
    case 6: // format: key, JSON value
      decoding.readVarString(decoder);
      JSON.parse(decoding.readVarString(decoder));
      return;
    case 7: {
      // type
      const typeRef = decoding.readVarUint(decoder);
      if (typeRef > LAST_TYPE_REF) throw new Error(`unknown type ref ${typeRef}`);
      if (typeRef === 3 || typeRef === 5) decoding.readVarString(decoder);
      return;
    }
    case 8: {
      // any values
      const n = decoding.readVarUint(decoder);
      for (let i = 0; i < n; i++) decoding.readAny(decoder);
      return;
    }
    case 9: // subdocument: guid, options
      decoding.readVarString(decoder);
      decoding.readAny(decoder);
      return;
    default:
      throw new Error(`unknown content ref ${ref}`);
  }
}

/**
 * Structs plus delete ranges of a v1 update, read the way Yjs reads it (readClientsStructRefs,
 * readDeleteSet) but keeping nothing. Throws on a malformed update, and TooManyChanges as soon
 * as the count passes `max`.
 */
export function countUpdateChanges(update: Uint8Array, max = Infinity): number {
  const decoder = decoding.createDecoder(update);
  let changes = 0;
  const clients = decoding.readVarUint(decoder);
  for (let c = 0; c < clients; c++) {
    const structs = decoding.readVarUint(decoder);
    changes += structs;
    if (changes > max) throw new TooManyChanges();
    decoding.readVarUint(decoder); // client
    decoding.readVarUint(decoder); // clock
    for (let i = 0; i < structs; i++) {
      const info = decoding.readUint8(decoder);
      const ref = info & BITS5;
      if (ref === 0 || ref === 10) {
        decoding.readVarUint(decoder); // GC or Skip: length
        continue;
      }
      if (info & BIT8) decoding.readVarUint(decoder), decoding.readVarUint(decoder); // origin
      if (info & BIT7) decoding.readVarUint(decoder), decoding.readVarUint(decoder); // right origin
      if ((info & (BIT7 | BIT8)) === 0) {
        // parent: a root type's name, or the id of the item holding it; then the map key
        if (decoding.readVarUint(decoder) === 1) decoding.readVarString(decoder);
        else decoding.readVarUint(decoder), decoding.readVarUint(decoder);
        if (info & BIT6) decoding.readVarString(decoder);
      }
      skipItemContent(decoder, ref);
    }
  }
  const deleteClients = decoding.readVarUint(decoder);
  for (let c = 0; c < deleteClients; c++) {
    decoding.readVarUint(decoder); // client
    const ranges = decoding.readVarUint(decoder);
    changes += ranges;
    if (changes > max) throw new TooManyChanges();
    for (let i = 0; i < ranges; i++) decoding.readVarUint(decoder), decoding.readVarUint(decoder);
  }
  return changes;
}

/**
 * A well-formed sync or awareness message (with the number of changes it carries), or why it is
 * refused: more than `maxChanges` structs and delete ranges in one update → 1009.
 */
export function inspectFrame(frame: Uint8Array, maxChanges = Infinity): FrameFacts | FrameProblem {
  try {
    const decoder = decoding.createDecoder(frame);
    const messageType = decoding.readVarUint(decoder);
    let changes = 0;
    if (messageType === MESSAGE_SYNC) {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === SYNC_STEP_1) Y.decodeStateVector(payload);
      else if (step === SYNC_STEP_2 || step === SYNC_UPDATE) changes = countUpdateChanges(payload, maxChanges);
      else return { code: CLOSE_UNSUPPORTED, reason: `unknown sync message ${step}` };
    } else if (messageType === MESSAGE_AWARENESS) {
      checkAwarenessUpdate(decoding.readVarUint8Array(decoder));
    } else {
      return { code: CLOSE_UNSUPPORTED, reason: `unknown message type ${messageType}` };
    }
    if (decoding.hasContent(decoder)) return { code: CLOSE_INVALID, reason: 'trailing bytes after the message' };
    return { problem: null, changes };
  } catch (error) {
    if (error instanceof TooManyChanges) return { code: CLOSE_TOO_BIG, reason: 'too many changes in one message' };
    return { code: CLOSE_INVALID, reason: 'malformed message' };
  }
}

/** Null when `frame` is a well-formed sync or awareness message, else why it is refused. */
export function checkFrame(frame: Uint8Array, maxChanges = Infinity): FrameProblem | null {
  const facts = inspectFrame(frame, maxChanges);
  return 'code' in facts ? facts : null;
}
