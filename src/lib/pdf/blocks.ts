// Pieces every PDF shares: the seller's letterhead, address blocks, the legal mentions of the
// footer, the running header of continuation pages, label/value lists.
import type { Address, Company, FrozenContent, Language, PaymentTerms } from '$lib/domain/types';
import { earlyDiscountOffer } from '$lib/domain/earlyDiscount';
import { formatIban } from '$lib/domain/validation';
import { safeLogoDataUrl } from '$lib/domain/company';
import { formatDate, formatMoney, formatRate, translate } from '$lib/i18n/index.svelte';
import { A4, ACCENT, INK, MARGIN, MUTED, RULE, lineHeight, type PdfWriter, type TextStyle } from './writer';

export type Translate = (key: string, params?: Record<string, string | number>) => string;

export function translator(lang: Language): Translate {
  return (key, params) => translate(lang, key, params);
}

/** Number, date and money formatting in the document's language. */
export function formats(lang: Language) {
  return {
    money: (cents: number) => formatMoney(cents, lang),
    date: (iso: string | null) => formatDate(iso, 'short', lang),
    longDate: (iso: string | null) => formatDate(iso, 'long', lang),
    rate: (bp: number) => formatRate(bp, lang)
  };
}

function countryName(code: string, lang: Language): string {
  try {
    return new Intl.DisplayNames([lang === 'fr' ? 'fr-FR' : 'en-GB'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The lines of a postal address; the country only when it is not France. */
export function addressLines(a: Address, lang: Language): string[] {
  return [a.line1, a.line2, `${a.postalCode} ${a.city}`.trim(), a.country && a.country !== 'FR' ? countryName(a.country, lang) : '']
    .map((l) => l.trim())
    .filter(Boolean);
}

function oneLineAddress(a: Address, lang: Language): string {
  return addressLines(a, lang).join(', ');
}

/** « 30 jours net », « 45 jours fin de mois », « À réception », « Le 15 mars 2026 ». */
export function describeTerms(terms: PaymentTerms, lang: Language): string {
  const t = translator(lang);
  switch (terms.kind) {
    case 'on_receipt':
      return t('client.terms.on_receipt');
    case 'date':
      return t('client.terms.date', { date: formatDate(terms.date, 'long', lang) });
    default:
      return t(`client.terms.${terms.kind}`, { days: terms.days });
  }
}

/** The seller's name as printed: sole traders show « EI » next to it (LEGAL.md). */
export function sellerName(c: Company): string {
  const name = c.name.trim();
  return c.soleTrader && !/\b(EI|Entrepreneur individuel)$/i.test(name) ? `${name} EI` : name;
}

/**
 * The seller's legal identity in one line: name (+ EI, or legal form and share capital),
 * address, SIRET, RCS/RM, VAT number or the franchise mention.
 */
export function legalIdentity(c: Company, lang: Language): string {
  const t = translator(lang);
  const parts: string[] = [];
  let who = sellerName(c);
  if (!c.soleTrader && c.legalForm) {
    who +=
      c.shareCapitalCents !== null && c.shareCapitalCents > 0
        ? `, ${t('doc.legal.capital', { form: c.legalForm, capital: formatMoney(c.shareCapitalCents, lang) })}`
        : `, ${c.legalForm}`;
  }
  parts.push(who);
  const address = oneLineAddress(c.address, lang);
  if (address) parts.push(address);
  const id = c.siret.replace(/\s/g, '');
  if (id) parts.push(t(id.length === 9 ? 'doc.legal.siren' : 'doc.legal.siret', { value: id }));
  if (c.rcsCity.trim()) parts.push(t('doc.legal.rcs', { city: c.rcsCity.trim() }));
  if (c.rmCity.trim()) parts.push(t('doc.legal.rm', { city: c.rmCity.trim() }));
  if (c.vatRegime === 'franchise') parts.push(t('doc.franchise'));
  else if (c.vatNumber.trim()) parts.push(t('doc.legal.vat', { value: c.vatNumber.replace(/\s/g, '') }));
  return parts.join(' — ');
}

/** An invoice's early-payment discount as printed: its terms, the last day and the amounts. */
export interface EarlyDiscountMention {
  rateBp: number;
  days: number;
  until: string;
  amountCents: number;
  netCents: number;
}

/**
 * A situation's retenue de garantie in words, as the PDF prints it and the Factur-X payment terms
 * say it: « Retenue de garantie de 5 % soit 35,41 €, payable un an après la réception des travaux… ».
 * '' when the invoice holds none.
 */
export function retentionMention(f: FrozenContent, lang: Language): string {
  const r = f.progress?.retention;
  if (!r || r.cents <= 0) return '';
  const fmt = formats(lang);
  return translator(lang)('doc.retention.mention', { rate: fmt.rate(r.rateBp), amount: fmt.money(r.cents) });
}

/** The early-payment offer an issued invoice printed (null: none, or not an invoice). */
export function earlyMentionOf(f: FrozenContent): EarlyDiscountMention | null {
  return f.kind === 'invoice' && f.earlyDiscount ? { ...f.earlyDiscount, ...earlyDiscountOffer(f.earlyDiscount, f.issueDate, f.totals.ttcCents) } : null;
}

/**
 * Each payment mention of an invoice: early-payment terms (Factur-X note AAB: the invoice's own
 * discount with its date and amount, else the profile's text, else « Pas d'escompte »), penalty
 * rate (PMD), the 40 € for businesses (PMT; null for an individual, who never owes it).
 */
export function paymentMentionParts(
  c: Company,
  lang: Language,
  businessClient: boolean,
  early: EarlyDiscountMention | null = null
): { earlyPayment: string; latePenalties: string; recoveryIndemnity: string | null } {
  const t = translator(lang);
  const f = formats(lang);
  return {
    earlyPayment: early
      ? t('doc.legal.earlyDiscount', { rate: f.rate(early.rateBp), days: early.days, date: f.date(early.until), amount: f.money(early.amountCents), net: f.money(early.netCents) })
      : c.earlyPaymentDiscount.trim()
        ? t('doc.legal.discount', { terms: c.earlyPaymentDiscount.trim().replace(/\.$/, '') })
        : t('doc.legal.noDiscount'),
    latePenalties: t('doc.legal.penalty', { rate: formatRate(c.penaltyRateBp, lang) }),
    recoveryIndemnity: businessClient ? t('doc.legal.indemnity') : null
  };
}

/** The payment mentions of an invoice: early-payment terms, penalty rate, the 40 € for businesses. */
export function paymentMentions(c: Company, lang: Language, businessClient: boolean, early: EarlyDiscountMention | null = null): string {
  const m = paymentMentionParts(c, lang, businessClient, early);
  return [m.earlyPayment, m.latePenalties, m.recoveryIndemnity].filter(Boolean).join(' ');
}

/**
 * The e-invoicing reform's mentions: the nature of the operation and, for services, the option
 * for VAT on debits. Documents issued before the company had these fields print nothing.
 */
export function operationMentions(c: Company, lang: Language): string {
  if (!c.operationNature) return '';
  const t = translator(lang);
  const parts = [t(`doc.legal.nature.${c.operationNature}`)];
  if (c.vatOnDebits && c.vatRegime !== 'franchise') parts.push(t('doc.legal.vatOnDebits'));
  return parts.join(' ');
}

export function ibanText(iban: string): string {
  return formatIban(iban);
}

const FOOTER_SIZE = 6.8;

/** The footer's paragraphs wrapped to the page width. */
export function footerLines(w: PdfWriter, paragraphs: string[]): string[] {
  return paragraphs.filter(Boolean).flatMap((p) => w.wrap(p, w.width, FOOTER_SIZE));
}

/** Height the footer takes above the bottom margin: its lines, the page number, a rule. */
function footerHeight(lines: string[]): number {
  return 2.5 + (lines.length + 1) * lineHeight(FOOTER_SIZE, 1.3);
}

/** Reserves the footer's height: the body stops 4 mm above it. */
export function reserveFooter(w: PdfWriter, lines: string[]): void {
  w.bottom = A4.height - MARGIN.bottom - footerHeight(lines) - 4;
}

export function drawFooter(w: PdfWriter, lines: string[], page: number, pages: number): void {
  const lh = lineHeight(FOOTER_SIZE, 1.3);
  let y = A4.height - MARGIN.bottom - footerHeight(lines);
  w.hline(w.left, w.right, y, RULE, 0.2);
  y += 2.5;
  for (const line of lines) {
    w.text(line, A4.width / 2, y, { size: FOOTER_SIZE, color: MUTED, align: 'center' });
    y += lh;
  }
  w.text(translate(w.lang, 'doc.page', { page, pages }), w.right, y, { size: FOOTER_SIZE + 0.4, color: MUTED, align: 'right' });
}

const RUNNING_HEADER_HEIGHT = 13;

/** Continuation pages: the seller on the left, what the document is on the right, a rule. */
function runningHeader(seller: string, title: string, sub: string): (w: PdfWriter) => void {
  return (w) => {
    const top = MARGIN.top - 4;
    w.text(seller, w.left, top, { size: 8.5, bold: true, color: ACCENT });
    w.text(title, w.right, top, { size: 8.5, bold: true, align: 'right' });
    if (sub) w.text(sub, w.right, top + lineHeight(8.5), { size: 7.5, color: MUTED, align: 'right' });
    w.hline(w.left, w.right, top + RUNNING_HEADER_HEIGHT - 3.5, RULE, 0.2);
  };
}

export function setRunningHeader(w: PdfWriter, seller: string, title: string, sub: string): void {
  w.runningHeader = runningHeader(seller, title, sub);
  w.pageTop = MARGIN.top - 4 + RUNNING_HEADER_HEIGHT + 1;
}

/**
 * The seller's letterhead, top left: logo, name, address, e-mail and phone. Returns the y
 * below it.
 */
export function letterhead(w: PdfWriter, c: Company, logoDataUrl: string, width = 92): number {
  let y = MARGIN.top;
  // Only an inline image is ever drawn: a synced URL is not fetched (domain/company.ts).
  const logo = safeLogoDataUrl(logoDataUrl);
  if (logo) {
    const { h } = w.image(logo, w.left, y, 48, 20);
    if (h) y += h + 3;
  }
  for (const line of w.wrap(sellerName(c), width, 12, true)) {
    w.text(line, w.left, y, { size: 12, bold: true, color: ACCENT });
    y += lineHeight(12, 1.2);
  }
  y += 0.8;
  const t = translator(w.lang);
  const contact = [...addressLines(c.address, w.lang), c.email.trim(), c.phone.trim() ? t('doc.contact.phone', { value: c.phone.trim() }) : ''].filter(Boolean);
  for (const line of contact.flatMap((l) => w.wrap(l, width, 8.5))) {
    w.text(line, w.left, y, { size: 8.5, color: INK });
    y += lineHeight(8.5);
  }
  return y;
}

/**
 * A framed address block: a small label, the name in bold, then the lines. Returns the y
 * below the frame.
 */
export function partyBlock(w: PdfWriter, x: number, y: number, width: number, label: string, name: string, lines: string[], opts: { frame?: boolean } = {}): number {
  const pad = opts.frame === false ? 0 : 3;
  const inner = width - 2 * pad;
  const nameLines = w.wrap(name, inner, 10, true);
  const other = lines.filter(Boolean).flatMap((l) => w.wrap(l, inner, 8.5));
  const height = pad * 2 + lineHeight(7, 1.4) + nameLines.length * lineHeight(10, 1.25) + other.length * lineHeight(8.5);
  if (opts.frame !== false) w.box(x, y, width, height, { stroke: RULE, radius: 1.2 });
  let cy = y + pad;
  w.text(label.toLocaleUpperCase(w.lang === 'fr' ? 'fr-FR' : 'en-GB'), x + pad, cy, { size: 7, bold: true, color: MUTED });
  cy += lineHeight(7, 1.4);
  for (const l of nameLines) {
    w.text(l, x + pad, cy, { size: 10, bold: true });
    cy += lineHeight(10, 1.25);
  }
  for (const l of other) {
    w.text(l, x + pad, cy, { size: 8.5 });
    cy += lineHeight(8.5);
  }
  return y + height;
}

/**
 * The document's title at the top right (« FACTURE »), a subtitle (its number) and label/value
 * rows (dates). Returns the y below.
 */
export function titleBlock(w: PdfWriter, title: string, subtitle: string, rows: { label: string; value: string }[], x = 120): number {
  let y = MARGIN.top - 1;
  const size = title.length > 12 ? 16 : 20;
  w.text(title.toLocaleUpperCase(w.lang === 'fr' ? 'fr-FR' : 'en-GB'), w.right, y, { size, bold: true, color: ACCENT, align: 'right' });
  y += lineHeight(size, 1.15);
  if (subtitle) {
    w.text(subtitle, w.right, y, { size: 10.5, bold: true, align: 'right' });
    y += lineHeight(10.5, 1.6);
  } else y += 1.5;
  for (const r of rows) {
    w.text(r.label, x, y, { size: 8.5, color: MUTED });
    w.text(r.value, w.right, y, { size: 9, bold: true, align: 'right' });
    y += lineHeight(9, 1.45);
  }
  return y;
}

/** A framed box of lines with an accent bar on its left (the statement's balance, a claim's total). */
export function summaryBox(w: PdfWriter, rows: (TextStyle & { text: string; size: number })[]): void {
  const height = rows.reduce((h, r) => h + lineHeight(r.size, 1.35), 0) + 6;
  w.box(w.left, w.y, w.width, height, { stroke: RULE, radius: 1.5 });
  w.box(w.left, w.y, 1.6, height, { fill: ACCENT });
  let y = w.y + 3;
  for (const r of rows) {
    w.text(r.text, w.left + 5, y, r);
    y += lineHeight(r.size, 1.35);
  }
  w.y += height + 6;
}

/** A section's title, kept with the start of what follows it. */
export function sectionHeading(w: PdfWriter, text: string): void {
  w.ensure(lineHeight(10, 1.5) + 20);
  w.text(text, w.left, w.y, { size: 10, bold: true, color: ACCENT });
  w.y += lineHeight(10, 1.6);
}
