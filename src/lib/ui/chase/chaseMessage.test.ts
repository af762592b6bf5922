import { describe, expect, it } from 'vitest';
import { chaseClient, chaseEnv } from '$lib/domain/chaseItem';
import { DEFAULT_CHASE_CONFIG, effectivePolicies, type PolicySettings } from '$lib/domain/dunning';
import { CHASE_TODAY as TODAY, chaseClientRecord as client, chaseFile as file, chaseInvoice as invoice, dueFor, issuingCompany } from '$lib/domain/fixtures';
import { DEFAULT_TEMPLATES } from '$lib/domain/templates';
import { composeMessage, mailtoHref, stepLabel } from './chaseMessage';
import { SEND_INVOICE_STEP, STANDARD_POLICY } from '$lib/domain/dunning';

describe('stepLabel', () => {
  it('names a deposit reminder « acompte non reçu », never its sending', () => {
    const reminder1 = STANDARD_POLICY.steps[1];
    expect(stepLabel(reminder1, 'fr')).toBe('Première relance');
    expect(stepLabel(reminder1, 'fr', true)).toBe('Acompte non reçu — Première relance');
    expect(stepLabel(reminder1, 'en', true)).toBe('Deposit not received — First reminder');
    expect(stepLabel(SEND_INVOICE_STEP, 'fr', true)).toBe('Envoyer la facture');
  });
});

describe('mailtoHref', () => {
  it('builds a link from a checked address, subject and body percent-encoded', () => {
    expect(mailtoHref(' compta@boulangerie-martin.fr ', 'Facture F-2026-A-0001 & relance', 'Bonjour,\nmerci ?')).toBe(
      'mailto:compta@boulangerie-martin.fr?subject=Facture%20F-2026-A-0001%20%26%20relance&body=Bonjour%2C%0Amerci%20%3F'
    );
    expect(mailtoHref('a+b@exemple.fr')).toBe('mailto:a+b@exemple.fr');
  });

  it('gives no link at all for an address that would smuggle a recipient or a header', () => {
    for (const bad of ['x@y.fr?bcc=spy@evil.example&', 'x@y.fr%3Fbcc=spy%40evil.example', 'x@y.fr,spy@evil.example', 'x@y.fr\r\nBcc: spy@evil.example', '', 'marie'])
      expect(mailtoHref(bad, 'Objet', 'Texte'), JSON.stringify(bad)).toBe('');
  });
});

describe('composeMessage — the e-mail of an item', () => {
  const settings: PolicySettings = { policies: effectivePolicies([]), config: DEFAULT_CHASE_CONFIG };
  const templates = new Map(DEFAULT_TEMPLATES.map((t) => [t.id, t]));
  const withEmail = (email: string) =>
    client({ contacts: [{ id: 'k1', name: 'Compta', email, phone: '', role: '', billing: true }] });
  const compose = (email: string) => {
    const c = withEmail(email);
    const { item } = chaseClient(file([invoice('i1', 120_000, dueFor(10))], [], [], c), chaseEnv(TODAY, 'normal', settings));
    return composeMessage(item!, c, issuingCompany, 'Claire', templates, TODAY);
  };

  it('links a checked address', () => {
    const m = compose('compta@boulangerie-martin.fr');
    expect(m.mailto.startsWith('mailto:compta@boulangerie-martin.fr?subject=')).toBe(true);
    expect(m.emailInvalid).toBe(false);
  });

  it('a synced address carrying a Bcc gives no link and says the address is invalid', () => {
    const m = compose('x@y.fr?bcc=spy@evil.example&');
    expect(m.mailto).toBe('');
    expect(m.emailInvalid).toBe(true);
    expect(m.text).not.toBe(''); // the text can still be copied
  });
});

describe('composeMessage — an early-payment discount still open', () => {
  const settings: PolicySettings = { policies: effectivePolicies([]), config: DEFAULT_CHASE_CONFIG };
  const templates = new Map(DEFAULT_TEMPLATES.map((t) => [t.id, t]));
  const c = client({ contacts: [{ id: 'k1', name: 'Compta', email: 'compta@boulangerie-martin.fr', phone: '', role: '', billing: true }] });

  it('the courtesy reminder mentions the discount, its last day and what to pay', () => {
    // Due in 3 days (18 June), issued 30 days before (19 May): 2 % within 30 days → until 18 June;
    // 2 % of 1 200,00 € = 24,00 €, 1 176,00 € to pay.
    const inv = invoice('i1', 120_000, dueFor(-3));
    const offering = { ...inv, frozen: { ...inv.frozen!, earlyDiscount: { rateBp: 200, days: 30 } } };
    const { item } = chaseClient(file([offering], [], [], c), chaseEnv(TODAY, 'normal', settings));
    expect(item!.step.id).toBe('courtesy');
    const m = composeMessage(item!, c, issuingCompany, 'Claire', templates, TODAY);
    expect(m.rendered.ok && m.rendered.body).toContain(
      'arrive à échéance le 18 juin 2026. Pour rappel, un escompte de 24,00\u00a0€ s’applique à la facture F-2026-A-i1 si le règlement parvient au plus tard le 18 juin 2026 : 1\u202f176,00\u00a0€ à régler.'
    );
  });

  it('without a discount the sentence ends there', () => {
    const { item } = chaseClient(file([invoice('i1', 120_000, dueFor(-3))], [], [], c), chaseEnv(TODAY, 'normal', settings));
    const m = composeMessage(item!, c, issuingCompany, 'Claire', templates, TODAY);
    expect(m.rendered.ok && m.rendered.body).toContain('arrive à échéance le 18 juin 2026.\n\nSi le règlement');
  });
});

describe('composeMessage — a discount deducted too late', () => {
  const settings: PolicySettings = { policies: effectivePolicies([]), config: DEFAULT_CHASE_CONFIG };
  const templates = new Map(DEFAULT_TEMPLATES.map((t) => [t.id, t]));
  const c = client({ contacts: [{ id: 'k1', name: 'Compta', email: 'compta@boulangerie-martin.fr', phone: '', role: '', billing: true }] });

  it('the reminder’s statement says why the difference is owed', () => {
    // Due 10 days ago (5 June), issued 6 May with 2 % within 10 days → until 16 May; 1 176 € paid
    // on 20 May, after it: 24 € remain.
    const inv = invoice('i1', 120_000, dueFor(10));
    const offering = { ...inv, frozen: { ...inv.frozen!, earlyDiscount: { rateBp: 200, days: 10 } } };
    const pay = { id: 'p1', clientId: 'c1', amountCents: 117_600, date: '2026-05-20', method: 'transfer' as const, reference: '', allocations: [{ invoiceId: 'i1', amountCents: 117_600 }], memberId: 'm-a', createdAt: '2026-05-20T10:00:00.000Z' };
    const { item } = chaseClient(file([offering], [], [pay], c), chaseEnv(TODAY, 'normal', settings));
    expect(item!.lines[0].receivable.discountLate).toEqual({ amountCents: 2400, until: '2026-05-16', paidOn: '2026-05-20' });
    const m = composeMessage(item!, c, issuingCompany, 'Claire', templates, TODAY);
    expect(m.rendered.ok && m.rendered.body).toContain('escompte déduit hors délai : paiement du 20/05/2026, après le 16/05/2026');
  });
});
