import { describe, expect, it } from 'vitest';
import { assembleList, compareItems } from './chaseList';
import { chaseClient, chaseEnv, type ChaseEnv } from './chaseItem';
import { DEFAULT_CHASE_CONFIG, effectivePolicies } from './dunning';
import { CHASE_TODAY as TODAY, chaseClientRecord as client, chaseFile as file, chaseInvoice as invoice, chaseContact as contact, dueFor } from './fixtures';

const env: ChaseEnv = chaseEnv(TODAY, 'normal', { policies: effectivePolicies([]), config: DEFAULT_CHASE_CONFIG });

describe('assembleList — sections and order', () => {
  it('orders by amount × days late × risk, in sections, and counts the postponed', () => {
    const results = [
      chaseClient(file([invoice('i1', 100_000, dueFor(10))]), env),
      chaseClient(file([invoice('i2', 300_000, dueFor(9), { clientId: 'c2' })], [], [], client({ id: 'c2', name: 'Garage Lefèvre' })), env),
      chaseClient(file([invoice('i3', 50_000, dueFor(-3), { clientId: 'c3' })], [], [], client({ id: 'c3', name: 'Atelier Roux' })), env),
      // Contacted yesterday: within the minimum gap.
      chaseClient(file([invoice('i4', 80_000, dueFor(20), { clientId: 'c4' })], [{ ...contact(dueFor(-1), [['i4', 'reminder1']]), clientId: 'c4' }], [], client({ id: 'c4' })), {
        ...env,
        today: dueFor(-2)
      })
    ];
    const list = assembleList(results);
    // 3 000 € × 9 days = 27 000; 1 000 € × 10 days = 10 000.
    expect(list.overdue.map((i) => [i.clientId, i.priority])).toEqual([
      ['c2', 27_000],
      ['c1', 10_000]
    ]);
    expect(list.courtesy.map((i) => i.clientId)).toEqual(['c3']);
    expect(list.today).toEqual([]);
    expect(list.postponed).toBe(1);
  });

  it('breaks ties by client name, then id, so the order never flickers', () => {
    const a = chaseClient(file([invoice('i1', 100_000, dueFor(10))], [], [], client({ name: 'Zèbre' })), env).item!;
    const b = { ...a, clientId: 'c0', clientName: 'Abeille' };
    const c = { ...a, clientId: 'c-1', clientName: 'Abeille' };
    expect([a, b, c].sort(compareItems).map((i) => i.clientId)).toEqual(['c-1', 'c0', 'c1']);
  });
});
