// The e-mail that sends an issued document (invoice, quote, credit note): the template of its kind
// (editable in Réglages → Relances, like the reminders) filled with the document's frozen values
// in the client's language, addressed to the billing contact.
import type { ChaseTemplate, Client, Company, DocumentRecord, IsoDate } from '$lib/domain/types';
import { SEND_TEMPLATE_ID, renderTemplate, templateText, type Rendered, type TemplateValues } from '$lib/domain/templates';
import { formatDate, formatMoney } from '$lib/i18n/index.svelte';
import { formatIban, messageTo, type ChaseMessage } from '$lib/ui/chase/chaseMessage';

/** The values of the placeholders a sending e-mail uses, from what the document printed. */
export function documentValues(doc: DocumentRecord, client: Client, company: Company | null, today: IsoDate): TemplateValues {
  const language = client.language ?? 'fr';
  const frozen = doc.frozen!;
  const billing = client.contacts.find((c) => c.billing) ?? client.contacts[0];
  return {
    client: frozen.client.name,
    contact: billing?.name || frozen.client.name,
    invoices: doc.number,
    amount: formatMoney(frozen.totals.ttcCents, language),
    dueDates: frozen.dueDate ? formatDate(frozen.dueDate, 'long', language) : '',
    iban: company?.iban ? formatIban(company.iban) : '',
    sender: company?.name ?? '',
    today: formatDate(today, 'long', language)
  };
}

/** The sending e-mail of an issued document: subject, body, mailto: link (none without an address). */
export function composeDocumentMessage(
  doc: DocumentRecord,
  client: Client,
  company: Company | null,
  templates: Map<string, ChaseTemplate>,
  today: IsoDate
): ChaseMessage {
  const language = client.language ?? 'fr';
  const id = SEND_TEMPLATE_ID[doc.kind];
  const template = templates.get(id);
  const rendered: Rendered = template
    ? renderTemplate(templateText(template, language), documentValues(doc, client, company, today))
    : { ok: false, missing: [id], unknown: [] };
  return messageTo(client, language, rendered);
}
