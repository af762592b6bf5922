// Two tabs of one workspace each hold a Y.Doc (the live one, and each archive); they exchange
// updates so both stay current. A tab that attaches says hello with its state vector: whatever
// another tab wrote while this one was loading (its broadcast then found nobody listening) comes
// back in the answer. Only what is missing travels, in both directions, never a whole workspace.
import * as Y from 'yjs';
import { newId } from './ids';

/** What tabs of one document send each other: an update, or the hello of a tab that attached. */
type TabMessage =
  | Uint8Array
  | { type: 'hello'; from: string; vector: Uint8Array }
  | { type: 'welcome'; to: string; update: Uint8Array; vector: Uint8Array };

/** Keeps `doc` in step with the same document in the other tabs; returns the function that stops it. */
export function linkTabs(doc: Y.Doc, channelName: string): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(channelName);
  const tab = newId();
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== channel) channel.postMessage(update);
  };
  channel.onmessage = (e: MessageEvent<TabMessage>) => {
    const m = e.data;
    if (m instanceof Uint8Array) Y.applyUpdate(doc, m, channel);
    else if (m?.type === 'hello')
      channel.postMessage({
        type: 'welcome',
        to: m.from,
        update: Y.encodeStateAsUpdate(doc, m.vector),
        vector: Y.encodeStateVector(doc)
      } satisfies TabMessage);
    else if (m?.type === 'welcome' && m.to === tab) {
      Y.applyUpdate(doc, m.update, channel);
      // And what the answering tab lacks from this one.
      channel.postMessage(Y.encodeStateAsUpdate(doc, m.vector));
    }
  };
  doc.on('update', onUpdate);
  channel.postMessage({ type: 'hello', from: tab, vector: Y.encodeStateVector(doc) } satisfies TabMessage);
  return () => {
    doc.off('update', onUpdate);
    channel.close();
  };
}

export function tabChannelName(workspaceId: string, archiveYear?: number): string {
  return archiveYear === undefined ? `relance-tabs-${workspaceId}` : `relance-tabs-${workspaceId}~${archiveYear}`;
}
