// Checks a binary frame against the y-websocket protocol before the server utilities see it, so
// that garbage closes the socket that sent it with a proper code instead of reaching Yjs.
//
//   frame    = varUint(messageType) payload
//   sync (0) = varUint(0 step 1 | 1 step 2 | 2 update) varUint8Array(state vector | update)
//   awareness (1) = varUint8Array(varUint(n) n × (varUint clientID, varUint clock, varString JSON))
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

export interface FrameProblem {
  code: typeof CLOSE_UNSUPPORTED | typeof CLOSE_INVALID;
  reason: string;
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

/** Null when `frame` is a well-formed sync or awareness message, else why it is refused. */
export function checkFrame(frame: Uint8Array): FrameProblem | null {
  try {
    const decoder = decoding.createDecoder(frame);
    const messageType = decoding.readVarUint(decoder);
    if (messageType === MESSAGE_SYNC) {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === SYNC_STEP_1) Y.decodeStateVector(payload);
      else if (step === SYNC_STEP_2 || step === SYNC_UPDATE) Y.decodeUpdate(payload);
      else return { code: CLOSE_UNSUPPORTED, reason: `unknown sync message ${step}` };
    } else if (messageType === MESSAGE_AWARENESS) {
      checkAwarenessUpdate(decoding.readVarUint8Array(decoder));
    } else {
      return { code: CLOSE_UNSUPPORTED, reason: `unknown message type ${messageType}` };
    }
    if (decoding.hasContent(decoder)) return { code: CLOSE_INVALID, reason: 'trailing bytes after the message' };
    return null;
  } catch {
    return { code: CLOSE_INVALID, reason: 'malformed message' };
  }
}
