import { describe, expect, it } from 'vitest';
import { newCompany } from '$lib/domain/company';
import { operationMentions, paymentMentions } from './blocks';

describe('operationMentions (e-invoicing reform)', () => {
  const company = { ...newCompany('2026-01-01'), name: 'Atelier Dupont' };

  it('says the nature of the operation, and the option for VAT on debits when chosen', () => {
    expect(operationMentions(company, 'fr')).toBe('Nature de l’opération : prestations de services.');
    expect(operationMentions({ ...company, operationNature: 'mixed', vatOnDebits: true }, 'fr')).toBe(
      'Nature de l’opération : mixte (biens et services). Option pour le paiement de la taxe d’après les débits.'
    );
    expect(operationMentions({ ...company, operationNature: 'goods' }, 'en')).toBe('Nature of the operation: supply of goods.');
  });

  it('never prints the debits option under franchise en base, nor anything for a profile issued before', () => {
    expect(operationMentions({ ...company, vatRegime: 'franchise', vatOnDebits: true }, 'fr')).toBe('Nature de l’opération : prestations de services.');
    const { operationNature: _n, ...older } = company;
    expect(operationMentions(older as typeof company, 'fr')).toBe('');
  });
});

describe('paymentMentions: the early-payment discount', () => {
  const company = { ...newCompany('2026-01-01'), name: 'Atelier Dupont', penaltyRateBp: 1215 };
  // 2 % within 10 days of 1 March on 1 200,00 € TTC: 24,00 € off until 11 March, 1 176,00 € to pay.
  const early = { rateBp: 200, days: 10, until: '2026-03-11', amountCents: 2400, netCents: 117_600 };

  it('states the condition, the last day and the amounts instead of « Pas d’escompte »', () => {
    const text = paymentMentions(company, 'fr', true, early);
    expect(text.startsWith('Escompte de 2\u202f% pour paiement au plus tard le 11/03/2026 (10 jours) : 24,00\u00a0€ déduits, soit 1\u202f176,00\u00a0€ à régler.')).toBe(true);
    expect(text).not.toContain('Pas d’escompte');
    expect(paymentMentions(company, 'en', true, early).startsWith('2% discount for payment by 11/03/2026 (10 days): €24.00 off, €1,176.00 to pay.')).toBe(true);
  });

  it('without a discount: « Pas d’escompte pour paiement anticipé »', () => {
    expect(paymentMentions(company, 'fr', true).startsWith('Pas d’escompte pour paiement anticipé.')).toBe(true);
  });
});
