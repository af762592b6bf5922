// The late-penalty rate table entered in Réglages: one record per half-year, checked before it is
// written, synced like any record.
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { readAll } from './doc';
import { StoreError } from './operations';
import { actor, exchange, joinDevice, seededDoc, SYNC_ORDERS } from './fixtures';
import { penaltyRateTable } from '$lib/domain/terms';
import { removePenaltyRate, savePenaltyRate } from './penaltyRates';

const penaltyRateTableOf = (doc: Y.Doc) => penaltyRateTable(readAll(doc, 'penaltyRates'));

const h2 = { from: '2026-07-01', ecbRateBp: 190, legalRateProBp: 250, source: 'Banque de France / Légifrance, publié le 30/06/2026' };

function refused(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StoreError);
    return e as StoreError;
  }
  throw new Error('expected a StoreError');
}

describe('savePenaltyRate', () => {
  it('stores a row for its half-year, who entered it and when; the table then holds it', () => {
    const doc = seededDoc();
    const me = actor('m-a', '2026-07-02T08:00:00.000Z');
    savePenaltyRate(doc, me, h2);
    expect(readAll(doc, 'penaltyRates')).toEqual([{ id: '2026-07-01', ...h2, memberId: 'm-a', enteredAt: '2026-07-02T08:00:00.000Z' }]);
    // 1,90 % + 10 points = 11,90 %
    expect(penaltyRateTableOf(doc).at(-1)).toEqual({ ...h2, defaultPenaltyBp: 1190 });
    // Entered again (a correction): still one row for the half-year.
    savePenaltyRate(doc, me, { ...h2, ecbRateBp: 200, source: ' corrigé ' });
    expect(readAll(doc, 'penaltyRates')).toHaveLength(1);
    expect(penaltyRateTableOf(doc).at(-1)).toMatchObject({ from: '2026-07-01', defaultPenaltyBp: 1200, source: 'corrigé' });
  });

  it('a row removed leaves the built-in table', () => {
    const doc = seededDoc();
    savePenaltyRate(doc, actor('m-a', '2026-07-02T08:00:00.000Z'), h2);
    removePenaltyRate(doc, '2026-07-01');
    expect(readAll(doc, 'penaltyRates')).toEqual([]);
    expect(penaltyRateTableOf(doc).at(-1)!.from).toBe('2026-01-01');
  });

  it.each(SYNC_ORDERS)('two devices entering the same half-year end with one row (%s)', (order) => {
    const a = seededDoc();
    const b = joinDevice(a);
    savePenaltyRate(a, actor('m-a', '2026-07-02T08:00:00.000Z'), h2);
    savePenaltyRate(b, actor('m-b', '2026-07-02T08:05:00.000Z'), { ...h2, source: 'Légifrance' });
    exchange(a, b, order);
    expect(readAll(a, 'penaltyRates')).toEqual(readAll(b, 'penaltyRates'));
    expect(readAll(a, 'penaltyRates')).toHaveLength(1);
    expect(penaltyRateTableOf(a)).toEqual(penaltyRateTableOf(b));
  });
});

describe('invalid requests', () => {
  it('refuses a row that is not a half-year, too far ahead, without rates or source, and writes nothing', () => {
    const doc = seededDoc();
    const me = actor('m-a', '2026-11-23T09:00:00.000Z');
    const bad = refused(() => savePenaltyRate(doc, me, { from: '2026-08-01', ecbRateBp: -1, legalRateProBp: 250, source: '' }));
    expect(bad.code).toBe('invalid_penalty_rate');
    expect(bad.details).toEqual(['from:invalid_half_year', 'ecbRateBp:invalid_rate', 'source:required']);
    expect(refused(() => savePenaltyRate(doc, me, { ...h2, from: '2027-07-01' })).details).toEqual(['from:future_half_year']);
    expect(readAll(doc, 'penaltyRates')).toEqual([]);
  });
});
