// Letters to a late payer: the first reminder (polite), the second (firmer, with a date and the
// penalties), and the formal notice (« mise en demeure »: interest and 40 € indemnities per
// LEGAL.md, a firm deadline, the warning that legal action follows). What they list and claim is
// the LateClaim they are given (domain/claim.ts), the same one the e-mail of the step shows; the
// rates are the ones printed on the invoices; an individual is never claimed the 40 €, nor cited
// the commercial code.
import type { Client, Company, IsoDate, Language } from '$lib/domain/types';
import type { ClaimLine, LateClaim } from '$lib/domain/claim';
import { addDays } from '$lib/domain/dates';
import { ACCENT, INK, MARGIN, MUTED, PdfWriter, SHADE, lineHeight, type PdfFonts } from './writer';
import {
  addressLines,
  drawFooter,
  footerLines,
  formats,
  ibanText,
  legalIdentity,
  letterhead,
  partyBlock,
  reserveFooter,
  sellerName,
  setRunningHeader,
  translator
} from './blocks';
import { pdfFileName } from './text';
import type { RenderedPdf } from './documentPdf';

export type LetterKind = 'reminder1' | 'reminder2' | 'notice';

export interface LetterPdfData {
  kind: LetterKind;
  company: Company;
  client: Client;
  /** What is claimed on `today`: late receivables with interest and indemnities. */
  claim: LateClaim;
  today: IsoDate;
  /** Days given to pay (second reminder and formal notice). */
  deadlineDays: number;
  /** A message about these invoices was already sent: only then may the letter say « malgré nos relances ». */
  previousMessage: boolean;
  logoDataUrl: string;
}

const BODY = 9.5;

export function renderLetterPdf(fonts: PdfFonts, data: LetterPdfData): RenderedPdf {
  const { kind, company, client, claim, today } = data;
  const lang: Language = client.language;
  const t = translator(lang);
  const fmt = formats(lang);
  const notice = kind === 'notice';
  const business = client.kind === 'company';
  const deadline = addDays(today, data.deadlineDays);
  const subject = t(`${kind}.subject`);
  const w = new PdfWriter(fonts, lang, { title: subject.replace(/^[^:]*:\s*/, ''), subject: client.name, author: company.name });
  const footer = footerLines(w, [legalIdentity(company, lang)]);
  reserveFooter(w, footer);
  setRunningHeader(w, sellerName(company), subject.replace(/^[^:]*:\s*/, ''), `${client.name} — ${fmt.date(today)}`);
  const paragraph = (text: string, gap = 3, bold = false) => w.paragraph(text, { size: BODY, bold, gapAfter: gap });

  // ——— Sender, recipient (window envelope position), place and date ———
  const senderBottom = letterhead(w, company, data.logoDataUrl);
  const billing = client.contacts.find((c) => c.billing) ?? client.contacts[0];
  const recipient = [billing?.name ? t('letter.attention', { name: billing.name }) : '', ...addressLines(client.billingAddress, lang)];
  const recipientBottom = partyBlock(w, 110, Math.max(45, MARGIN.top + 30), w.right - 110, '', client.name, recipient, { frame: false });
  w.y = Math.max(senderBottom, recipientBottom) + 8;
  const city = company.address.city.trim();
  const dated = city ? t('letter.placeDate', { city, date: fmt.longDate(today) }) : t('letter.date', { date: fmt.longDate(today) });
  w.text(dated, w.right, w.y, { size: BODY, align: 'right' });
  w.y += lineHeight(BODY, 1.35) + 6;
  if (notice) paragraph(t('notice.registered'), 2, true);
  w.paragraph(subject, { size: BODY + 0.5, bold: true, color: ACCENT, gapAfter: 5 });
  paragraph(t('letter.salutation'), 3);

  // ——— Body ———
  paragraph(t(kind !== 'reminder1' && !data.previousMessage ? `${kind}.body1First` : `${kind}.body1`), 3);
  if (notice) noticeTable(w, data);
  else reminderTable(w, data);
  w.y += 4;

  if (kind === 'reminder1') {
    paragraph(t('reminder1.body2'));
  } else if (kind === 'reminder2') {
    paragraph(t('reminder2.body2', { amount: fmt.money(claim.principalCents), date: fmt.longDate(deadline) }), 3, true);
    paragraph(t(business ? 'reminder2.penaltyB2b' : 'reminder2.penalty', { rate: claimRates(claim, fmt.rate) }));
    paragraph(t('reminder2.body3'));
  } else {
    w.paragraph(t(business ? 'notice.interestNote' : 'notice.interestNoteB2c', { date: fmt.date(today), rates: claimRates(claim, fmt.rate) }), { size: 8, color: MUTED, gapAfter: 1.5 });
    if (business && claim.indemnityCents) w.paragraph(t('notice.indemnityNote'), { size: 8, color: MUTED, gapAfter: 3 });
    paragraph(t('notice.deadline', { amount: fmt.money(claim.totalCents), days: data.deadlineDays, date: fmt.longDate(deadline) }), 3, true);
    paragraph(t(business ? 'notice.warning' : 'notice.warningB2c'));
    paragraph(t('notice.legal'));
  }
  if (company.iban.trim()) {
    const bic = company.bic.trim() ? t('statement.bic', { bic: company.bic.replace(/\s/g, '').toUpperCase() }) : '';
    paragraph(t('letter.payBy', { iban: ibanText(company.iban), bic }));
  } else {
    paragraph(t('letter.payByNoIban'));
  }
  if (kind === 'reminder1') paragraph(t('reminder1.body3'));
  const contact = [company.email.trim(), company.phone.trim()].filter(Boolean).join(' — ');
  if (contact) paragraph(t('letter.contact', { contact }));
  // ——— Closing and signature, kept together ———
  const closing = w.wrap(t('letter.closing'), w.width, BODY).length;
  w.ensure((closing + 1) * lineHeight(BODY, 1.35) + 8 + 16);
  paragraph(t('letter.closing'), 8);
  const sx = w.right - 80;
  w.text(t('letter.signature', { company: sellerName(company) }), sx, w.y, { size: BODY });
  w.y += lineHeight(BODY, 1.35) + 16;

  const bytes = w.finish((pw, page, pages) => drawFooter(pw, footer, page, pages));
  return { bytes, fileName: pdfFileName(t(`doc.file.${kind}`), today, client.name), epc: null };
}

function reminderTable(w: PdfWriter, data: LetterPdfData): void {
  const t = translator(w.lang);
  const fmt = formats(w.lang);
  const columns = [
    { header: t('letter.col.invoice'), width: 0 },
    { header: t('letter.col.date'), width: 26 },
    { header: t('letter.col.due'), width: 26 },
    { header: t('letter.col.balance'), width: 30, align: 'right' as const },
    { header: t('letter.col.late'), width: 20, align: 'right' as const }
  ];
  columns[0].width = w.width - columns.reduce((s, c) => s + c.width, 0);
  const rows = data.claim.lines.map((i) => [lineLabel(i, t), fmt.date(i.issueDate), fmt.date(i.dueDate), fmt.money(i.remainingCents), t('statement.daysLate', { days: i.daysLate })]);
  rows.push([t('letter.total'), '', '', fmt.money(data.claim.principalCents), '']);
  w.table(columns, rows, { size: 9, boldRows: new Set([rows.length - 1]) });
}

function noticeTable(w: PdfWriter, data: LetterPdfData): void {
  const t = translator(w.lang);
  const fmt = formats(w.lang);
  const { claim } = data;
  const columns = [
    { header: t('letter.col.invoice'), width: 0 },
    { header: t('letter.col.due'), width: 24 },
    { header: t('letter.col.balance'), width: 28, align: 'right' as const },
    { header: t('letter.col.late'), width: 18, align: 'right' as const },
    { header: t('letter.col.interest'), width: 24, align: 'right' as const },
    { header: t('letter.col.indemnity'), width: 26, align: 'right' as const }
  ];
  columns[0].width = w.width - columns.reduce((s, c) => s + c.width, 0);
  const rows = claim.lines.map((i) => [
    lineLabel(i, t),
    fmt.date(i.dueDate),
    i.remainingCents ? fmt.money(i.remainingCents) : t('letter.penaltiesOnly'),
    t('statement.daysLate', { days: i.daysLate }),
    fmt.money(i.interestCents),
    i.indemnityCents ? fmt.money(i.indemnityCents) : '—'
  ]);
  w.table(columns, rows, { size: 9 });
  w.y += 3;

  const lines = [
    { label: t('notice.principal'), value: fmt.money(claim.principalCents) },
    { label: t('notice.interest', { date: fmt.date(claim.asOf) }), value: fmt.money(claim.interestCents) },
    ...(claim.indemnityCents ? [{ label: t('notice.indemnity'), value: fmt.money(claim.indemnityCents) }] : []),
    { label: t('notice.total'), value: fmt.money(claim.totalCents), strong: true }
  ];
  const rh = lineHeight(9.5, 1.55);
  w.ensure(lines.length * rh + 2);
  const x = w.right - 95;
  for (const l of lines) {
    if (l.strong) w.box(x - 2, w.y - 0.8, 97, rh + 0.4, { fill: SHADE });
    w.text(l.label, x, w.y + 0.4, { size: 9.5, bold: l.strong, color: INK });
    w.text(l.value, w.right, w.y + 0.4, { size: 9.5, bold: l.strong, align: 'right' });
    w.y += rh;
  }
}

/** « F-2026-A-0001 (échéance 2/3) » for an installment. */
function lineLabel(line: ClaimLine, t: ReturnType<typeof translator>): string {
  if (line.retention) return t('chase.retention', { number: line.number });
  return line.installmentIndex ? `${line.number} (${t('letter.installment', { index: line.installmentIndex, count: line.installmentCount ?? 0 })})` : line.number;
}

/** The rates printed on the claimed invoices: « 12,15 % », or « 10,00 %, 12,15 % ». */
function claimRates(claim: LateClaim, rate: (bp: number) => string): string {
  return [...new Set(claim.lines.map((l) => l.rateBp))].sort((a, b) => a - b).map(rate).join(', ');
}
