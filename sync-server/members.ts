// Who a key change must be sealed for, read from the workspace's own document. This mirrors the
// app's layout (src/lib/store/doc.ts collectionMap: `doc.getMap('members')`, one Y.Map of
// primitive fields per member; src/lib/domain/types.ts Member: `removed`, `publicKey`) — the test
// (tests/sync/members.test.ts) writes members with the app's store code, so a layout change
// breaks it rather than this rule.
import * as Y from 'yjs';

export interface SealingPlan {
  /** Members not removed that published a device key: each must get an envelope. */
  sealable: string[];
  /** Members marked removed: never sealed for. */
  removed: string[];
  /** Members without a device key (no WebCrypto): cannot be sealed for, need a new invite. */
  keyless: string[];
}

const field = (record: unknown, name: string): unknown => {
  if (record instanceof Y.Map) return record.get(name);
  // Tolerate a record stored whole as JSON (never written so today, cheap to read).
  if (typeof record === 'string') {
    try {
      return (JSON.parse(record) as Record<string, unknown>)[name];
    } catch {
      return undefined;
    }
  }
  return undefined;
};

/** The members of `doc` split by what a key change owes them. */
export function sealingPlan(doc: Y.Doc): SealingPlan {
  const plan: SealingPlan = { sealable: [], removed: [], keyless: [] };
  doc.getMap('members').forEach((record, id) => {
    if (record === null || record === undefined) return;
    if (field(record, 'removed') === true) plan.removed.push(id);
    else if (typeof field(record, 'publicKey') === 'string' && field(record, 'publicKey') !== '') plan.sealable.push(id);
    else plan.keyless.push(id);
  });
  for (const list of Object.values(plan)) list.sort();
  return plan;
}

/** Members that must be sealed for and have no envelope in `envelopes`: a lockout if accepted. */
export function missingEnvelopes(plan: SealingPlan, envelopes: Record<string, string>): string[] {
  return plan.sealable.filter((id) => !Object.hasOwn(envelopes, id));
}
