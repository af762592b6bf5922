// A realistic issued invoice built in memory (nothing stored): for the PDF benchmark and the
// renderer tests. Line prices are chosen so that known amounts (1 234,56 €) appear.
import type { Company, DocumentRecord, Line } from '$lib/domain/types';
import { newClient, newCompany } from '$lib/domain/company';
import { newDocument, newLine } from '$lib/domain/documents';
import { freezeDocument } from '$lib/domain/integrity';

export const SAMPLE_DESCRIPTIONS = [
  'Étude préalable et relevé des besoins',
  'Fourniture et pose de tableau électrique « Pro » avec disjoncteurs différentiels 30 mA, repérage des circuits et essais de mise en service',
  'Main-d’œuvre : tirage de câbles',
  'Déplacement',
  'Prise de courant encastrée 16 A, finition blanc, y compris boîte d’encastrement et raccordement'
];

export function sampleCompany(partial: Partial<Company> = {}): Company {
  return {
    ...newCompany('2026-11-23'),
    name: 'Atelier Dupont',
    address: { line1: '12 rue des Lilas', line2: '', postalCode: '69003', city: 'Lyon', country: 'FR' },
    siret: '73282932000074',
    rcsCity: 'Lyon',
    vatNumber: 'FR44732829320',
    iban: 'FR7630006000011234567890189',
    bic: 'AGRIFRPP',
    email: 'contact@atelier-dupont.fr',
    phone: '04 78 00 00 00',
    ...partial
  };
}

/** `count` lines, the first at 1 234,56 € HT; the others vary quantity, rate and length. */
export function sampleLines(count: number): Line[] {
  const rates = [2000, 2000, 1000, 550, 2000];
  return Array.from({ length: count }, (_, i) =>
    newLine(`l${i + 1}`, {
      description: i === 0 ? 'Audit complet de l’installation électrique' : `${SAMPLE_DESCRIPTIONS[i % SAMPLE_DESCRIPTIONS.length]} — poste ${i + 1}`,
      quantity: i === 0 ? 1 : (i % 4) + 1,
      unit: i % 3 === 0 ? 'forfait' : 'h',
      unitPriceCents: i === 0 ? 123_456 : 4_500 + ((i * 7_919) % 150_000),
      vatRateBp: i === 0 ? 2000 : rates[i % rates.length],
      discountCents: i % 11 === 5 ? 1_000 : 0
    })
  );
}

/** An issued invoice of `lineCount` lines for a business client, as `issueDocument` leaves it. */
export function sampleInvoice(lineCount: number, company: Company = sampleCompany(), clientName = 'Société Générale d’Électricité <b>Ouest</b>'): DocumentRecord {
  const client = {
    ...newClient('sample-client', '2026-11-01T09:00:00.000Z'),
    name: clientName,
    billingAddress: { line1: '5 place Bellecour', line2: 'Bâtiment B', postalCode: '69002', city: 'Lyon', country: 'FR' },
    deliveryAddress: { line1: 'Chantier Part-Dieu', line2: '', postalCode: '69003', city: 'Lyon', country: 'FR' },
    siren: '732829320',
    vatNumber: 'FR44732829320'
  };
  const draft: DocumentRecord = {
    ...newDocument('invoice', { id: 'sample-invoice', memberId: 'm', now: '2026-11-23T09:00:00.000Z', clientId: client.id, terms: { kind: 'net', days: 30 } }),
    lines: sampleLines(lineCount),
    serviceDate: '2026-11-16',
    title: 'Mise aux normes de l’installation électrique'
  };
  const frozen = freezeDocument(draft, {
    company: { ...company, logoDataUrl: '' },
    client,
    number: 'F-2026-A-0001',
    series: 'F-2026-A',
    seq: 1,
    issueDate: '2026-11-23',
    dueDate: '2026-12-23',
    prevHash: '',
    correctedInvoice: null
  });
  return { ...draft, status: 'issued', number: frozen.number, series: frozen.series, seq: 1, issueDate: frozen.issueDate, dueDate: frozen.dueDate, frozen };
}
