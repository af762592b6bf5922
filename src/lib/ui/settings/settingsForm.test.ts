import { describe, expect, it } from 'vitest';
import type { DocumentRecord, Member } from '$lib/domain/types';
import { newCompany } from '$lib/domain/company';
import { changedFields, changedFormats, formatErrors, parseSettings, previewNumber, settingsInputFrom, sortMembers } from './settingsForm';

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
    const input = settingsInputFrom(c);
    expect(input.capital).toBe('1000');
    expect(input.penalty).toBe('12,15');
    expect(input.formats).toEqual({ invoice: 'F-{YYYY}-{S}-{NNNN}', quote: 'D-{YYYY}-{S}-{NNNN}', credit: 'A-{YYYY}-{S}-{NNNN}' });
    input.company.address.city = 'Lyon';
    expect(c.address.city).toBe('');
  });
  it('leaves the capital empty when there is none', () => {
    expect(settingsInputFrom({ ...company(), shareCapitalCents: null, penaltyRateBp: 1000 })).toMatchObject({ capital: '', penalty: '10' });
  });
});

describe('parseSettings', () => {
  it('turns the text back into the company, with the number formats', () => {
    const input = settingsInputFrom(company());
    input.capital = '7 500,50';
    input.penalty = '13,5';
    input.company.iban = 'fr76 3000 6000 0112 3456 7890 189';
    input.formats.invoice = ' FAC-{YY}{S}-{NNN} ';
    const { patch, errors } = parseSettings(input);
    expect(errors).toEqual({});
    expect(patch).toMatchObject({
      shareCapitalCents: 7500_50,
      penaltyRateBp: 1350,
      iban: 'FR7630006000011234567890189',
      numberFormats: { invoice: 'FAC-{YY}{S}-{NNN}', quote: 'D-{YYYY}-{S}-{NNNN}', credit: 'A-{YYYY}-{S}-{NNNN}' }
    });
  });
  it('drops the capital of a sole trader', () => {
    const input = settingsInputFrom({ ...company(), legalForm: 'EI', soleTrader: true });
    input.capital = 'nonsense';
    expect(parseSettings(input).patch?.shareCapitalCents).toBeNull();
  });
  it('reports every wrong field and returns no patch', () => {
    const input = settingsInputFrom(company());
    input.company.name = ' ';
    input.company.siret = '73282932000075';
    input.capital = '12,345';
    input.penalty = 'douze';
    input.formats.quote = 'D-{YYYY}-{S}';
    input.formats.credit = 'A-{YYYY}-{NNNN}';
    const { patch, errors } = parseSettings(input);
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

describe('changedFields', () => {
  it('keeps only what differs, nested values compared whole', () => {
    const before = company();
    const after = { ...company(), phone: '04 72 00 00 00', address: { ...before.address, city: 'Lyon' } };
    expect(changedFields(before, after)).toEqual({ phone: '04 72 00 00 00', address: { ...before.address, city: 'Lyon' } });
    expect(changedFields(before, company())).toEqual({});
  });
});
