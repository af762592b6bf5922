import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, freezeDocument, hashFrozen, sha256Hex, verifyDocuments } from './integrity';
import { newDocument, newLine } from './documents';
import { newClient } from './company';
import { issuingCompany } from './fixtures';
import type { Client, Company, DocumentRecord } from './types';

const NOW = '2026-01-15T09:00:00.000Z';
const company: Company = issuingCompany;
const client: Client = {
  ...newClient('c1', NOW),
  name: 'Boulangerie Martin',
  billingAddress: { line1: '3 place du Marché', line2: '', postalCode: '13001', city: 'Marseille', country: 'FR' },
  deliveryAddress: { line1: 'Entrepôt, 8 quai Nord', line2: '', postalCode: '13002', city: 'Marseille', country: 'FR' },
  siren: '732829320',
  vatNumber: 'FR44732829320'
};

function draft(id: string, kind: 'invoice' | 'credit' = 'invoice'): DocumentRecord {
  return {
    ...newDocument(kind, { id, memberId: 'm1', now: NOW, clientId: 'c1', terms: { kind: 'net', days: 30 } }),
    lines: [
      newLine(`${id}-1`, { description: 'Développement', quantity: 2, unit: 'jour', unitPriceCents: 45_000, vatRateBp: 2000 }),
      newLine(`${id}-2`, { description: 'Formation', quantity: 1, unitPriceCents: 8_000, vatRateBp: 1000 })
    ],
    notes: 'Merci'
  };
}

/** Issues the drafts in order as one chain of `series`, each carrying the previous one's hash. */
async function issueChain(drafts: DocumentRecord[], series: string, firstPrevHash = ''): Promise<DocumentRecord[]> {
  const out: DocumentRecord[] = [];
  let prevHash = firstPrevHash;
  for (const [i, d] of drafts.entries()) {
    const seq = i + 1;
    const number = `${series}-${String(seq).padStart(4, '0')}`;
    const issueDate = `2026-01-${String(10 + seq).padStart(2, '0')}`;
    const frozen = freezeDocument(d, { company, client, number, series, seq, issueDate, dueDate: '2026-03-01', prevHash, correctedInvoice: null });
    const hash = await hashFrozen(frozen);
    out.push({ ...d, status: 'issued', number, series, seq, issueDate, dueDate: '2026-03-01', frozen, hash, prevHash, issuedAt: NOW });
    prevHash = hash;
  }
  return out;
}

describe('canonicalJson', () => {
  it('gives one text whatever the key order, at every level, with no whitespace', () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(canonicalJson({ a: 2, b: 1 })).toBe('{"a":2,"b":1}');
    const one = { z: { y: [3, { d: 1, c: 2 }], x: null }, a: 'é' };
    const two = { a: 'é', z: { x: null, y: [3, { c: 2, d: 1 }] } };
    expect(canonicalJson(one)).toBe('{"a":"é","z":{"x":null,"y":[3,{"c":2,"d":1}]}}');
    expect(canonicalJson(two)).toBe(canonicalJson(one));
  });

  it('keeps array order', () => {
    expect(canonicalJson([2, 1])).toBe('[2,1]');
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('drops undefined properties, writes null for undefined array items', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson([1, undefined])).toBe('[1,null]');
  });

  it('writes primitives and escapes strings as JSON does', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(-12.5)).toBe('-12.5');
    expect(canonicalJson('x')).toBe('"x"');
    expect(canonicalJson({ 'q"': 'a\nb' })).toBe('{"q\\"":"a\\nb"}');
  });

  it('refuses non-finite numbers, even deep inside', () => {
    expect(() => canonicalJson(NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ a: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson({ a: [1, { b: -Infinity }] })).toThrow(TypeError);
  });
});

describe('sha256Hex', () => {
  it('matches the published test vectors', () => {
    // FIPS 180-2 example « abc », the empty string, and the classic pangram
    return Promise.all([
      expect(sha256Hex('abc')).resolves.toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'),
      expect(sha256Hex('')).resolves.toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'),
      expect(sha256Hex('The quick brown fox jumps over the lazy dog')).resolves.toBe(
        'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592'
      )
    ]);
  });

  it('hashes the UTF-8 bytes (checked against node:crypto)', async () => {
    const text = 'Facture n° F-2026-A-0001 — 1 234,56 €';
    expect(await sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});

describe('freezeDocument', () => {
  it('keeps exactly what is printed, with totals computed at issue', () => {
    const d = draft('inv1');
    const frozen = freezeDocument(d, {
      company, client, number: 'F-2026-A-0001', series: 'F-2026-A', seq: 1, issueDate: '2026-01-15', dueDate: '2026-02-14', prevHash: '', correctedInvoice: null
    });
    expect(frozen).toMatchObject({
      kind: 'invoice',
      number: 'F-2026-A-0001',
      series: 'F-2026-A',
      seq: 1,
      issueDate: '2026-01-15',
      serviceDate: null,
      dueDate: '2026-02-14',
      terms: { kind: 'net', days: 30 },
      clientId: 'c1',
      notes: 'Merci',
      discount: { kind: 'none' },
      correctsInvoiceId: null,
      correctsInvoiceNumber: null,
      correctsInvoiceDate: null,
      prevHash: ''
    });
    expect(frozen.seller).toEqual(company);
    // The client's kind is frozen too: a reprint and the late-payment rules read it, not today's record.
    expect(frozen.client).toEqual({
      kind: 'company',
      name: 'Boulangerie Martin',
      address: client.billingAddress,
      deliveryAddress: client.deliveryAddress,
      siren: '732829320',
      vatNumber: 'FR44732829320'
    });
    expect(frozen.lines).toEqual(d.lines);
    // 2 × 450 € at 20 % = 900 € → VAT 180 € ; 80 € at 10 % → VAT 8 € ; HT 980 € ; TTC 1 168 €
    expect(frozen.totals).toEqual({
      linesHtCents: 98_000,
      discountCents: 0,
      htCents: 98_000,
      vat: [
        { rateBp: 2000, baseCents: 90_000, vatCents: 18_000 },
        { rateBp: 1000, baseCents: 8_000, vatCents: 800 }
      ],
      vatCents: 18_800,
      ttcCents: 116_800
    });
  });

  it('computes the totals in the seller’s VAT regime', () => {
    const frozen = freezeDocument(draft('inv1'), {
      company: { ...company, vatRegime: 'franchise' }, client, number: 'F-2026-A-0001', series: 'F-2026-A', seq: 1, issueDate: '2026-01-15', dueDate: null, prevHash: '', correctedInvoice: null
    });
    expect(frozen.totals).toMatchObject({ htCents: 98_000, vat: [], vatCents: 0, ttcCents: 98_000 });
  });

  it('freezes where the client receives e-invoices: its address, an individual’s e-mail, else nothing', () => {
    const freeze = (cl: Client) =>
      freezeDocument(draft('inv1'), { company, client: cl, number: 'F-2026-A-0001', series: 'F-2026-A', seq: 1, issueDate: '2026-01-15', dueDate: null, prevHash: '', correctedInvoice: null }).client;
    expect(freeze({ ...client, electronicAddress: ' 732829320_COMPTA ' }).electronicAddress).toBe('732829320_COMPTA');
    const contact = { id: 'k', name: 'Claire', email: 'claire@example.fr', phone: '', role: '', billing: true };
    expect(freeze({ ...client, kind: 'individual', siren: '', contacts: [contact] }).electronicAddress).toBe('claire@example.fr');
    // A French business without one is reached by its SIREN: no key, so its hash is as before.
    expect('electronicAddress' in freeze({ ...client, contacts: [contact] })).toBe(false);
  });

  it('shares nothing with the draft, the company or the client', () => {
    const d = draft('inv1');
    const co = structuredClone(company);
    const cl = structuredClone(client);
    const frozen = freezeDocument(d, { company: co, client: cl, number: 'F-2026-A-0001', series: 'F-2026-A', seq: 1, issueDate: '2026-01-15', dueDate: null, prevHash: '', correctedInvoice: null });
    d.lines[0].unitPriceCents = 1;
    co.address.city = 'Paris';
    cl.billingAddress.city = 'Nice';
    expect(frozen.lines[0].unitPriceCents).toBe(45_000);
    expect(frozen.seller.address.city).toBe('Lyon');
    expect(frozen.client.address.city).toBe('Marseille');
  });

  it('freezes a quote\'s last valid day, 30 days after issue unless the draft says otherwise', () => {
    const quote = { ...draft('q1'), kind: 'quote' as const };
    const freeze = (d: DocumentRecord) =>
      freezeDocument(d, { company, client, number: 'D-2026-A-0001', series: 'D-2026-A', seq: 1, issueDate: '2026-04-01', dueDate: null, prevHash: '', correctedInvoice: null });
    // 1 April + 30 days = 1 May.
    expect(freeze(quote).validUntil).toBe('2026-05-01');
    // 1 April + 45 days: 29 days to 30 April, 16 more → 16 May.
    expect(freeze({ ...quote, validity: { kind: 'days', days: 45 } }).validUntil).toBe('2026-05-16');
    expect(freeze({ ...quote, validity: { kind: 'date', date: '2026-06-30' } }).validUntil).toBe('2026-06-30');
    // Invoices and credit notes have none: their frozen content (and hash) is as before.
    expect('validUntil' in freeze(draft('inv1'))).toBe(false);
    expect(() => freeze({ ...quote, validity: { kind: 'date', date: '2026-03-01' } })).toThrow(/validity/);
  });

  it('cites the corrected invoice on a credit note', () => {
    const invoice = { ...draft('inv1'), status: 'issued' as const, number: 'F-2026-A-0001', issueDate: '2026-01-15' };
    const frozen = freezeDocument(draft('cr1', 'credit'), {
      company, client, number: 'A-2026-A-0001', series: 'A-2026-A', seq: 1, issueDate: '2026-02-01', dueDate: '2026-02-01', prevHash: '', correctedInvoice: invoice
    });
    expect(frozen).toMatchObject({ kind: 'credit', correctsInvoiceId: 'inv1', correctsInvoiceNumber: 'F-2026-A-0001', correctsInvoiceDate: '2026-01-15' });
  });

  const base = { company, client, number: 'F-2026-A-0002', series: 'F-2026-A', seq: 2, issueDate: '2026-02-01', dueDate: '2026-02-01', prevHash: '', correctedInvoice: null };

  it('freezes what a deposit is a deposit on, and a final invoice with its deposits taken off', () => {
    const deposit = { quoteId: 'q1', quoteNumber: 'D-2026-A-0001', quoteDate: '2026-01-10', request: { kind: 'percent' as const, bp: 3000 } };
    expect(freezeDocument({ ...draft('dep'), deposit }, base).deposit).toEqual(deposit);
    // The draft: 2 × 450,00 at 20 % + 80,00 at 10 %: HT 980,00, VAT 180,00 + 8,00, TTC 1 168,00.
    // A deposit of 300,00 + 60,00 at 20 % and 24,00 + 2,40 at 10 % (TTC 386,40) taken off:
    // 20 %: 600,00 + 120,00; 10 %: 56,00 + 5,60; HT 656,00, VAT 125,60, TTC 781,60.
    const deduction = {
      invoiceId: 'dep',
      number: 'F-2026-A-0001',
      issueDate: '2026-01-20',
      htCents: 32_400,
      vat: [
        { rateBp: 2000, baseCents: 30_000, vatCents: 6_000 },
        { rateBp: 1000, baseCents: 2_400, vatCents: 240 }
      ],
      vatCents: 6_240,
      ttcCents: 38_640
    };
    const final = freezeDocument({ ...draft('fin'), sourceQuoteId: 'q1' }, { ...base, deductions: [deduction] });
    expect(final.deductions).toEqual([deduction]);
    expect(final.totals).toMatchObject({
      htCents: 65_600,
      vat: [
        { rateBp: 2000, baseCents: 60_000, vatCents: 12_000 },
        { rateBp: 1000, baseCents: 5_600, vatCents: 560 }
      ],
      vatCents: 12_560,
      ttcCents: 78_160,
      beforeDeposits: { htCents: 98_000, vatCents: 18_800, ttcCents: 116_800 }
    });
  });

  it('prints « paiement d’avance » only for a prepaying client on an invoice due on receipt', () => {
    const prepaying = { ...client, prepayment: true };
    const onReceipt = { ...draft('p1'), terms: { kind: 'on_receipt' as const } };
    expect(freezeDocument(onReceipt, { ...base, client: prepaying }).prepayment).toBe(true);
    expect(freezeDocument(draft('p2'), { ...base, client: prepaying })).not.toHaveProperty('prepayment');
    expect(freezeDocument(onReceipt, base)).not.toHaveProperty('prepayment');
  });

  it('adds no deposit keys to other documents: their hashes stay what they were', () => {
    const frozen = freezeDocument(draft('plain'), { ...base, deductions: [] });
    expect(Object.keys(frozen)).not.toContain('deposit');
    expect(Object.keys(frozen)).not.toContain('deductions');
    expect(frozen.totals).not.toHaveProperty('beforeDeposits');
  });
});

describe('hash chain and verifyDocuments', () => {
  it('hashes the canonical JSON of the frozen content', async () => {
    const [doc] = await issueChain([draft('inv1')], 'F-2026-A');
    expect(doc.hash).toBe(createHash('sha256').update(canonicalJson(doc.frozen), 'utf8').digest('hex'));
    expect(doc.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('finds nothing wrong in a valid chain of 3', async () => {
    const docs = await issueChain([draft('inv1'), draft('inv2'), draft('inv3')], 'F-2026-A');
    expect(docs[0].frozen!.prevHash).toBe('');
    expect(docs[1].frozen!.prevHash).toBe(docs[0].hash);
    expect(docs[2].frozen!.prevHash).toBe(docs[1].hash);
    expect(await verifyDocuments(docs)).toEqual([]);
    // order of the list does not matter; drafts are not checked
    expect(await verifyDocuments([docs[2], draft('d9'), docs[0], docs[1]])).toEqual([]);
  });

  it('checks each series on its own', async () => {
    const a = await issueChain([draft('a1'), draft('a2')], 'F-2026-A');
    const b = await issueChain([draft('b1'), draft('b2'), draft('b3')], 'F-2026-B');
    expect(await verifyDocuments([a[0], b[0], b[1], a[1], b[2]])).toEqual([]);
  });

  it('reports hash_mismatch when one frozen line price is changed', async () => {
    const docs = await issueChain([draft('inv1'), draft('inv2'), draft('inv3')], 'F-2026-A');
    const frozen = structuredClone(docs[1].frozen!);
    frozen.lines[0].unitPriceCents = 44_999;
    const tampered = [docs[0], { ...docs[1], frozen }, docs[2]];
    expect(await verifyDocuments(tampered)).toEqual([{ id: 'inv2', number: 'F-2026-A-0002', problem: 'hash_mismatch' }]);
  });

  it('reports hash_mismatch when the printed client identity is changed', async () => {
    const docs = await issueChain([draft('inv1')], 'F-2026-A');
    const frozen = structuredClone(docs[0].frozen!);
    frozen.client.name = 'Autre client';
    expect(await verifyDocuments([{ ...docs[0], frozen }])).toEqual([{ id: 'inv1', number: 'F-2026-A-0001', problem: 'hash_mismatch' }]);
  });

  it('reports chain_broken when a document carries the wrong previous hash', async () => {
    const good = await issueChain([draft('inv1'), draft('inv2')], 'F-2026-A');
    // the second document hashed correctly, but chained to something that is not the first
    const [, wrong] = await issueChain([draft('x'), draft('inv2')], 'F-2026-A');
    expect(await verifyDocuments([good[0], wrong])).toEqual([{ id: 'inv2', number: 'F-2026-A-0002', problem: 'chain_broken' }]);
    // and a first document must chain to nothing
    const [first] = await issueChain([draft('inv1')], 'F-2026-A', 'f'.repeat(64));
    expect(await verifyDocuments([first])).toEqual([{ id: 'inv1', number: 'F-2026-A-0001', problem: 'chain_broken' }]);
  });

  it('reports chain_broken on the next document when one is missing from the chain', async () => {
    const docs = await issueChain([draft('inv1'), draft('inv2'), draft('inv3')], 'F-2026-A');
    expect(await verifyDocuments([docs[0], docs[2]])).toEqual([{ id: 'inv3', number: 'F-2026-A-0003', problem: 'chain_broken' }]);
  });

  it('reports chain_broken when the record no longer matches its frozen number, sequence, series or kind', async () => {
    const [doc] = await issueChain([draft('inv1')], 'F-2026-A');
    expect(await verifyDocuments([{ ...doc, number: 'F-2026-A-0099' }])).toEqual([{ id: 'inv1', number: 'F-2026-A-0099', problem: 'chain_broken' }]);
    expect(await verifyDocuments([{ ...doc, seq: 2 }])).toEqual([{ id: 'inv1', number: 'F-2026-A-0001', problem: 'chain_broken' }]);
    // moved to another series (it would then vanish from F-2026-A's numbering)
    expect(await verifyDocuments([{ ...doc, series: 'F-2026-Z' }])).toEqual([{ id: 'inv1', number: 'F-2026-A-0001', problem: 'chain_broken' }]);
    // turned into a quote (it would then vanish from what the client owes)
    expect(await verifyDocuments([{ ...doc, kind: 'quote' }])).toEqual([{ id: 'inv1', number: 'F-2026-A-0001', problem: 'chain_broken' }]);
  });

  it('reports missing_frozen for an issued document with no frozen content', async () => {
    const docs = await issueChain([draft('inv1'), draft('inv2')], 'F-2026-A');
    expect(await verifyDocuments([docs[0], { ...docs[1], frozen: null }])).toEqual([{ id: 'inv2', number: 'F-2026-A-0002', problem: 'missing_frozen' }]);
  });
});
