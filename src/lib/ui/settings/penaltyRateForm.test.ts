import { describe, expect, it } from 'vitest';
import { PENALTY_RATES, penaltyRateTable } from '$lib/domain/terms';
import { halfYearName, parsePenalty, parseRateRow, penaltyAdvice, rateRowInputFor, rateRowPreview } from './penaltyRateForm';

const withH2 = penaltyRateTable([{ from: '2026-07-01', ecbRateBp: 190, legalRateProBp: 250, source: 'BdF' }]);

describe('parsePenalty', () => {
  it('legal default: the legal rate of today’s half-year is stored beside the choice', () => {
    // 2026 H1: 2,15 % + 10 = 12,15 %, whatever was typed in the hidden contractual field
    expect(parsePenalty('legal', 'douze', '2026-03-31', PENALTY_RATES)).toEqual({ penaltyRateKind: 'legal', penaltyRateBp: 1215, error: null });
    // 2026 H2 entered: 1,90 % + 10 = 11,90 %
    expect(parsePenalty('legal', '', '2026-08-01', withH2)).toEqual({ penaltyRateKind: 'legal', penaltyRateBp: 1190, error: null });
  });
  it('contractual: the rate typed, or its error', () => {
    expect(parsePenalty('contractual', '15', '2026-03-31', PENALTY_RATES)).toEqual({ penaltyRateKind: 'contractual', penaltyRateBp: 1500, error: null });
    expect(parsePenalty('contractual', '8,5 %', '2026-03-31', PENALTY_RATES)).toEqual({ penaltyRateKind: 'contractual', penaltyRateBp: 850, error: null });
    expect(parsePenalty('contractual', 'douze', '2026-03-31', PENALTY_RATES)).toEqual({ penaltyRateKind: 'contractual', penaltyRateBp: -1, error: 'invalid_rate' });
  });
});

describe('penaltyAdvice', () => {
  it('names the row in force, the missing half-year, and warns below the floor', () => {
    // 2025 H2: floor 3 × 2,76 % = 8,28 %
    expect(penaltyAdvice('contractual', '8', '2025-09-01', PENALTY_RATES)).toEqual({
      current: PENALTY_RATES[3],
      missing: null,
      warning: { code: 'below_legal_floor', floorBp: 828, halfYear: '2025-07-01' }
    });
    expect(penaltyAdvice('contractual', '8,28', '2025-09-01', PENALTY_RATES).warning).toBeNull();
    // The legal default never warns; a rate that is not a rate does not either (its error shows).
    expect(penaltyAdvice('legal', '1', '2025-09-01', PENALTY_RATES).warning).toBeNull();
    expect(penaltyAdvice('contractual', 'x', '2025-09-01', PENALTY_RATES).warning).toBeNull();
    // 2026 H2 not in the built-in table: 2026 H1 in force, H2 missing
    expect(penaltyAdvice('legal', '', '2026-11-23', PENALTY_RATES)).toMatchObject({ current: { from: '2026-01-01' }, missing: '2026-07-01' });
    expect(penaltyAdvice('legal', '', '2026-11-23', withH2)).toMatchObject({ current: { from: '2026-07-01' }, missing: null });
  });
});

describe('the rate-table row form', () => {
  it('starts on the missing half-year, else the next one', () => {
    expect(rateRowInputFor('2026-11-23', PENALTY_RATES)).toEqual({ year: '2026', half: 'h2', ecb: '', legal: '', source: '' });
    expect(rateRowInputFor('2026-11-23', withH2)).toEqual({ year: '2027', half: 'h1', ecb: '', legal: '', source: '' });
    expect(rateRowInputFor('2026-03-10', PENALTY_RATES)).toMatchObject({ year: '2026', half: 'h2' });
  });

  it('turns the text into a row', () => {
    const parsed = parseRateRow({ year: ' 2026 ', half: 'h2', ecb: '1,90', legal: '2,5 %', source: ' Banque de France ' }, '2026-11-23');
    expect(parsed).toEqual({ entry: { from: '2026-07-01', ecbRateBp: 190, legalRateProBp: 250, source: 'Banque de France' }, errors: {} });
  });

  it('reports each wrong field with the domain’s codes', () => {
    expect(parseRateRow({ year: '26', half: 'h1', ecb: 'deux', legal: '', source: '' }, '2026-11-23')).toEqual({
      entry: null,
      errors: { from: 'invalid_half_year', ecbRateBp: 'invalid_rate', legalRateProBp: 'invalid_rate', source: 'required' }
    });
    expect(parseRateRow({ year: '2027', half: 'h2', ecb: '2', legal: '2', source: 's' }, '2026-11-23').errors).toEqual({ from: 'future_half_year' });
  });

  it('previews a row: ECB + 10 points, and 3 × the legal rate', () => {
    // 1,90 % + 10 = 11,90 % ; 3 × 2,50 % = 7,50 %
    expect(rateRowPreview({ year: '2026', half: 'h2', ecb: '1,90', legal: '2,5', source: '' })).toEqual({ defaultPenaltyBp: 1190, floorBp: 750 });
    expect(rateRowPreview({ year: '2026', half: 'h2', ecb: '1,90', legal: '', source: '' })).toBeNull();
  });

  it('names a half-year', () => {
    expect(halfYearName('2026-07-01')).toEqual({ key: 'halfYear.h2', year: '2026' });
    expect(halfYearName('2027-01-01')).toEqual({ key: 'halfYear.h1', year: '2027' });
  });
});
