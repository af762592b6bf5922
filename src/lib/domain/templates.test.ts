import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, PLACEHOLDERS, SEND_TEMPLATE_ID, effectiveTemplates, renderTemplate, templateErrors, templateText } from './templates';
import { BUILT_IN_POLICIES } from './dunning';

const values = Object.fromEntries(PLACEHOLDERS.map((p) => [p, `<${p}>`]));

describe('templates', () => {
  it('fills every placeholder', () => {
    expect(renderTemplate({ subject: 'Facture {invoices}', body: 'Reste {amount}, {amount}.' }, { invoices: 'F-1', amount: '12,00 €' })).toEqual({
      ok: true,
      subject: 'Facture F-1',
      body: 'Reste 12,00 €, 12,00 €.'
    });
  });
  it('a placeholder without a value is reported, not printed empty', () => {
    expect(renderTemplate({ subject: '{client}', body: 'IBAN {iban} — {sender}' }, { client: 'X', iban: '' })).toEqual({ ok: false, missing: ['iban', 'sender'], unknown: [] });
  });
  it('unknown placeholders (a typo) are errors', () => {
    expect(templateErrors({ subject: 'Facture {invoices}', body: 'Reste {montant} {amount} {montant}' })).toEqual(['montant']);
    expect(renderTemplate({ subject: '', body: '{montant}' }, values)).toEqual({ ok: false, missing: [], unknown: ['montant'] });
  });
  it('{discount} may be empty: it says something only when a discount is open', () => {
    expect(renderTemplate({ subject: 'Rappel', body: 'Échéance le {dueDates}.{discount}' }, { dueDates: '18 juin 2026', discount: '' })).toEqual({ ok: true, subject: 'Rappel', body: 'Échéance le 18 juin 2026.' });
    expect(renderTemplate({ subject: 'Rappel', body: '{dueDates}' }, { dueDates: '' })).toEqual({ ok: false, missing: ['dueDates'], unknown: [] });
  });
  it('every default template is valid in French and English, and renders with all values', () => {
    for (const t of DEFAULT_TEMPLATES)
      for (const lang of ['fr', 'en'] as const) {
        expect(templateErrors(t[lang])).toEqual([]);
        expect(renderTemplate(t[lang], values).ok).toBe(true);
      }
  });
  it('every step of the built-in policies has a default template', () => {
    const ids = new Set(DEFAULT_TEMPLATES.map((t) => t.id));
    for (const p of BUILT_IN_POLICIES) for (const s of p.steps) expect(ids.has(s.templateId)).toBe(true);
    expect(ids.has('promise_broken')).toBe(true);
    expect(ids.has('send_invoice')).toBe(true);
    // Every kind of document has its sending e-mail.
    for (const id of Object.values(SEND_TEMPLATE_ID)) expect(ids.has(id)).toBe(true);
  });
  it('the mise en demeure says so in subject and body, with invoices, interest, indemnity, an 8-day deadline and legal action', () => {
    const t = effectiveTemplates([]).get('formal_notice')!.fr;
    expect(t.subject.toLowerCase()).toContain('mise en demeure');
    expect(t.body).toContain('mise en demeure');
    for (const p of ['{statement}', '{penalties}', '{total}', '{deadline}']) expect(t.body).toContain(p);
    expect(t.body).toContain('8 jours');
    // The legal action follows the client's kind (tribunal de commerce or judiciaire): a placeholder.
    expect(t.body).toContain('{nextAction}');
    // « Malgré nos relances » only when a message was sent: a placeholder too.
    expect(t.body).toContain('{previous}');
    expect(t.body).not.toContain('Malgré');
  });
  it('an edited template replaces the default; an empty translation falls back to French', () => {
    const edited = { ...DEFAULT_TEMPLATES[0], en: { subject: '', body: '' } };
    const t = effectiveTemplates([edited]).get(edited.id)!;
    expect(templateText(t, 'en')).toBe(t.fr);
  });
});
