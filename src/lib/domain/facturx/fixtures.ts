// Realistic issued documents for the Factur-X tests, frozen through the app's own code
// (integrity.ts freezeDocument, money.ts totals): invoices with two VAT rates and discounts,
// reverse charge, franchise en base, intra-EU, a private client, a credit note, a deposit and the
// final invoice that takes it off.
import type { Client, Company, Discount, DocumentRecord, Line } from '../types';
import { newClient } from '../company';
import { creditNoteFrom, newDocument, newLine } from '../documents';
import { freezeDocument } from '../integrity';
import { deductDeposits } from '../deposits';
import { situationInvoiceFrom } from '../progress';
import { issuingCompany } from '../fixtures';

/** The domain tests' issuing company (every mention an invoice needs), with `partial` over it. */
export function seller(partial: Partial<Company> = {}): Company {
  return { ...issuingCompany, ...partial };
}

export function client(partial: Partial<Client> = {}): Client {
  return {
    ...newClient('client-1', '2026-11-01T09:00:00.000Z'),
    name: 'Boulangerie Martin SAS',
    billingAddress: { line1: '5 place Bellecour', line2: 'Bâtiment B', postalCode: '69002', city: 'Lyon', country: 'FR' },
    siren: '732829320',
    vatNumber: 'FR44732829320',
    ...partial
  };
}

let seq = 0;

/** An issued invoice (or credit note when `corrects` is given) of `lines` for `buyer`. */
export function issued(opts: {
  lines: Line[];
  company?: Company;
  buyer?: Client;
  discount?: Discount;
  orderNumber?: string;
  corrects?: DocumentRecord;
  number?: string;
}): DocumentRecord {
  const company = opts.company ?? seller();
  const buyer = opts.buyer ?? client();
  const ids = { id: `doc-${++seq}`, memberId: 'm', now: '2026-11-23T09:00:00.000Z' };
  const base = opts.corrects
    ? { ...creditNoteFrom(opts.corrects, ids, opts.lines), serviceDate: null }
    : { ...newDocument('invoice', { ...ids, clientId: buyer.id, terms: { kind: 'net', days: 30 } }), lines: opts.lines, serviceDate: '2026-11-16' };
  const draft: DocumentRecord = { ...base, discount: opts.discount ?? base.discount, orderNumber: opts.orderNumber ?? '' };
  const number = opts.number ?? (opts.corrects ? 'A-2026-A-0001' : `F-2026-A-${String(seq).padStart(4, '0')}`);
  const frozen = freezeDocument(draft, {
    company,
    client: buyer,
    number,
    series: number.slice(0, 8),
    seq,
    issueDate: '2026-11-23',
    dueDate: opts.corrects ? null : '2026-12-23',
    prevHash: '',
    correctedInvoice: opts.corrects ?? null
  });
  return { ...draft, status: 'issued', number, series: frozen.series, seq, issueDate: frozen.issueDate, dueDate: frozen.dueDate, frozen };
}

export const line = (id: string, partial: Partial<Line>): Line => newLine(id, partial);

/** 20 % and 10 % lines, one with a line discount, and a 5 % document discount. */
export function twoRatesWithDiscount(): DocumentRecord {
  return issued({
    lines: [
      line('a', { description: 'Audit de l’installation\nRelevé complet, rapport écrit', quantity: 1, unit: 'forfait', unitPriceCents: 123_456, vatRateBp: 2000 }),
      line('b', { description: 'Main-d’œuvre', quantity: 7.5, unit: 'h', unitPriceCents: 4_500, vatRateBp: 1000, discountCents: 1_000 }),
      line('c', { description: 'Déplacement', quantity: 2, unit: 'jour', unitPriceCents: 3_333, vatRateBp: 2000 })
    ],
    discount: { kind: 'percent', bp: 500 },
    orderNumber: 'BC-2026-118'
  });
}

/** Sous-traitance in the building trade: 0 % lines to a French business (autoliquidation). */
export function reverseCharge(): DocumentRecord {
  return issued({
    lines: [line('a', { description: 'Sous-traitance gros œuvre — lot 2', quantity: 1, unit: 'forfait', unitPriceCents: 850_000, vatRateBp: 0 })]
  });
}

/** A sole trader under the franchise en base (no VAT, art. 293 B), lines left at 20 %. */
export function franchise(): DocumentRecord {
  const company = seller({ vatRegime: 'franchise', vatNumber: '', legalForm: 'EI', soleTrader: true, shareCapitalCents: null });
  return issued({
    company,
    lines: [
      line('a', { description: 'Séance de coaching', quantity: 3, unit: 'h', unitPriceCents: 6_000, vatRateBp: 2000 }),
      line('b', { description: 'Support de cours', quantity: 1, unit: 'u', unitPriceCents: 1_500, vatRateBp: 550 })
    ],
    discount: { kind: 'amount', cents: 1_000 }
  });
}

/** Goods sold to a business in Germany: an intra-community supply (K). */
export function intraEu(): DocumentRecord {
  return issued({
    company: seller({ operationNature: 'goods' }),
    buyer: client({
      name: 'Müller Elektro GmbH',
      billingAddress: { line1: 'Hauptstraße 5', line2: '', postalCode: '10115', city: 'Berlin', country: 'DE' },
      siren: '',
      vatNumber: 'DE123456789',
      contacts: [{ id: 'c', name: 'Buchhaltung', email: 'rechnung@mueller-elektro.de', phone: '', role: '', billing: true }]
    }),
    lines: [line('a', { description: 'Tableau électrique « Pro »', quantity: 4, unit: 'u', unitPriceCents: 48_000, vatRateBp: 0 })]
  });
}

/** A private person, reached by e-mail, with the option for VAT on debits. */
export function privateClient(): DocumentRecord {
  return issued({
    company: seller({ vatOnDebits: true }),
    buyer: client({
      kind: 'individual',
      name: 'Mme Claire Petit',
      siren: '',
      vatNumber: '',
      contacts: [{ id: 'c', name: 'Claire Petit', email: 'claire.petit@example.fr', phone: '', role: '', billing: true }]
    }),
    lines: [
      line('a', { description: 'Remplacement d’un interrupteur', quantity: 1, unit: 'u', unitPriceCents: 8_500, vatRateBp: 1000 }),
      line('b', { description: 'Déplacement', quantity: 1, unit: 'forfait', unitPriceCents: 3_000, vatRateBp: 2000 })
    ]
  });
}

/** A credit note for two of the lines of twoRatesWithDiscount's invoice. */
export function creditNote(): DocumentRecord {
  const invoice = twoRatesWithDiscount();
  return issued({ corrects: invoice, lines: invoice.frozen!.lines.slice(1) });
}

/** A 30 % deposit invoice (facture d'acompte) on a quote, at 20 %: a prepayment invoice (386). */
export function depositInvoice(): DocumentRecord {
  const doc = issued({ lines: [line('a', { description: 'Acompte de 30 % sur le devis D-2026-0004', quantity: 1, unit: 'forfait', unitPriceCents: 150_000, vatRateBp: 2000 })] });
  const deposit = { quoteId: 'q-4', quoteNumber: 'D-2026-0004', quoteDate: '2026-11-02', request: { kind: 'percent' as const, bp: 3000 }, quoteTtcCents: 600_000 };
  return { ...doc, deposit, frozen: { ...doc.frozen!, deposit } };
}

/**
 * The final invoice of twoRatesWithDiscount's job, taking off a deposit of 30 % of each rate's
 * base (as that deposit printed it): what remains is charged, rate by rate.
 */
export function finalInvoice(): DocumentRecord {
  const job = twoRatesWithDiscount();
  const vat = job.frozen!.totals.vat.map((v) => {
    const baseCents = Math.round(v.baseCents * 0.3);
    return { rateBp: v.rateBp, baseCents, vatCents: Math.round((baseCents * v.rateBp) / 10_000) };
  });
  const htCents = vat.reduce((s, v) => s + v.baseCents, 0);
  const vatCents = vat.reduce((s, v) => s + v.vatCents, 0);
  const deductions = [{ invoiceId: 'dep-1', number: 'F-2026-A-0002', issueDate: '2026-11-10', htCents, vat, vatCents, ttcCents: htCents + vatCents }];
  const totals = deductDeposits(job.frozen!.totals, deductions);
  return { ...job, frozen: { ...job.frozen!, deductions, finalOf: { quoteNumber: 'D-2026-0004', quoteDate: '2026-11-02' }, totals } };
}

/**
 * Situation n° 1 of a quote with two rates and an amount discount, at 40 % and 25 %, holding a
 * 5 % retenue de garantie: the lines are the situation's, the whole TTC is due (the retention is
 * said in the payment terms, not taken off).
 */
export function progressInvoice(): DocumentRecord {
  const quoteDraft = {
    ...newDocument('quote', { id: 'q-5', memberId: 'm', now: '2026-11-01T09:00:00.000Z', clientId: client().id, terms: { kind: 'net', days: 30 } }),
    lines: [
      line('a', { description: 'Gros œuvre', quantity: 1, unit: 'forfait', unitPriceCents: 1_234_567, vatRateBp: 2000, discountCents: 4_567 }),
      line('b', { description: 'Isolation des combles', quantity: 85.5, unit: 'm²', unitPriceCents: 4_250, vatRateBp: 550 })
    ],
    discount: { kind: 'amount' as const, cents: 25_000 }
  };
  const quote: DocumentRecord = {
    ...quoteDraft,
    status: 'issued',
    number: 'D-2026-0005',
    frozen: freezeDocument(quoteDraft, { company: seller(), client: client(), number: 'D-2026-0005', series: 'D-2026', seq: 5, issueDate: '2026-11-02', dueDate: null, prevHash: '', correctedInvoice: null })
  };
  const draft = situationInvoiceFrom(quote, { cumulative: { a: 4000, b: 2500 }, retentionBp: 500, final: false }, [quote], { id: 'sit-1', memberId: 'm', now: '2026-11-23T09:00:00.000Z' }, { kind: 'net', days: 30 });
  const frozen = freezeDocument({ ...draft, serviceDate: '2026-11-16' }, { company: seller(), client: client(), number: 'F-2026-A-0050', series: 'F-2026-A', seq: 50, issueDate: '2026-11-23', dueDate: '2026-12-23', prevHash: '', correctedInvoice: null });
  return { ...draft, status: 'issued', number: frozen.number, series: frozen.series, seq: 50, issueDate: frozen.issueDate, dueDate: frozen.dueDate, frozen };
}
