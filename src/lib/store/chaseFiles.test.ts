// The records grouped per client, and contact events dated on the device's own calendar
// (Europe/Paris here): the follow-up's local days around midnight and the DST changes.
import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from '$lib/domain/types';
import { buildChaseList, contactEntry, indexClientFiles } from './chaseFiles';
import { chaseClient, prepareFile, chaseEnv, type ChaseEnv } from '$lib/domain/chaseItem';
import { DEFAULT_CHASE_CONFIG, effectivePolicies } from '$lib/domain/dunning';
import { CHASE_TODAY as TODAY, chaseClientRecord as client, chaseInvoice as invoice, dueFor } from '$lib/domain/fixtures';

const env: ChaseEnv = chaseEnv(TODAY, 'normal', { policies: effectivePolicies([]), config: DEFAULT_CHASE_CONFIG });

const event = (at: string, targets: { key: string; stepId: string | null }[] = []): ActivityEvent => ({
  id: `e-${at}`,
  at,
  memberId: 'm',
  kind: 'contact',
  clientId: 'c1',
  documentId: null,
  text: '',
  data: {},
  contact: { targets, stepId: targets[0]?.stepId ?? null, channel: 'email', outcome: 'sent', promisedDate: null, snoozeUntil: null, note: '' }
});

const inParis = (fn: () => void) => {
  const TZ = process.env.TZ;
  process.env.TZ = 'Europe/Paris';
  try {
    fn();
  } finally {
    process.env.TZ = TZ;
  }
};

describe('contactEntry — local calendar dates', () => {
  it('a contact at 23:59 and one at 00:01 fall on their local days, not the UTC ones', () =>
    inParis(() => {
      // 23:59 in Paris on 14 June (summer, UTC+2) is 21:59 UTC; 00:01 on 15 June is 22:01 UTC on the 14th.
      expect(contactEntry(event('2026-06-14T21:59:00.000Z'))!.date).toBe('2026-06-14');
      expect(contactEntry(event('2026-06-14T22:01:00.000Z'))!.date).toBe('2026-06-15');
    }));

  it('the nights the clocks change (29 March and 25 October 2026) still have whole days', () =>
    inParis(() => {
      expect(contactEntry(event('2026-03-28T23:30:00.000Z'))!.date).toBe('2026-03-29');
      expect(contactEntry(event('2026-03-29T01:30:00.000Z'))!.date).toBe('2026-03-29');
      expect(contactEntry(event('2026-10-24T22:30:00.000Z'))!.date).toBe('2026-10-25');
      expect(contactEntry(event('2026-10-25T22:30:00.000Z'))!.date).toBe('2026-10-25');
    }));

  it('other events are not contacts', () => {
    expect(contactEntry({ ...event('2026-06-14T10:00:00.000Z'), kind: 'note' })).toBeNull();
  });

  it('the minimum gap counts local days: a contact at 23:59 the day before counts for that day', () =>
    inParis(() => {
      const late = event('2026-06-12T21:59:00.000Z', [{ key: 'i1', stepId: 'reminder1' }]);
      const files = indexClientFiles([client()], [invoice('i1', 100_000, dueFor(12)), invoice('i2', 50_000, dueFor(1))], [], [late], 'normal');
      const r = chaseClient(prepareFile(files.get('c1')!), env);
      // 12 June + 3 days = 15 June = today: allowed.
      expect(r.item!.lines.map((l) => l.receivable.invoiceId)).toEqual(['i1', 'i2']);
    }));
});

describe('buildChaseList — from the records', () => {
  it('reads contact events from the activity log', () => {
    const sent = event('2026-06-15T08:00:00.000Z', [{ key: 'i1', stepId: 'reminder1' }]);
    const list = buildChaseList({ clients: [client()], documents: [invoice('i1', 100_000, dueFor(10))], payments: [], events: [sent] }, env);
    // Reminder sent today: the minimum gap holds the next step.
    expect(list.overdue).toEqual([]);
    expect(list.postponed).toBe(1);
  });

  it('files a payment under the client of each invoice it pays', () => {
    const documents = [invoice('i1', 100_000, dueFor(10)), invoice('i2', 50_000, dueFor(10), { clientId: 'c2' })];
    const payment = { id: 'p', clientId: 'c1', amountCents: 150_000, date: dueFor(5), method: 'transfer' as const, reference: '', allocations: [{ invoiceId: 'i1', amountCents: 100_000 }, { invoiceId: 'i2', amountCents: 50_000 }], memberId: 'm', createdAt: '' };
    const files = indexClientFiles([client(), client({ id: 'c2' })], documents, [payment], [], 'normal');
    expect(files.get('c2')!.payments).toEqual([payment]);
    expect(buildChaseList({ clients: [client(), client({ id: 'c2' })], documents, payments: [payment], events: [] }, env).overdue).toEqual([]);
  });
});
