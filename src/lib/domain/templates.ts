// Reminder templates in French and English with {placeholders}. Rendering refuses to produce a
// message with a hole in it: it returns the placeholders whose value is missing instead, and the
// editor shows unknown placeholders (a typo like {montant}) as errors.
import type { ChaseTemplate, DocumentKind, Language, TemplateText } from './types';

export const PLACEHOLDERS = [
  'client',
  'contact',
  'invoices',
  'statement',
  'amount',
  'dueDates',
  'daysLate',
  'interest',
  'indemnity',
  'penalties',
  'total',
  'iban',
  'sender',
  'deadline',
  'promisedDate',
  'today',
  /** « Malgré notre précédent message du 3 juin 2026, » only when one was sent; else « Sauf erreur de notre part, ». */
  'previous',
  /** What follows a formal notice: the court and procedure for a business or for an individual. */
  'nextAction',
  /** « Pour rappel, un escompte de … » while an early-payment discount is still open; else empty. */
  'discount'
] as const;

export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Partial<Record<Placeholder, string>>;

const KNOWN: ReadonlySet<string> = new Set(PLACEHOLDERS);
/** Placeholders that may be empty: they say something only when there is something to say. */
const OPTIONAL: ReadonlySet<string> = new Set(['discount']);
const PATTERN = /\{([^{}\s]*)\}/g;

/** Placeholder names used in a text, in order of first use. */
export function placeholdersIn(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(PATTERN)) seen.add(m[1]);
  return [...seen];
}

/** templateErrors({ subject: 'Facture', body: 'Reste {montant}' }) → ['montant']. */
export function templateErrors(template: TemplateText): string[] {
  return [...new Set([...placeholdersIn(template.subject), ...placeholdersIn(template.body)])].filter((p) => !KNOWN.has(p));
}

export type Rendered = { ok: true; subject: string; body: string } | { ok: false; missing: string[]; unknown: string[] };

/**
 * renderTemplate({ subject: 'Facture {invoices}', body: '…' }, { invoices: 'F-2026-A-0001', … })
 * → the filled subject and body; or, when a placeholder has no value (or is unknown), the list.
 */
export function renderTemplate(template: TemplateText, values: TemplateValues): Rendered {
  const unknown = templateErrors(template);
  const missing = [...new Set([...placeholdersIn(template.subject), ...placeholdersIn(template.body)])].filter(
    (p) => KNOWN.has(p) && !OPTIONAL.has(p) && (values[p as Placeholder] === undefined || values[p as Placeholder] === '')
  );
  if (unknown.length || missing.length) return { ok: false, missing, unknown };
  const fill = (text: string) => text.replace(PATTERN, (_, name: string) => values[name as Placeholder] ?? '');
  return { ok: true, subject: fill(template.subject), body: fill(template.body) };
}

/** The text of a template in a language (the French one when the other is left empty). */
export function templateText(template: ChaseTemplate, language: Language): TemplateText {
  const text = template[language];
  return text.subject.trim() || text.body.trim() ? text : template.fr;
}

const fr = (subject: string, body: string): TemplateText => ({ subject, body });
const en = fr;

/** One template per step of the built-in policies, plus sending each kind of document and the broken promise. */
export const DEFAULT_TEMPLATES: ChaseTemplate[] = [
  {
    id: 'send_invoice',
    name: 'Envoi de la facture',
    fr: fr(
      'Facture {invoices} — {amount}',
      `Bonjour {contact},

Veuillez trouver ci-joint la facture {invoices} d’un montant de {amount}, à régler au plus tard le {dueDates}.

Règlement par virement : IBAN {iban}.

Bien cordialement,
{sender}`
    ),
    en: en(
      'Invoice {invoices} — {amount}',
      `Dear {contact},

Please find attached invoice {invoices} for {amount}, payable by {dueDates} at the latest.

Payment by bank transfer: IBAN {iban}.

Kind regards,
{sender}`
    )
  },
  {
    id: 'send_quote',
    name: 'Envoi du devis',
    fr: fr(
      'Devis {invoices} — {amount}',
      `Bonjour {contact},

Veuillez trouver ci-joint notre devis {invoices} d’un montant de {amount}.

Nous restons à votre disposition pour toute question.

Bien cordialement,
{sender}`
    ),
    en: en(
      'Quote {invoices} — {amount}',
      `Dear {contact},

Please find attached our quote {invoices} for {amount}.

Do not hesitate to contact us with any question.

Kind regards,
{sender}`
    )
  },
  {
    id: 'send_credit',
    name: 'Envoi de l’avoir',
    fr: fr(
      'Avoir {invoices} — {amount}',
      `Bonjour {contact},

Veuillez trouver ci-joint l’avoir {invoices} d’un montant de {amount}.

Bien cordialement,
{sender}`
    ),
    en: en(
      'Credit note {invoices} — {amount}',
      `Dear {contact},

Please find attached credit note {invoices} for {amount}.

Kind regards,
{sender}`
    )
  },
  {
    id: 'courtesy',
    name: 'Rappel courtois avant échéance',
    fr: fr(
      'Rappel : facture {invoices} à échéance le {dueDates}',
      `Bonjour {contact},

Petit rappel amical : la facture {invoices} d’un montant de {amount} arrive à échéance le {dueDates}.{discount}

Si le règlement est déjà parti, merci de ne pas tenir compte de ce message. Pour un virement : IBAN {iban}.

Bien cordialement,
{sender}`
    ),
    en: en(
      'Reminder: invoice {invoices} due on {dueDates}',
      `Dear {contact},

A friendly reminder: invoice {invoices} for {amount} is due on {dueDates}.{discount}

If payment is already on its way, please disregard this message. Bank transfer: IBAN {iban}.

Kind regards,
{sender}`
    )
  },
  {
    id: 'reminder1',
    name: 'Première relance',
    fr: fr(
      'Facture {invoices} échue — {amount} restant dû',
      `Bonjour {contact},

Sauf erreur de notre part, nous n’avons pas encore reçu le règlement de :
{statement}

Montant restant dû : {amount} (échéance {dueDates}, {daysLate} jours de retard).

Pourriez-vous procéder au virement (IBAN {iban}) ou nous indiquer la date prévue de paiement ?

Bien cordialement,
{sender}`
    ),
    en: en(
      'Invoice {invoices} overdue — {amount} outstanding',
      `Dear {contact},

Unless we are mistaken, we have not yet received payment of:
{statement}

Amount outstanding: {amount} (due {dueDates}, {daysLate} days late).

Could you make the transfer (IBAN {iban}) or let us know when payment is planned?

Kind regards,
{sender}`
    )
  },
  {
    id: 'reminder2',
    name: 'Deuxième relance',
    fr: fr(
      'Deuxième relance : {amount} impayé',
      `Bonjour {contact},

{previous} les sommes suivantes restent impayées :
{statement}

Total dû : {amount}, échu depuis {daysLate} jours.
{penalties}

Nous vous remercions de régulariser sous 8 jours, au plus tard le {deadline}, par virement sur l’IBAN {iban}. Nous vous appellerons dans les prochains jours pour faire le point.

Cordialement,
{sender}`
    ),
    en: en(
      'Second reminder: {amount} unpaid',
      `Dear {contact},

{previous} the following remain unpaid:
{statement}

Total due: {amount}, overdue by {daysLate} days.
{penalties}

Please settle within 8 days, by {deadline} at the latest, by transfer to IBAN {iban}. We will call you in the coming days.

Regards,
{sender}`
    )
  },
  {
    id: 'call',
    name: 'Script d’appel',
    fr: fr(
      'Appel de relance — {client}',
      `Appel à {contact} ({client}).
Objet : {invoices} — {amount}, {daysLate} jours de retard.
1. Vérifier que les factures ont bien été reçues et validées.
2. Demander une date de paiement précise et la noter comme promesse.
3. En cas de désaccord, noter le motif du litige.
4. Rappeler l’IBAN : {iban}.`
    ),
    en: en(
      'Follow-up call — {client}',
      `Call {contact} ({client}).
About: {invoices} — {amount}, {daysLate} days late.
1. Check the invoices were received and approved.
2. Ask for a precise payment date and log it as a promise.
3. If they disagree, note the reason of the dispute.
4. Give the IBAN again: {iban}.`
    )
  },
  {
    id: 'promise_broken',
    name: 'Promesse non tenue',
    fr: fr(
      'Règlement promis le {promisedDate} non reçu',
      `Appel à {contact} ({client}) : le règlement promis pour le {promisedDate} n’est pas arrivé.
Restant dû : {amount} ({invoices}).
Obtenir une nouvelle date ferme, ou annoncer la mise en demeure.`
    ),
    en: en(
      'Payment promised on {promisedDate} not received',
      `Call {contact} ({client}): the payment promised for {promisedDate} has not arrived.
Outstanding: {amount} ({invoices}).
Get a new firm date, or announce the formal notice.`
    )
  },
  {
    id: 'formal_notice',
    name: 'Mise en demeure',
    fr: fr(
      'Mise en demeure de payer — {amount}',
      `{client}
À l’attention de {contact}

Objet : mise en demeure de payer

Madame, Monsieur,

{previous} les factures suivantes demeurent impayées :
{statement}

Principal restant dû : {amount}
{penalties}
Total réclamé : {total}

Par la présente, nous vous mettons en demeure de nous régler la somme de {total} dans un délai de 8 jours, soit au plus tard le {deadline}, par virement sur l’IBAN {iban}.

À défaut de paiement dans ce délai, nous engagerons sans autre avis {nextAction}, dont les frais resteront à votre charge.

Veuillez agréer, Madame, Monsieur, nos salutations distinguées.

{sender}`
    ),
    en: en(
      'Formal notice to pay (mise en demeure) — {amount}',
      `{client}
For the attention of {contact}

Subject: formal notice to pay (mise en demeure)

Dear Sir or Madam,

{previous} the following invoices remain unpaid:
{statement}

Principal outstanding: {amount}
{penalties}
Total claimed: {total}

We hereby give you formal notice to pay {total} within 8 days, by {deadline} at the latest, by transfer to IBAN {iban}.

Failing payment within this period, we will start without further notice {nextAction}, at your expense.

Yours faithfully,

{sender}`
    )
  },
  {
    id: 'decision',
    name: 'Décision de recouvrement',
    fr: fr(
      'Dossier {client} : décision de recouvrement',
      `La mise en demeure est restée sans effet.
Dû : {total} ({invoices}), {daysLate} jours de retard.
Choisir : {nextAction}, une société de recouvrement, ou l’affacturage.`
    ),
    en: en(
      '{client} file: recovery decision',
      `The formal notice had no effect.
Due: {total} ({invoices}), {daysLate} days late.
Choose: {nextAction}, a collection agency, or factoring.`
    )
  }
];

/** The template of the e-mail that sends an issued document of this kind (editable like the others). */
export const SEND_TEMPLATE_ID: Record<DocumentKind, string> = { invoice: 'send_invoice', quote: 'send_quote', credit: 'send_credit' };

/** Built-in templates, replaced by the stored edit of the same id, plus the user's own. */
export function effectiveTemplates(stored: ChaseTemplate[]): Map<string, ChaseTemplate> {
  const out = new Map<string, ChaseTemplate>();
  for (const t of DEFAULT_TEMPLATES) out.set(t.id, t);
  for (const t of stored) out.set(t.id, t);
  return out;
}
