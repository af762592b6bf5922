// Issuing freezes the early-payment terms the invoice offers: its own, else its client's, else the company's.
import { describe, expect, it } from 'vitest';
import { readRecord } from './doc';
import { actor, client, company, line, seededDoc } from './fixtures';
import { createDocument, issueDocument, saveDraft } from './operations';

const TWO_TEN = { rateBp: 200, days: 10 };
const THREE_THIRTY = { rateBp: 300, days: 30 };

async function issued(opts: { companyTerms?: typeof TWO_TEN | null; clientTerms?: typeof TWO_TEN | null; draftTerms?: typeof TWO_TEN | null; kind?: 'invoice' | 'quote' }) {
  const doc = seededDoc({
    company: company({ earlyDiscount: opts.companyTerms }),
    clients: [client('c1', opts.clientTerms === undefined ? {} : { earlyDiscount: opts.clientTerms })]
  });
  const me = actor('m-a', '2026-03-10T09:00:00.000Z');
  const id = createDocument(doc, me, opts.kind ?? 'invoice', 'c1');
  saveDraft(doc, me, id, { lines: [line('l1')], ...(opts.draftTerms === undefined ? {} : { earlyDiscount: opts.draftTerms }) });
  const record = await issueDocument(doc, me, id, '2026-03-10');
  return readRecord(doc, 'documents', record.id)!.frozen!;
}

describe('early-payment terms frozen at issue', () => {
  it('the company’s by default; none at all → nothing frozen (the hash of such invoices is unchanged)', async () => {
    expect((await issued({ companyTerms: TWO_TEN })).earlyDiscount).toEqual(TWO_TEN);
    expect('earlyDiscount' in (await issued({}))).toBe(false);
  });
  it('the client’s over the company’s; the invoice’s over both; null at a level means none', async () => {
    expect((await issued({ companyTerms: TWO_TEN, clientTerms: THREE_THIRTY })).earlyDiscount).toEqual(THREE_THIRTY);
    expect((await issued({ companyTerms: TWO_TEN, clientTerms: THREE_THIRTY, draftTerms: TWO_TEN })).earlyDiscount).toEqual(TWO_TEN);
    expect('earlyDiscount' in (await issued({ companyTerms: TWO_TEN, clientTerms: null }))).toBe(false);
  });
  it('a quote carries none', async () => {
    expect('earlyDiscount' in (await issued({ companyTerms: TWO_TEN, kind: 'quote' }))).toBe(false);
  });
});
