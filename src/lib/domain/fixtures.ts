// Test data shared by the domain's tests (imported by *.test.ts only).
import type { Company } from './types';
import { newCompany } from './company';

/** A company with every mention an invoice needs (missingBeforeIssue finds nothing). */
export const issuingCompany: Company = {
  ...newCompany('2026-01-01'),
  name: 'Atelier Dupont',
  legalForm: 'SARL',
  soleTrader: false,
  shareCapitalCents: 1_000_000,
  address: { line1: '12 rue des Lilas', line2: '', postalCode: '69003', city: 'Lyon', country: 'FR' },
  siret: '73282932000074',
  rcsCity: 'Lyon',
  vatNumber: 'FR44732829320',
  iban: 'FR7630006000011234567890189',
  bic: 'AGRIFRPP',
  email: 'contact@atelier-dupont.fr'
};
