// Words for the follow-up: step labels, the readable reason of an item, and the message of an
// item (template filled with the client's values in the client's language, as a mailto: link).
import type { ChaseItem, ChaseReason } from '$lib/domain/chaseItem';
import type { ChaseTemplate, Client, Company, DunningStep, IsoDate, Language } from '$lib/domain/types';
import { renderTemplate, templateText, type Rendered, type TemplateValues } from '$lib/domain/templates';
import { addDays } from '$lib/domain/dates';
import { PROMISE_BROKEN_STEP } from '$lib/domain/dunning';
import { isValidEmail } from '$lib/domain/validation';
import { formatDate, formatMoney, formatRate, translate } from '$lib/i18n/index.svelte';

const KNOWN_STEPS = new Set(['send_invoice', 'courtesy', 'reminder1', 'reminder2', 'call', 'formal_notice', 'decision', 'promise_broken']);

/** « J+8 », « J-3 », « J » (« D+8 » in English). */
export function offsetLabel(offsetDays: number, locale: Language): string {
  if (offsetDays === 0) return translate(locale, 'chase.offset.zero');
  return translate(locale, 'chase.offset', { sign: offsetDays > 0 ? '+' : '-', days: Math.abs(offsetDays) });
}

/**
 * « Deuxième relance » for the built-in steps, « Étape J+20 » for the user's own; about a deposit
 * (domain/chaseStep.ts isDepositReminder): « Acompte non reçu — Deuxième relance ».
 */
export function stepLabel(step: DunningStep, locale: Language, deposit = false): string {
  const label = KNOWN_STEPS.has(step.id)
    ? translate(locale, `chase.step.${step.id}`)
    : translate(locale, 'chase.step.custom', { offset: offsetLabel(step.offsetDays, locale) });
  return deposit && step.kind !== 'send' ? translate(locale, 'chase.step.deposit', { step: label }) : label;
}

/** « 3 factures, 4 250,00 €, 38 jours de retard, client souvent en retard ». */
export function reasonText(reason: ChaseReason, locale: Language): string {
  const parts = [
    reason.invoiceCount === 1 ? translate(locale, 'chase.reason.invoice') : translate(locale, 'chase.reason.invoices', { count: reason.invoiceCount }),
    formatMoney(reason.amountCents, locale)
  ];
  if (reason.daysLate > 0) parts.push(translate(locale, 'chase.reason.daysLate', { days: reason.daysLate }));
  if (reason.risk === 'often_late' || reason.risk === 'sometimes_late') parts.push(translate(locale, `chase.risk.${reason.risk}`));
  return parts.join(', ');
}

/** The number of a receivable as written in messages: « F-2026-A-0001 (échéance 2/3) ». */
export function receivableLabel(line: ChaseItem['lines'][number], locale: Language): string {
  const r = line.receivable;
  // A retenue de garantie says so: « retenue de garantie de la facture F-2026-A-0007 ».
  if (r.retention) return translate(locale, 'chase.retention', { number: r.number });
  return r.installmentIndex ? `${r.number} (${translate(locale, 'chase.installment', { index: r.installmentIndex, count: r.installmentCount ?? 0 })})` : r.number;
}

export function formatIban(iban: string): string {
  return iban.replace(/\s+/g, '').replace(/(.{4})/g, '$1 ').trim();
}

const WORDS: Record<Language, { discountLate: string; discount: string; due: string; interest: string; indemnity: string; previous: string; noPrevious: string; actionB2b: string; actionB2c: string }> = {
  fr: {
    discountLate: ', escompte déduit hors délai : paiement du {paidOn}, après le {until}',
    discount: ' Pour rappel, un escompte de {amount} s’applique à la facture {number} si le règlement parvient au plus tard le {date} : {net} à régler.',
    due: 'échéance',
    interest: 'Intérêts de retard au taux de {rate}',
    indemnity: 'Indemnité forfaitaire pour frais de recouvrement',
    previous: 'Malgré notre précédent message du {date},',
    noPrevious: 'Sauf erreur de notre part,',
    actionB2b: 'une requête en injonction de payer auprès du tribunal de commerce ou, pour 5 000 € au plus, la procédure simplifiée de recouvrement par commissaire de justice',
    actionB2c: 'une requête en injonction de payer auprès du tribunal judiciaire ou, pour 5 000 € au plus, la procédure simplifiée de recouvrement par commissaire de justice'
  },
  en: {
    discountLate: ', discount taken too late: paid on {paidOn}, after {until}',
    discount: ' As a reminder, a discount of {amount} applies to invoice {number} if payment reaches us by {date}: {net} to pay.',
    due: 'due',
    interest: 'Late interest at {rate}',
    indemnity: 'Fixed indemnity for recovery costs',
    previous: 'Despite our previous message of {date},',
    noPrevious: 'Unless we are mistaken,',
    actionB2b: 'an application for an order for payment (injonction de payer) to the commercial court or, for €5,000 or less, the simplified recovery procedure through a commissaire de justice',
    actionB2c: 'an application for an order for payment (injonction de payer) to the court (tribunal judiciaire) or, for €5,000 or less, the simplified recovery procedure through a commissaire de justice'
  }
};

/** The values of every placeholder for an item, in the given language. */
export function messageValues(item: ChaseItem, client: Client, company: Company | null, senderName: string, today: IsoDate, locale: Language): TemplateValues {
  const words = WORDS[locale];
  const money = (c: number) => formatMoney(c, locale);
  const date = (d: IsoDate) => formatDate(d, 'long', locale);
  const billing = client.contacts.find((c) => c.billing) ?? client.contacts[0];
  const dueDates = [...new Set(item.lines.map((l) => l.receivable.dueDate))].sort();
  const statement = item.lines
    .map((l) => {
      // Why a small balance remains: the early-payment discount was deducted after its last day.
      const late = l.receivable.discountLate;
      const why = late ? words.discountLate.replace('{paidOn}', formatDate(late.paidOn, 'short', locale)).replace('{until}', formatDate(late.until, 'short', locale)) : '';
      return `- ${receivableLabel(l, locale)} : ${money(l.receivable.remainingCents)} (${words.due} ${formatDate(l.receivable.dueDate, 'short', locale)}${why})`;
    })
    .join('\n');
  // The rates printed on the invoices claimed, never the company's rate of today.
  const rates = [...new Set(item.claim.lines.map((l) => l.rateBp))].sort((a, b) => a - b).map((bp) => formatRate(bp, locale)).join(', ');
  const penalties = [`${words.interest.replace('{rate}', rates || formatRate(0, locale))} : ${money(item.interestCents)}`];
  if (item.indemnityCents) penalties.push(`${words.indemnity} : ${money(item.indemnityCents)}`);
  const previous = item.previousMessage ? words.previous.replace('{date}', date(item.previousMessage.date)) : words.noPrevious;
  // An early-payment discount still open on an invoice of the message (a courtesy reminder, mostly).
  const discount = item.lines
    .filter((l) => l.receivable.discount?.open)
    .map((l) => {
      const d = l.receivable.discount!;
      return words.discount
        .replace('{amount}', money(d.amountCents))
        .replace('{number}', l.receivable.number)
        .replace('{date}', date(d.until))
        .replace('{net}', money(l.receivable.remainingCents - d.amountCents));
    })
    .join('');
  return {
    client: client.name,
    contact: billing?.name || client.name,
    invoices: [...new Set(item.lines.map((l) => receivableLabel(l, locale)))].join(', '),
    statement,
    amount: money(item.amountCents),
    dueDates: dueDates.map(date).join(', '),
    daysLate: String(item.daysLate),
    interest: money(item.interestCents),
    indemnity: money(item.indemnityCents),
    penalties: penalties.join('\n'),
    total: money(item.totalCents),
    iban: company?.iban ? formatIban(company.iban) : '',
    sender: [senderName, company?.name].filter(Boolean).join('\n'),
    deadline: date(addDays(today, 8)),
    promisedDate: item.step.id === PROMISE_BROKEN_STEP.id ? date(addDays(item.stepDueOn, -1)) : '',
    today: date(today),
    previous,
    nextAction: client.kind === 'company' ? words.actionB2b : words.actionB2c,
    discount
  };
}

export interface ChaseMessage {
  language: Language;
  rendered: Rendered;
  /** The billing contact's e-mail (or the first contact with one). */
  email: string;
  /** The e-mail is there but fails the check (a synced value the form would refuse): no link. */
  emailInvalid: boolean;
  phone: string;
  /** « mailto:… » with subject and body, or '' when there is no address or no message. */
  mailto: string;
  /** Subject and body as one text, for the clipboard. */
  text: string;
}

/**
 * « mailto:x@y.fr?subject=…&body=… », or '' when `email` is not one checked address (a synced
 * `x@y.fr?bcc=spy@evil.example&` must never become a hidden recipient).
 */
export function mailtoHref(email: string, subject?: string, body?: string): string {
  if (!isValidEmail(email)) return '';
  // encodeURIComponent, not URLSearchParams: mail clients show a « + » where a space was.
  const query = [subject !== undefined && `subject=${encodeURIComponent(subject)}`, body !== undefined && `body=${encodeURIComponent(body)}`].filter(Boolean);
  return `mailto:${email.trim()}${query.length ? `?${query.join('&')}` : ''}`;
}

/** The message of an item: its step's template in the client's language, filled. */
export function composeMessage(
  item: ChaseItem,
  client: Client,
  company: Company | null,
  senderName: string,
  templates: Map<string, ChaseTemplate>,
  today: IsoDate
): ChaseMessage {
  const language = client.language ?? 'fr';
  const template = templates.get(item.step.templateId);
  const rendered: Rendered = template
    ? renderTemplate(templateText(template, language), messageValues(item, client, company, senderName, today, language))
    : { ok: false, missing: [item.step.templateId], unknown: [] };
  return messageTo(client, language, rendered);
}

/** A rendered message addressed to the client's billing contact (or the first with an e-mail). */
export function messageTo(client: Client, language: Language, rendered: Rendered): ChaseMessage {
  const billing = client.contacts.find((c) => c.billing && c.email) ?? client.contacts.find((c) => c.email);
  const withPhone = client.contacts.find((c) => c.billing && c.phone) ?? client.contacts.find((c) => c.phone);
  const email = billing?.email ?? '';
  return {
    language,
    rendered,
    email,
    emailInvalid: email.trim() !== '' && !isValidEmail(email),
    phone: withPhone?.phone ?? '',
    mailto: rendered.ok && email ? mailtoHref(email, rendered.subject, rendered.body) : '',
    text: rendered.ok ? `${rendered.subject}\n\n${rendered.body}` : ''
  };
}
