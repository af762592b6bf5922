import { describe, expect, it } from 'vitest';
import { newCompany } from '$lib/domain/company';
import { operationMentions } from './blocks';

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
