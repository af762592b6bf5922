// The layout of records that merge field by field inside, on plain entries (a Map stands for
// the record's Y.Map): what a record reads as, and which keys a save writes.
import { describe, expect, it } from 'vitest';
import { decodeEntries, place, planWrites, type FieldWrite, type RecordLayout } from './layout';

const LAYOUT: RecordLayout = { objects: ['address'], nullableObjects: ['delivery'], lists: ['contacts'] };
const ADDRESS = { line1: '3 place Bellecour', city: 'Lyon' };
const K1 = { id: 'k1', name: 'Jeanne', email: 'j@a.fr' };
const K2 = { id: 'k2', name: 'Paul', email: 'p@a.fr' };

const entries = (record: Record<string, unknown>) => new Map(Object.entries(record));

/** Applies the writes to the entries, as doc.ts does to a Y.Map. */
function apply(stored: Map<string, unknown>, writes: FieldWrite[]): Map<string, unknown> {
  for (const w of writes) {
    if ('remove' in w) stored.delete(w.key);
    else stored.set(w.key, w.value);
  }
  return stored;
}

describe('decodeEntries', () => {
  it('reads a record written whole as it was written', () => {
    const record = { id: 'c1', name: 'Atelier', address: ADDRESS, delivery: null, contacts: [K1, K2] };
    expect(decodeEntries(entries(record), LAYOUT)).toEqual(record);
  });

  it('applies each field change over its base', () => {
    const stored = entries({
      address: ADDRESS,
      'address.city': 'Lyon 2e',
      delivery: { line1: 'Chantier', city: 'Bron' },
      'delivery.city': 'Vaulx',
      contacts: [K1, K2],
      'contacts.k2.email': 'paul@a.fr'
    });
    expect(decodeEntries(stored, LAYOUT)).toEqual({
      address: { line1: '3 place Bellecour', city: 'Lyon 2e' },
      delivery: { line1: 'Chantier', city: 'Vaulx' },
      contacts: [K1, { ...K2, email: 'paul@a.fr' }]
    });
  });

  it('a removed delivery address stays null, whatever field changes arrived for it', () => {
    expect(decodeEntries(entries({ delivery: null, 'delivery.city': 'Vaulx' }), LAYOUT)).toEqual({ delivery: null });
  });

  it('orders a list by position, then id; added records after the base; removed ones gone', () => {
    // Base positions: k1 → 0, k2 → 1. Added: k4 at 2, k3 at 2 (a tie: k3 before k4 by id), k0 at −1.
    // Then k2 removed (its field change ignored), and k1 moved to 5.
    const stored = entries({
      contacts: [K1, K2],
      'contacts.k4': { id: 'k4', name: 'D', pos: 2 },
      'contacts.k3': { id: 'k3', name: 'C', pos: 2 },
      'contacts.k0': { id: 'k0', name: 'Z', pos: -1 },
      'contacts.k2': null,
      'contacts.k2.email': 'late@a.fr',
      'contacts.k1.pos': 5,
      'contacts.k9.email': 'nobody@a.fr'
    });
    const { contacts } = decodeEntries(stored, LAYOUT) as { contacts: { id: string }[] };
    expect(contacts).toEqual([{ id: 'k0', name: 'Z' }, { id: 'k3', name: 'C' }, { id: 'k4', name: 'D' }, K1]);
  });

  it('never changes the stored base (it belongs to Yjs)', () => {
    const base = [{ ...K1 }];
    decodeEntries(entries({ contacts: base, 'contacts.k1.email': 'new@a.fr' }), LAYOUT);
    expect(base).toEqual([K1]);
  });

  it('leaves out keys with a dot that the layout does not know', () => {
    expect(decodeEntries(entries({ name: 'A', 'future.field': 1 }), LAYOUT)).toEqual({ name: 'A' });
  });
});

describe('planWrites', () => {
  it('writes a new record whole', () => {
    const record = { id: 'c1', address: ADDRESS, delivery: null, contacts: [K1] };
    expect(planWrites(new Map(), record, LAYOUT)).toEqual(Object.entries(record).map(([key, value]) => ({ key, value })));
  });

  it('writes nothing when nothing changed', () => {
    const record = { id: 'c1', address: ADDRESS, delivery: null, contacts: [K1, K2] };
    expect(planWrites(entries(record), structuredClone(record), LAYOUT)).toEqual([]);
  });

  it('writes one key for one changed field of one contact, and of the address', () => {
    const stored = entries({ address: ADDRESS, contacts: [K1, K2] });
    expect(planWrites(stored, { address: { ...ADDRESS, city: 'Lyon 2e' }, contacts: [K1, { ...K2, email: 'paul@a.fr' }] }, LAYOUT)).toEqual([
      { key: 'address.city', value: 'Lyon 2e' },
      { key: 'contacts.k2.email', value: 'paul@a.fr' }
    ]);
  });

  it('adds a contact after the last one: position 1 + 1 = 2', () => {
    const stored = entries({ contacts: [K1, K2] });
    expect(planWrites(stored, { contacts: [K1, K2, { id: 'k3', name: 'C' }] }, LAYOUT)).toEqual([
      { key: 'contacts.k3', value: { id: 'k3', name: 'C', pos: 2 } }
    ]);
  });

  it('removes a contact with a tombstone, and forgets its field changes', () => {
    const stored = entries({ contacts: [K1, K2], 'contacts.k2.email': 'x@a.fr' });
    expect(planWrites(stored, { contacts: [K1] }, LAYOUT)).toEqual([
      { key: 'contacts.k2', value: null },
      { key: 'contacts.k2.email', remove: true }
    ]);
  });

  it('moves a contact: only the one out of order gets a new position', () => {
    // Positions k1 0, k2 1, k3 2. New order k2, k1, k3: k2 keeps 1; k1 (0 < 1) goes between k2 (1)
    // and k3 (2): (1 + 2) / 2 = 1.5.
    const stored = entries({ contacts: [K1, K2, { id: 'k3', name: 'C' }] });
    const writes = planWrites(stored, { contacts: [K2, K1, { id: 'k3', name: 'C' }] }, LAYOUT);
    expect(writes).toEqual([{ key: 'contacts.k1.pos', value: 1.5 }]);
    expect((decodeEntries(apply(stored, writes), LAYOUT).contacts as { id: string }[]).map((k) => k.id)).toEqual(['k2', 'k1', 'k3']);
  });

  it('a delivery address set from null is written whole; set to null, its field changes go', () => {
    const set = planWrites(entries({ delivery: null }), { delivery: { line1: 'Chantier', city: 'Bron' } }, LAYOUT);
    expect(set).toEqual([{ key: 'delivery', value: { line1: 'Chantier', city: 'Bron' } }]);
    const unset = planWrites(entries({ delivery: { line1: 'Chantier', city: 'Bron' }, 'delivery.city': 'Vaulx' }), { delivery: null }, LAYOUT);
    expect(unset).toEqual([
      { key: 'delivery', value: null },
      { key: 'delivery.city', remove: true }
    ]);
  });

  describe('with the record the form showed (base)', () => {
    it('writes only what the user changed, not what differs from a newer stored record', () => {
      // Stored: another device changed the city and K1's name and added k3 since the form opened.
      const stored = entries({
        address: ADDRESS,
        'address.city': 'Lyon 2e',
        contacts: [K1, K2],
        'contacts.k1.name': 'Jeanne Roux',
        'contacts.k3': { id: 'k3', name: 'C', pos: 2 }
      });
      const base = { address: ADDRESS, contacts: [K1, K2] };
      const next = { address: { ...ADDRESS, line1: '5 place Bellecour' }, contacts: [{ ...K1, email: 'jeanne@a.fr' }, K2] };
      expect(planWrites(stored, next, LAYOUT, base)).toEqual([
        { key: 'address.line1', value: '5 place Bellecour' },
        { key: 'contacts.k1.email', value: 'jeanne@a.fr' }
      ]);
    });

    it('a contact removed meanwhile by another device stays removed, even if the form changed it', () => {
      const stored = entries({ contacts: [K1, K2], 'contacts.k2': null });
      const base = { contacts: [K1, K2] };
      expect(planWrites(stored, { contacts: [K1, { ...K2, email: 'paul@a.fr' }] }, LAYOUT, base)).toEqual([]);
    });

    it('a plain field the user did not change is not written back', () => {
      expect(planWrites(entries({ notes: 'newer' }), { notes: 'older' }, LAYOUT, { notes: 'older' })).toEqual([]);
      expect(planWrites(entries({ notes: 'newer' }), { notes: 'mine' }, LAYOUT, { notes: 'older' })).toEqual([{ key: 'notes', value: 'mine' }]);
    });
  });

  describe('a list whose records cannot be told apart by id', () => {
    // Never made by Relance (ids are random), but a save must not fail on it: written whole, as
    // before v4, its older field changes forgotten.
    it.each([
      ['a record without an id', [K1, { name: 'sans id' }]],
      ['an id with a dot, which a key could not hold', [K1, { id: 'k.2', name: 'B' }]],
      ['two records with the same id', [K1, { ...K1, name: 'Autre' }]]
    ])('is written whole: %s', (_case, contacts) => {
      const stored = entries({ contacts: [K1], 'contacts.k1.email': 'x@a.fr' });
      const writes = planWrites(stored, { contacts }, LAYOUT);
      expect(writes).toEqual([
        { key: 'contacts', value: contacts },
        { key: 'contacts.k1.email', remove: true }
      ]);
      expect(decodeEntries(apply(stored, writes), LAYOUT)).toEqual({ contacts });
    });
  });
});

describe('place', () => {
  it('puts a new record between its neighbours: (0 + 1) / 2 = 0.5', () => {
    expect(place(['a', 'n', 'b'], new Map([['a', 0], ['b', 1]]), false)).toEqual(new Map([['n', 0.5]]));
  });

  it('after the last one: floor(2.5) + 1 = 3; before the first one: 0 − 1 = −1; in an empty list: 0', () => {
    expect(place(['a', 'n'], new Map([['a', 2.5]]), false)).toEqual(new Map([['n', 3]]));
    expect(place(['n', 'a'], new Map([['a', 0]]), false)).toEqual(new Map([['n', -1]]));
    expect(place(['n', 'm'], new Map(), false)).toEqual(new Map([['n', 0], ['m', 1]]));
  });

  it('leaves stored records where they are unless asked to move them', () => {
    expect(place(['b', 'a'], new Map([['a', 0], ['b', 1]]), false)).toEqual(new Map());
    // Moved: b keeps 1, a (0, not after 1) goes after it: floor(1) + 1 = 2.
    expect(place(['b', 'a'], new Map([['a', 0], ['b', 1]]), true)).toEqual(new Map([['a', 2]]));
  });
});
