import { describe, expect, it } from 'vitest';
import type { DocumentRecord, Member } from '$lib/domain/types';
import { newCompany } from '$lib/domain/company';
import { PENALTY_RATES } from '$lib/domain/terms';
import { changedFormats, formatErrors, parseSettings, previewNumber, settingsInputFrom, sortMembers } from './settingsForm';

const TODAY = '2026-03-10';

const company = () => ({
  ...newCompany('2026-03-01'),
  name: 'Atelier Dupont',
  legalForm: 'SARL',
  soleTrader: false,
  shareCapitalCents: 1_000_00,
  penaltyRateBp: 1215,
  siret: '73282932000074',
  vatNumber: 'FR44732829320'
});

describe('settingsInputFrom', () => {
  it('shows capital and penalty rate as French text, and copies the company', () => {
    const c = company();
    const input = settingsInputFrom(c, PENALTY_RATES);
    expect(input.capital).toBe('1000');
    expect(input.penalty).toBe('12,15');
    expect(input.formats).toEqual({ invoice: 'F-{YYYY}-{S}-{NNNN}', quote: 'D-{YYYY}-{S}-{NNNN}', credit: 'A-{YYYY}-{S}-{NNNN}' });
    input.company.address.city = 'Lyon';
    expect(c.address.city).toBe('');
  });
  it('leaves the capital empty when there is none', () => {
    expect(settingsInputFrom({ ...company(), shareCapitalCents: null, penaltyRateBp: 1000 }, PENALTY_RATES)).toMatchObject({ capital: '', penalty: '10' });
  });
});

describe('the late-penalty choice', () => {
  it('a profile from before the choice: a default rate of the table reads as the legal default, another as contractual', () => {
    const { penaltyRateKind: _kind, ...legacy } = company();
    expect(settingsInputFrom({ ...legacy, penaltyRateBp: 1315 }, PENALTY_RATES)).toMatchObject({ penaltyKind: 'legal', penalty: '13,15' });
    expect(settingsInputFrom({ ...legacy, penaltyRateBp: 1500 }, PENALTY_RATES)).toMatchObject({ penaltyKind: 'contractual', penalty: '15' });
  });

  it('saving the legal default stores the choice and the legal rate of today’s half-year', () => {
    const { penaltyRateKind: _kind, ...legacy } = company();
    const input = settingsInputFrom({ ...legacy, penaltyRateBp: 1315 }, PENALTY_RATES);
    const { patch, errors } = parseSettings(input, TODAY, PENALTY_RATES);
    expect(errors).toEqual({});
    // 10 March 2026 → 2026 H1: 2,15 % + 10 = 12,15 %
    expect(patch).toMatchObject({ penaltyRateKind: 'legal', penaltyRateBp: 1215 });
  });
});

describe('parseSettings', () => {
  it('turns the text back into the company, with the number formats', () => {
    const input = settingsInputFrom(company(), PENALTY_RATES);
    input.capital = '7 500,50';
    input.penaltyKind = 'contractual';
    input.penalty = '13,5';
    input.company.iban = 'fr76 3000 6000 0112 3456 7890 189';
    input.formats.invoice = ' FAC-{YY}{S}-{NNN} ';
    const { patch, errors } = parseSettings(input, TODAY, PENALTY_RATES);
    expect(errors).toEqual({});
    expect(patch).toMatchObject({
      shareCapitalCents: 7500_50,
      penaltyRateKind: 'contractual',
      penaltyRateBp: 1350,
      iban: 'FR7630006000011234567890189',
      numberFormats: { invoice: 'FAC-{YY}{S}-{NNN}', quote: 'D-{YYYY}-{S}-{NNNN}', credit: 'A-{YYYY}-{S}-{NNNN}' }
    });
  });
  it('drops the capital of a sole trader', () => {
    const input = settingsInputFrom({ ...company(), legalForm: 'EI', soleTrader: true }, PENALTY_RATES);
    input.capital = 'nonsense';
    expect(parseSettings(input, TODAY, PENALTY_RATES).patch?.shareCapitalCents).toBeNull();
  });
  it('reports every wrong field and returns no patch', () => {
    const input = settingsInputFrom(company(), PENALTY_RATES);
    input.company.name = ' ';
    input.company.siret = '73282932000075';
    input.capital = '12,345';
    input.penaltyKind = 'contractual';
    input.penalty = 'douze';
    input.formats.quote = 'D-{YYYY}-{S}';
    input.formats.credit = 'A-{YYYY}-{NNNN}';
    const { patch, errors } = parseSettings(input, TODAY, PENALTY_RATES);
    expect(patch).toBeNull();
    expect(errors).toEqual({
      name: 'required',
      siret: 'invalid_siren',
      shareCapitalCents: 'invalid_amount',
      penaltyRateBp: 'invalid_rate',
      'format.quote': 'missing_sequence',
      'format.credit': 'missing_series_letter'
    });
  });
});

describe('formatErrors', () => {
  it('checks each format for {N…} and {S}', () => {
    expect(formatErrors({ invoice: 'F-{YYYY}-{S}-{NNNN}', quote: 'D{S}', credit: '{N}' })).toEqual({ quote: 'missing_sequence', credit: 'missing_series_letter' });
  });
});

describe('previewNumber', () => {
  const issued = (series: string, seq: number) => ({ series, seq, status: 'issued' }) as Pick<DocumentRecord, 'series' | 'seq' | 'status'>;
  it('starts a new series at 1', () => {
    expect(previewNumber('F-{YYYY}-{S}-{NNNN}', { year: 2026, letter: 'B', documents: [] })).toBe('F-2026-B-0001');
    expect(previewNumber('{YY}{S}{NNN}', { year: 2026, letter: 'A', documents: [] })).toBe('26A001');
  });
  it('continues this device’s current series', () => {
    const documents = [issued('F-2026-A', 1), issued('F-2026-A', 2), issued('F-2026-B', 9), issued('F-2025-A', 40)];
    expect(previewNumber('F-{YYYY}-{S}-{NNNN}', { year: 2026, letter: 'A', documents })).toBe('F-2026-A-0003');
  });
  it('has no preview for an invalid format', () => {
    expect(previewNumber('F-{YYYY}', { year: 2026, letter: 'A', documents: [] })).toBeNull();
  });
  it('never shows a number this device already gave, even if its record is gone', () => {
    // Records up to 2, the device's mark at 4 (3 and 4 vanished): max(2, 4) + 1 = 5.
    const documents = [issued('F-2026-A', 1), issued('F-2026-A', 2)];
    const highestIssuedSeq = { 'F-2026-A': 4, 'D-2026-A': 7 };
    expect(previewNumber('F-{YYYY}-{S}-{NNNN}', { year: 2026, letter: 'A', documents, highestIssuedSeq })).toBe('F-2026-A-0005');
  });
});

describe('changedFormats', () => {
  it('lists the kinds whose format was changed', () => {
    const saved = { invoice: 'F-{S}-{NNNN}', quote: 'D-{S}-{NNNN}', credit: 'A-{S}-{NNNN}' };
    expect(changedFormats(saved, { ...saved, invoice: ' F-{S}-{NNNN} ' })).toEqual([]);
    expect(changedFormats(saved, { ...saved, credit: 'AV-{S}-{NNNN}' })).toEqual(['credit']);
  });
});

describe('sortMembers', () => {
  it('puts this device first, then by series letter', () => {
    const m = (id: string, seriesLetter: string) => ({ id, seriesLetter }) as Member;
    expect(sortMembers([m('1', 'AA'), m('2', 'C'), m('3', 'A'), m('me', 'B')], 'me').map((x) => x.seriesLetter)).toEqual(['B', 'A', 'C', 'AA']);
  });
});
