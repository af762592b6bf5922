// rates: see ../fr/rates.ts.
import type { Messages } from '../../groups';

const messages: Messages = {
  'halfYear.h1': 'first half of {year}',
  'halfYear.h2': 'second half of {year}',
  'penalty.title': 'Late-payment penalty rate',
  'penalty.legal': 'Legal rate: ECB rate + 10 points, updated every half-year ({rate} in the {half})',
  'penalty.legalHint': 'Each issued document keeps the rate of its issue date’s half-year.',
  'penalty.contractual': 'Contractual rate (set by your terms and conditions)',
  'penalty.rate': 'Contractual rate (% a year)',
  'penalty.belowFloor':
    'Below the legal minimum: at least 3 times the legal interest rate of the {half}, i.e. {floor} (French Commercial Code, art. L441-10).',
  'penalty.missing': 'Rates for the {half} not entered: issued documents use those of the {known}. Add them in Settings, “Legal rates”.',
  'rates.title': 'Legal rates',
  'rates.intro':
    'Default late-payment penalties are the ECB rate (that of 1 January for the first half-year, of 1 July for the second) plus 10 points; a contractual rate may not be below 3 times the legal interest rate (French Commercial Code, art. L441-10). These rates are published every half-year (Banque de France, Légifrance): add a new half-year’s rates here.',
  'rates.table': 'Rates per half-year',
  'rates.missing': 'Rates for the {half} not entered: issued documents use those of the {known}. Add them below.',
  'rates.col.half': 'Half-year',
  'rates.col.ecb': 'ECB rate',
  'rates.col.default': 'Default penalties',
  'rates.col.legal': 'Legal interest',
  'rates.col.floor': 'Minimum (3 ×)',
  'rates.col.source': 'Source',
  'rates.builtIn': 'Built into Relance',
  'rates.remove': 'Remove',
  'rates.removeLabel': 'Remove the rates entered for the {half}',
  'rates.add': 'Add a half-year’s rates',
  'rates.year': 'Year',
  'rates.half': 'Half-year',
  'rates.h1': 'First half (1 January)',
  'rates.h2': 'Second half (1 July)',
  'rates.ecb': 'ECB rate (%)',
  'rates.legal': 'Legal interest rate (%)',
  'rates.legalHint': 'The “all other cases” rate (business creditor).',
  'rates.source': 'Source',
  'rates.sourcePlaceholder': 'Banque de France / Légifrance, published on …',
  'rates.preview': 'Default penalties: {rate}; contractual minimum: {floor}.',
  'rates.replaces': 'This half-year already has a row: it will be replaced.',
  'rates.save': 'Add these rates',
  'rates.saved': 'Rates for the {half} saved.'
};

export default messages;
