import { describe, expect, it } from 'vitest';
import { epcAmount, epcPayload, type EpcTransfer } from './epc';

const bytes = (s: string) => new TextEncoder().encode(s).length;

const base: EpcTransfer = {
  name: 'Atelier Dupont',
  iban: 'FR76 3000 6000 0112 3456 7890 189',
  bic: 'AGRIFRPP',
  amountCents: 123450,
  remittance: 'F-2026-A-0001'
};

describe('epcAmount', () => {
  it('writes EUR, a dot and no trailing zeros (LEGAL.md: EUR1234.5)', () => {
    expect(epcAmount(123450)).toBe('EUR1234.5');
    expect(epcAmount(123456)).toBe('EUR1234.56');
    expect(epcAmount(123405)).toBe('EUR1234.05');
    expect(epcAmount(120000)).toBe('EUR1200');
    expect(epcAmount(1)).toBe('EUR0.01');
    expect(epcAmount(10)).toBe('EUR0.1');
    expect(epcAmount(99_999_999_999)).toBe('EUR999999999.99');
  });
});

describe('epcPayload', () => {
  it('follows the format of LEGAL.md line by line, nothing after the remittance', () => {
    expect(epcPayload(base)).toBe(
      'BCD\n002\n1\nSCT\nAGRIFRPP\nAtelier Dupont\nFR7630006000011234567890189\nEUR1234.5\n\n\nF-2026-A-0001'
    );
  });

  it('leaves the BIC line empty when there is none (or it is not a BIC)', () => {
    expect(epcPayload({ ...base, bic: '' })).toBe(
      'BCD\n002\n1\nSCT\n\nAtelier Dupont\nFR7630006000011234567890189\nEUR1234.5\n\n\nF-2026-A-0001'
    );
    expect(epcPayload({ ...base, bic: 'agri fr pp xxx' })?.split('\n')[4]).toBe('AGRIFRPPXXX');
    expect(epcPayload({ ...base, bic: 'NOPE' })?.split('\n')[4]).toBe('');
  });

  it('ends at the amount when there is no remittance', () => {
    expect(epcPayload({ ...base, remittance: '  ' })).toBe('BCD\n002\n1\nSCT\nAGRIFRPP\nAtelier Dupont\nFR7630006000011234567890189\nEUR1234.5');
  });

  it('asks for no transfer when nothing (or too much) is due', () => {
    expect(epcPayload({ ...base, amountCents: 0 })).toBeNull();
    expect(epcPayload({ ...base, amountCents: -500 })).toBeNull();
    expect(epcPayload({ ...base, amountCents: 100_000_000_000 })).toBeNull();
    expect(epcPayload({ ...base, amountCents: 12.5 })).toBeNull();
    expect(epcPayload({ ...base, amountCents: 99_999_999_999 })).toContain('\nEUR999999999.99\n');
    expect(epcPayload({ ...base, amountCents: 1 })).toContain('\nEUR0.01\n');
  });

  it('asks for no transfer without a valid IBAN or a name', () => {
    expect(epcPayload({ ...base, iban: '' })).toBeNull();
    expect(epcPayload({ ...base, iban: 'FR7630006000011234567890188' })).toBeNull(); // bad check digits
    expect(epcPayload({ ...base, name: ' \n ' })).toBeNull();
    expect(epcPayload({ ...base, iban: 'BE72000000001616' })).toContain('\nBE72000000001616\n');
  });

  it('cuts a long name at 70 characters', () => {
    const name = 'Société Coopérative Ouvrière de Production des Artisans Électriciens du Rhône et de la Loire';
    const lines = epcPayload({ ...base, name })!.split('\n');
    expect(Array.from(lines[5])).toHaveLength(70);
    expect(lines[5]).toBe(name.slice(0, 70));
  });

  it('keeps a 140-character remittance whole and cuts a longer one', () => {
    const r140 = 'R'.repeat(139) + 'Z';
    expect(epcPayload({ ...base, remittance: r140 })!.split('\n')[10]).toBe(r140);
    expect(epcPayload({ ...base, remittance: r140 + 'XYZ' })!.split('\n')[10]).toBe(r140);
  });

  it('puts line breaks of the name or remittance on one line (LF separates the fields)', () => {
    const p = epcPayload({ ...base, name: 'Atelier\nDupont\r\n', remittance: 'F-1\tF-2' })!;
    expect(p.split('\n')).toHaveLength(11);
    expect(p.split('\n')[5]).toBe('Atelier Dupont');
    expect(p.split('\n')[10]).toBe('F-1 F-2');
  });

  it('stays within 331 bytes with non-ASCII text: the remittance gives way first', () => {
    // Fixed part: 'BCD\n002\n1\nSCT\n' 14 + 'AGRIFRPP\n' 9 + name 70 × é = 140 + '\n' 1
    // + IBAN 27 + '\n' 1 + 'EUR1234.5' 9 + '\n\n\n' 3 = 204 bytes → 127 bytes left: 63 × é.
    const p = epcPayload({ ...base, name: 'é'.repeat(80), remittance: 'é'.repeat(140) })!;
    expect(bytes(p)).toBeLessThanOrEqual(331);
    expect(bytes(p)).toBe(330);
    expect(p.split('\n')[5]).toBe('é'.repeat(70));
    expect(p.split('\n')[10]).toBe('é'.repeat(63));
  });

  it('shortens the name too when it alone is too long in UTF-8, never splitting a character', () => {
    // 70 four-byte characters = 280 bytes of name: the remittance goes entirely, then the name shrinks.
    const p = epcPayload({ ...base, name: '😀'.repeat(70), remittance: 'F-2026-A-0001' })!;
    expect(bytes(p)).toBeLessThanOrEqual(331);
    const lines = p.split('\n');
    expect(lines).toHaveLength(8); // no remittance left: the payload ends at the amount
    expect(lines[5]).toMatch(/^(😀)+$/u);
    // 14 + 9 + name + 1 + 28 + 9 = 61 + name ≤ 331 → 67 emoji (268 bytes).
    expect(Array.from(lines[5])).toHaveLength(67);
  });

  it('keeps accented names whole when they fit', () => {
    const p = epcPayload({ ...base, name: 'Électricité Générale d’Œuvre' })!;
    expect(p.split('\n')[5]).toBe('Électricité Générale d’Œuvre');
  });
});
