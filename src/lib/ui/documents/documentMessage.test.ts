import { describe, expect, it } from 'vitest';
import { chaseClientRecord as client, chaseInvoice as invoice, issuingCompany } from '$lib/domain/fixtures';
import { DEFAULT_TEMPLATES } from '$lib/domain/templates';
import { composeDocumentMessage } from './documentMessage';

const templates = new Map(DEFAULT_TEMPLATES.map((t) => [t.id, t]));
const withEmail = (language: 'fr' | 'en' = 'fr') =>
  client({ language, contacts: [{ id: 'k1', name: 'Mme Martin', email: 'compta@boulangerie-martin.fr', phone: '', role: '', billing: true }] });
// 1 200,00 € TTC at 0 % VAT, due on 5 June 2026 (issued 30 days before).
const doc = invoice('i1', 120_000, '2026-06-05');

describe('composeDocumentMessage — the e-mail that sends a document', () => {
  it('fills the invoice template with the frozen number, total, due date and IBAN, to the billing contact', () => {
    const m = composeDocumentMessage(doc, withEmail(), issuingCompany, templates, '2026-05-06');
    expect(m.rendered.ok).toBe(true);
    if (!m.rendered.ok) return;
    // French money: narrow no-break space between thousands, no-break space before €.
    expect(m.rendered.subject).toBe('Facture F-2026-A-i1 — 1\u202f200,00\u00a0€');
    expect(m.rendered.body).toContain('Bonjour Mme Martin,');
    expect(m.rendered.body).toContain('à régler au plus tard le 5 juin 2026');
    expect(m.rendered.body).toContain('IBAN FR76 3000 6000 0112 3456 7890 189');
    expect(m.rendered.body.endsWith('Atelier Dupont')).toBe(true);
    expect(m.mailto.startsWith('mailto:compta@boulangerie-martin.fr?subject=Facture%20F-2026-A-i1')).toBe(true);
  });

  it('speaks the client’s language', () => {
    const m = composeDocumentMessage(doc, withEmail('en'), issuingCompany, templates, '2026-05-06');
    expect(m.rendered.ok && m.rendered.subject).toBe('Invoice F-2026-A-i1 — €1,200.00');
  });

  it('a quote and a credit note use their own template', () => {
    const quote = { ...doc, kind: 'quote' as const };
    const credit = { ...doc, kind: 'credit' as const };
    const q = composeDocumentMessage(quote, withEmail(), issuingCompany, templates, '2026-05-06');
    const c = composeDocumentMessage(credit, withEmail(), issuingCompany, templates, '2026-05-06');
    expect(q.rendered.ok && q.rendered.subject).toBe('Devis F-2026-A-i1 — 1\u202f200,00\u00a0€');
    expect(c.rendered.ok && c.rendered.subject).toBe('Avoir F-2026-A-i1 — 1\u202f200,00\u00a0€');
  });

  it('a client without an e-mail gets the text but no link; a company without IBAN names the hole', () => {
    const noMail = composeDocumentMessage(doc, client(), issuingCompany, templates, '2026-05-06');
    expect(noMail.mailto).toBe('');
    expect(noMail.text.startsWith('Facture F-2026-A-i1')).toBe(true);
    const noIban = composeDocumentMessage(doc, withEmail(), { ...issuingCompany, iban: '' }, templates, '2026-05-06');
    expect(noIban.rendered).toEqual({ ok: false, missing: ['iban'], unknown: [] });
    expect(noIban.mailto).toBe('');
  });
});
