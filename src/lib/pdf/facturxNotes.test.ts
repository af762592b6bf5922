// The Factur-X notes say what the PDF says: an invoice offering an early-payment discount states
// it in note AAB with its date and amounts, not « Pas d'escompte ».
import { describe, expect, it } from 'vitest';
import { facturxXml } from './facturx';
import { twoRatesWithDiscount } from '$lib/domain/facturx/fixtures';

const aab = (xml: string) => /<ram:IncludedNote><ram:Content>([^<]*)<\/ram:Content><ram:SubjectCode>AAB</.exec(xml)?.[1];

describe('note AAB (early payment)', () => {
  it('states the invoice’s own discount: 2 % of 1 825,62 € within 10 days of 23 November', () => {
    // 182 562 × 200 / 10 000 = 3 651,24 → 36,51 €; 1 825,62 − 36,51 = 1 789,11 €; until 3 December.
    const doc = twoRatesWithDiscount();
    const withDiscount = { ...doc, frozen: { ...doc.frozen!, earlyDiscount: { rateBp: 200, days: 10 } } };
    const note = aab(facturxXml({ doc: withDiscount, lang: 'fr', businessClient: true }))!;
    expect(note).toContain('Escompte de 2');
    expect(note).toContain('03/12/2026');
    expect(note).toContain('36,51');
    expect(note).toContain('1\u202f789,11');
  });

  it('says there is none when the invoice offers none', () => {
    expect(aab(facturxXml({ doc: twoRatesWithDiscount(), lang: 'fr', businessClient: true }))).toMatch(/escompte/i);
    expect(aab(facturxXml({ doc: twoRatesWithDiscount(), lang: 'fr', businessClient: true }))).not.toContain('Escompte de');
  });
});
