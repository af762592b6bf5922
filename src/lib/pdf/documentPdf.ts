// Invoice, quote and credit note: exactly what was issued (the frozen content), with every
// mandatory mention of LEGAL.md, the payments received so far and, while something remains
// due and the seller has an IBAN, the SEPA QR code for that amount.
import type { Cents, DocumentRecord, Language } from '$lib/domain/types';
import { lineHt } from '$lib/domain/money';
import { epcPayload } from '$lib/domain/epc';
import { formatQuantity } from '$lib/i18n/index.svelte';
import { sameAddress } from '$lib/domain/company';
import { ACCENT, INK, MUTED, PdfWriter, RULE, SHADE, lineHeight, type Column, type PdfFonts, type Rgb } from './writer';
import {
  addressLines,
  describeTerms,
  drawFooter,
  earlyMentionOf,
  footerLines,
  formats,
  ibanText,
  legalIdentity,
  letterhead,
  partyBlock,
  operationMentions,
  paymentMentions,
  reserveFooter,
  retentionMention,
  sellerName,
  setRunningHeader,
  titleBlock,
  translator
} from './blocks';
import { qrMatrix } from './qr';
import { makeFacturxPdfA } from './pdfa';
import { vatGroups } from '$lib/domain/facturx/vatBreakdown';
import { pdfFileName } from './text';
import { retentionHeldCents } from '$lib/domain/progress';

export interface DocumentPdfData {
  /** An issued document: its frozen content is what gets printed. */
  doc: DocumentRecord;
  /** The client's language. */
  lang: Language;
  /** A company client (B2B): the 40 € recovery indemnity is printed. */
  businessClient: boolean;
  logoDataUrl: string;
  /** Invoices: taken off by payments and by credit notes so far, and what remains (receivables model). */
  paidCents: Cents;
  creditedCents: Cents;
  remainingCents: Cents;
  /** A progress invoice: what remains of its retenue de garantie (owed later, not asked now). */
  retentionRemainingCents?: Cents;
  /** The Factur-X XML (pdf/facturx.ts): the PDF is then a PDF/A-3b holding it as factur-x.xml. */
  facturxXml?: string | null;
}

export interface RenderedPdf {
  bytes: ArrayBuffer;
  fileName: string;
  /** The EPC payload printed as a QR code, if any. */
  epc: string | null;
}

const QR_SIZE = 30;

export function renderDocumentPdf(fonts: PdfFonts, data: DocumentPdfData): RenderedPdf {
  const f = data.doc.frozen;
  if (!f || data.doc.status !== 'issued') throw new Error('Only an issued document can be printed.');
  const { lang } = data;
  const t = translator(lang);
  const fmt = formats(lang);
  const seller = f.seller;
  const kind = f.kind;
  // A deposit invoice or a situation says so in its title (and file name); it is numbered as any invoice.
  const progress = f.progress ?? null;
  const titleKey = f.deposit ? 'deposit' : progress ? (progress.final ? 'finalStatement' : 'situation') : kind;
  const title = t(`doc.title.${titleKey}`);
  const franchise = seller.vatRegime === 'franchise';
  const isInvoice = kind === 'invoice';
  // A retention is owed a year after the reception of the works: not part of what is asked now.
  const balanceCents = isInvoice ? Math.max(0, data.remainingCents - (data.retentionRemainingCents ?? 0)) : 0;

  const w = new PdfWriter(fonts, lang, { title: `${title} ${f.number}`, subject: f.client.name, author: seller.name });
  const footer = footerLines(w, [
    legalIdentity(seller, lang),
    kind === 'credit' ? '' : paymentMentions(seller, lang, data.businessClient, earlyMentionOf(f)),
    kind === 'quote' ? '' : operationMentions(seller, lang)
  ]);
  reserveFooter(w, footer);
  setRunningHeader(w, sellerName(seller), t('doc.runningTitle', { title, number: f.number, date: fmt.date(f.issueDate) }), f.client.name);

  // ——— Header: seller at left, title and dates at right ———
  const leftBottom = letterhead(w, seller, data.logoDataUrl);
  const meta = [{ label: t('doc.issueDate'), value: fmt.date(f.issueDate) }];
  if (f.serviceDate && f.serviceDate !== f.issueDate) meta.push({ label: t('doc.serviceDate'), value: fmt.date(f.serviceDate) });
  if (isInvoice && f.dueDate) meta.push({ label: t('doc.dueDate'), value: fmt.date(f.dueDate) });
  if (f.orderNumber) meta.push({ label: t('doc.orderNumber'), value: f.orderNumber });
  const ry = titleBlock(w, title, t('doc.number', { number: f.number }), meta);
  w.y = Math.max(leftBottom, ry) + 5;

  // ——— Client (and delivery address when it differs) ———
  const t0 = w.y;
  const clientLines = [
    ...addressLines(f.client.address, lang),
    f.client.siren ? t('doc.siren', { value: f.client.siren.replace(/\s/g, '') }) : '',
    f.client.vatNumber ? t('doc.vatNumber', { value: f.client.vatNumber.replace(/\s/g, '') }) : ''
  ];
  const label = t(kind === 'invoice' ? 'doc.billedTo' : kind === 'quote' ? 'doc.quoteFor' : 'doc.creditFor');
  let bottom = partyBlock(w, 110, t0, w.right - 110, label, f.client.name, clientLines);
  const delivery = f.client.deliveryAddress;
  if (delivery && !sameAddress(delivery, f.client.address) && addressLines(delivery, lang).length) {
    bottom = Math.max(bottom, partyBlock(w, w.left, t0, 85, t('doc.deliveredTo'), f.client.name, addressLines(delivery, lang)));
  }
  w.y = bottom + 5;

  // ——— What to pay, how, and the QR code: on the first page, where the client looks first ———
  let epc: string | null = null;
  if (isInvoice) {
    epc = balanceCents > 0 ? epcPayload({ name: seller.name, iban: seller.iban, bic: seller.bic, amountCents: balanceCents, remittance: f.number }) : null;
    paymentBlock(w, data, balanceCents, epc);
  }

  if (data.doc.title.trim()) w.paragraph(t('doc.subject', { title: data.doc.title.trim() }), { size: 9.5, bold: true, gapAfter: 1.5 });
  if (f.deposit) {
    const d = f.deposit;
    const of = d.quoteId
      ? t('doc.deposit.of', { number: d.quoteNumber, date: fmt.date(d.quoteDate), total: fmt.money(d.quoteTtcCents ?? 0) })
      : f.orderNumber
        ? t('doc.deposit.ofOrderNumber', { number: f.orderNumber })
        : t('doc.deposit.ofOrder');
    w.paragraph(of, { size: 9.5, bold: true, gapAfter: 1.5 });
  }
  if (progress) {
    const args = { n: progress.situation, number: progress.quoteNumber, date: fmt.date(progress.quoteDate) };
    w.paragraph(t(progress.final ? 'doc.progress.finalOf' : 'doc.progress.of', args), { size: 9.5, bold: true, gapAfter: 1.5 });
  } else if (f.finalOf) w.paragraph(t('doc.final.of', { number: f.finalOf.quoteNumber, date: fmt.date(f.finalOf.quoteDate) }), { size: 9.5, bold: true, gapAfter: 1.5 });
  if (kind === 'credit' && f.correctsInvoiceNumber) {
    w.paragraph(t('doc.corrects', { number: f.correctsInvoiceNumber, date: fmt.date(f.correctsInvoiceDate) }), { size: 9.5, bold: true, gapAfter: 1.5 });
  }
  w.y += 1.5;

  // ——— Lines (a situation: its progress per quote line) ———
  if (progress) progressTable(w, data);
  else linesTable(w, data);
  w.y += 5;

  // ——— VAT summary (left) and totals (right) ———
  const totals = totalsRows(data, balanceCents);
  const rowH = lineHeight(9, 1.55);
  const vatRows = franchise ? 2 : f.totals.vat.length + 2;
  w.ensure(Math.max(totals.length * rowH + 4, vatRows * rowH + 4));
  const top = w.y;
  const tx = w.right - 82;
  let ty = top;
  for (const row of totals) {
    if (row.shade) w.box(tx - 2, ty - 0.8, 84, rowH + 0.4, { fill: SHADE });
    else if (row.strong) w.hline(tx, w.right, ty - 0.6, INK, 0.3);
    w.text(row.label, tx, ty + 0.4, { size: row.strong ? 9.5 : 9, bold: row.strong });
    w.text(row.value, w.right, ty + 0.4, { size: row.strong ? 9.5 : 9, bold: row.strong, align: 'right' });
    ty += rowH;
  }
  let ly = top;
  if (franchise) {
    w.text(t('doc.franchise'), w.left, ly, { size: 8.5, bold: true });
    ly += rowH;
  } else if (f.totals.vat.length) {
    const cols = [w.left, w.left + 22, w.left + 56, w.left + 90];
    w.text(t('doc.vatSummary'), w.left, ly, { size: 8, bold: true, color: MUTED });
    ly += rowH;
    w.box(w.left, ly - 0.8, 90, rowH, { fill: SHADE });
    w.text(t('doc.vatSummary.rate'), cols[0] + 1.5, ly, { size: 7.5, bold: true, color: MUTED });
    w.text(t('doc.vatSummary.base'), cols[2] - 1.5, ly, { size: 7.5, bold: true, color: MUTED, align: 'right' });
    w.text(t('doc.vatSummary.amount'), cols[3] - 1.5, ly, { size: 7.5, bold: true, color: MUTED, align: 'right' });
    ly += rowH;
    for (const v of f.totals.vat) {
      w.text(fmt.rate(v.rateBp), cols[0] + 1.5, ly, { size: 8.5 });
      w.text(fmt.money(v.baseCents), cols[2] - 1.5, ly, { size: 8.5, align: 'right' });
      w.text(fmt.money(v.vatCents), cols[3] - 1.5, ly, { size: 8.5, align: 'right' });
      w.hline(w.left, w.left + 90, ly + rowH - 0.8, RULE, 0.15);
      ly += rowH;
    }
    // A 0 % rate says why (« Autoliquidation », intra-EU supply, export): the XML's exemption reason.
    for (const key of new Set(vatGroups(f).map((g) => g.exemptionKey).filter((k) => k !== null))) {
      for (const part of w.wrap(t(`doc.vatExemption.${key}`), 90, 8.5, true)) {
        w.text(part, w.left, ly, { size: 8.5, bold: true });
        ly += lineHeight(8.5, 1.4);
      }
    }
  }
  w.y = Math.max(ty, ly) + 4;

  if (f.deductions?.length) deductionsTable(w, data);
  if (progress?.retention && progress.retention.cents > 0) w.paragraph(retentionMention(f, lang), { size: 9, bold: true, gapAfter: 3 });
  if (progress?.final && progress.recap) recapTable(w, data);

  if (f.notes.trim()) {
    w.ensure(lineHeight(8, 1.4) + lineHeight(9, 1.35));
    w.text(t('doc.notes'), w.left, w.y, { size: 8, bold: true, color: MUTED });
    w.y += lineHeight(8, 1.4);
    w.paragraph(f.notes.trim(), { size: 9, gapAfter: 3 });
  }

  // ——— Acceptance of a quote, or what a credit note corrects ———
  if (kind === 'quote') {
    const terms = t('doc.payment.terms', { terms: describeTerms(f.terms, lang) });
    // Quotes issued before validities were frozen have none: nothing is made up for them.
    const validity = f.validUntil ? t('doc.quote.validUntil', { date: fmt.longDate(f.validUntil) }) : '';
    w.ensure((validity ? 2 : 1) * lineHeight(9, 1.4) + 32);
    if (validity) w.paragraph(validity, { size: 9, bold: true, gapAfter: 1 });
    w.paragraph(terms, { size: 9, gapAfter: 3 });
    const bx = w.right - 95;
    w.box(bx, w.y, 95, 28, { stroke: RULE, radius: 1.2 });
    w.text(t('doc.quote.acceptance'), bx + 3, w.y + 3, { size: 8.5, bold: true });
    w.y += 32;
  } else if (f.correctsInvoiceNumber) {
    w.paragraph(t('doc.credit.note', { number: f.correctsInvoiceNumber, date: fmt.date(f.correctsInvoiceDate) }), { size: 9, gapAfter: 3 });
  }

  if (data.facturxXml) makeFacturxPdfA(w.doc, { xml: data.facturxXml, conformanceLevel: 'EN 16931', ...w.meta });
  const bytes = w.finish((pw, page, pages) => drawFooter(pw, footer, page, pages));
  return { bytes, fileName: pdfFileName(t(`doc.file.${titleKey}`), f.number, f.client.name), epc };
}

/** The lines of any document: description, quantity, unit, unit price, VAT, line discount, total HT. */
function linesTable(w: PdfWriter, data: DocumentPdfData): void {
  const f = data.doc.frozen!;
  const { lang } = data;
  const t = translator(lang);
  const fmt = formats(lang);
  const franchise = f.seller.vatRegime === 'franchise';
  const withDiscount = f.lines.some((l) => l.discountCents);
  const columns: (Column & { key: string })[] = [
    { key: 'description', header: t('doc.col.description'), width: 0 },
    { key: 'quantity', header: t('doc.col.quantity'), width: 14, align: 'right' },
    { key: 'unit', header: t('doc.col.unit'), width: 14 },
    { key: 'unitPrice', header: t('doc.col.unitPrice'), width: 24, align: 'right' },
    ...(franchise ? [] : [{ key: 'vat', header: t('doc.col.vat'), width: 13, align: 'right' as const }]),
    ...(withDiscount ? [{ key: 'discount', header: t('doc.col.discount'), width: 21, align: 'right' as const }] : []),
    { key: 'total', header: t('doc.col.total'), width: 25, align: 'right' }
  ];
  columns[0].width = w.width - columns.slice(1).reduce((s, c) => s + c.width, 0);
  const rows = f.lines.map((l) =>
    columns.map((c) => {
      switch (c.key) {
        case 'description':
          return l.description;
        case 'quantity':
          return formatQuantity(l.quantity, lang);
        case 'unit':
          return l.unit;
        case 'unitPrice':
          return fmt.money(l.unitPriceCents);
        case 'vat':
          return fmt.rate(l.vatRateBp);
        case 'discount':
          return l.discountCents ? `−${fmt.money(l.discountCents)}` : '';
        default:
          return fmt.money(lineHt(l));
      }
    })
  );
  w.table(columns, rows);
}

type TotalRow = { label: string; value: string; strong?: boolean; shade?: boolean };

/** The totals column: HT, VAT per rate, TTC (a final invoice: the job, its deposits, the net), a retention, what was paid, the balance. */
function totalsRows(data: DocumentPdfData, balanceCents: Cents): TotalRow[] {
  const f = data.doc.frozen!;
  const t = translator(data.lang);
  const fmt = formats(data.lang);
  const franchise = f.seller.vatRegime === 'franchise';
  const isInvoice = f.kind === 'invoice';
  const totals: TotalRow[] = [];
  if (f.totals.discountCents) {
    totals.push({ label: t('doc.totals.linesHt'), value: fmt.money(f.totals.linesHtCents) });
    totals.push({ label: t('doc.totals.discount'), value: `−${fmt.money(f.totals.discountCents)}` });
  }
  const job = f.totals.beforeDeposits;
  if (job) {
    // A final invoice: the whole job, each deposit taken off (TTC), then what this invoice charges.
    totals.push({ label: t('doc.totals.jobHt'), value: fmt.money(job.htCents) });
    if (!franchise) for (const v of job.vat) totals.push({ label: t('doc.totals.vat', { rate: fmt.rate(v.rateBp) }), value: fmt.money(v.vatCents) });
    totals.push({ label: t('doc.totals.jobTtc'), value: fmt.money(job.ttcCents), strong: true });
    for (const d of f.deductions ?? []) totals.push({ label: t('doc.totals.deposit', { number: d.number }), value: `−${fmt.money(d.ttcCents)}` });
    totals.push({ label: t('doc.totals.netHt'), value: fmt.money(f.totals.htCents) });
    if (!franchise) for (const v of f.totals.vat) totals.push({ label: t('doc.totals.vat', { rate: fmt.rate(v.rateBp) }), value: fmt.money(v.vatCents) });
    totals.push({ label: t('doc.totals.netTtc'), value: fmt.money(f.totals.ttcCents), strong: true });
  } else {
    totals.push({ label: t('doc.totals.ht'), value: fmt.money(f.totals.htCents) });
    if (!franchise) for (const v of f.totals.vat) totals.push({ label: t('doc.totals.vat', { rate: fmt.rate(v.rateBp) }), value: fmt.money(v.vatCents) });
    totals.push({ label: t('doc.totals.ttc'), value: fmt.money(f.totals.ttcCents), strong: true });
  }
  // The retention is held on the TTC (VAT is due on the whole): what is asked now is the rest.
  const retention = f.progress?.retention;
  if (retention && retention.cents > 0) {
    totals.push({ label: t('doc.retention.rowLabel', { rate: fmt.rate(retention.rateBp) }), value: `−${fmt.money(retention.cents)}` });
    totals.push({ label: t('doc.retention.netLabel'), value: fmt.money(f.totals.ttcCents - retention.cents), strong: true });
  }
  if (isInvoice) {
    if (data.creditedCents) totals.push({ label: t('doc.totals.credited'), value: `−${fmt.money(data.creditedCents)}` });
    if (data.paidCents) totals.push({ label: t('doc.totals.paid'), value: `−${fmt.money(data.paidCents)}` });
    totals.push({ label: t('doc.totals.balance'), value: fmt.money(balanceCents), strong: true, shade: true });
  }
  return totals;
}

/**
 * « Situation n° k »: per quote line its contract amount, cumulative %, cumulative HT, what was
 * already invoiced and this situation's HT (the invoice's own lines), with their totals; a quote
 * discount in euros taken off pro rata is in the totals column.
 */
function progressTable(w: PdfWriter, data: DocumentPdfData): void {
  const f = data.doc.frozen!;
  const p = f.progress!;
  const t = translator(data.lang);
  const fmt = formats(data.lang);
  const franchise = f.seller.vatRegime === 'franchise';
  w.ensure(lineHeight(8, 1.4) * 3);
  w.text(t('doc.progress.table', { n: p.situation }), w.left, w.y, { size: 8, bold: true, color: MUTED });
  w.y += lineHeight(8, 1.4);
  const columns: Column[] = [
    { header: t('doc.progress.col.line'), width: 0 },
    ...(franchise ? [] : [{ header: t('doc.col.vat'), width: 12, align: 'right' as const }]),
    { header: t('doc.progress.col.quoteHt'), width: 26, align: 'right' },
    { header: t('doc.progress.col.cumulative'), width: 16, align: 'right' },
    { header: t('doc.progress.col.cumulativeHt'), width: 24, align: 'right' },
    { header: t('doc.progress.col.previousHt'), width: 24, align: 'right' },
    { header: t('doc.progress.col.thisHt'), width: 25, align: 'right' }
  ];
  columns[0].width = w.width - columns.slice(1).reduce((sum, c) => sum + c.width, 0);
  const sum = (k: 'quoteHtCents' | 'cumulativeHtCents' | 'previousHtCents' | 'thisHtCents') => p.lines.reduce((s, l) => s + l[k], 0);
  const rows = p.lines.map((l) => [
    l.description,
    ...(franchise ? [] : [fmt.rate(l.vatRateBp)]),
    fmt.money(l.quoteHtCents),
    fmt.rate(l.cumulativeBp),
    fmt.money(l.cumulativeHtCents),
    fmt.money(l.previousHtCents),
    fmt.money(l.thisHtCents)
  ]);
  rows.push([t('doc.progress.total'), ...(franchise ? [] : ['']), fmt.money(sum('quoteHtCents')), '', fmt.money(sum('cumulativeHtCents')), fmt.money(sum('previousHtCents')), fmt.money(sum('thisHtCents'))]);
  w.table(columns, rows, { boldRows: new Set([rows.length - 1]) });
}

/** The décompte définitif's recap: the quote, each earlier situation, this statement, and the retention held in all. */
function recapTable(w: PdfWriter, data: DocumentPdfData): void {
  const f = data.doc.frozen!;
  const p = f.progress!;
  const recap = p.recap!;
  const t = translator(data.lang);
  const fmt = formats(data.lang);
  const withRetention = p.retention !== null || recap.situations.some((s) => s.retentionCents > 0);
  w.ensure(lineHeight(8, 1.4) * 4);
  w.text(t('doc.recap.title'), w.left, w.y, { size: 8, bold: true, color: MUTED });
  w.y += lineHeight(8, 1.4);
  w.paragraph(t('doc.recap.quote', { ht: fmt.money(recap.quoteHtCents), ttc: fmt.money(recap.quoteTtcCents) }), { size: 9, gapAfter: 1.5 });
  const columns: Column[] = [
    { header: t('doc.recap.col.what'), width: 0 },
    { header: t('doc.recap.col.number'), width: 32 },
    { header: t('doc.recap.col.date'), width: 22 },
    { header: t('doc.recap.col.ht'), width: 25, align: 'right' },
    { header: t('doc.recap.col.ttc'), width: 25, align: 'right' },
    ...(withRetention ? [{ header: t('doc.recap.col.retention', {}), width: 22, align: 'right' as const }] : [])
  ];
  columns[0].width = w.width - columns.slice(1).reduce((sum, c) => sum + c.width, 0);
  const own = f.totals.beforeDeposits ?? f.totals;
  const rows = [
    ...recap.situations.map((s) => [t('doc.recap.situation', { n: s.situation }), s.number, fmt.date(s.issueDate), fmt.money(s.htCents), fmt.money(s.ttcCents), ...(withRetention ? [fmt.money(s.retentionCents)] : [])]),
    [t('doc.recap.this'), f.number, fmt.date(f.issueDate), fmt.money(own.htCents), fmt.money(own.ttcCents), ...(withRetention ? [fmt.money(p.retention?.cents ?? 0)] : [])]
  ];
  w.table(columns, rows);
  w.y += 2;
  if (withRetention) w.paragraph(t('doc.recap.retention', { amount: fmt.money(retentionHeldCents(p)) }), { size: 9, bold: true, gapAfter: 3 });
}

/** Each deposit a final invoice takes off: its number, date, HT, VAT per rate and TTC. */
function deductionsTable(w: PdfWriter, data: DocumentPdfData): void {
  const f = data.doc.frozen!;
  const t = translator(data.lang);
  const fmt = formats(data.lang);
  const franchise = f.seller.vatRegime === 'franchise';
  w.ensure(lineHeight(8, 1.4) * 3);
  w.text(t('doc.deposits.title'), w.left, w.y, { size: 8, bold: true, color: MUTED });
  w.y += lineHeight(8, 1.4);
  const columns: Column[] = [
    { header: t('doc.deposits.number'), width: 0 },
    { header: t('doc.deposits.date'), width: 22 },
    { header: t('doc.deposits.ht'), width: 25, align: 'right' },
    ...(franchise ? [] : [{ header: t('doc.deposits.vat'), width: 52, align: 'right' as const }]),
    { header: t('doc.deposits.ttc'), width: 25, align: 'right' }
  ];
  columns[0].width = w.width - columns.slice(1).reduce((sum, c) => sum + c.width, 0);
  const rows = (f.deductions ?? []).map((d) => [
    d.number,
    fmt.date(d.issueDate),
    fmt.money(d.htCents),
    ...(franchise ? [] : [d.vat.map((v) => `${fmt.rate(v.rateBp)} : ${fmt.money(v.vatCents)}`).join('\n')]),
    fmt.money(d.ttcCents)
  ]);
  w.table(columns, rows);
  w.y += 4;
}

function paymentBlock(w: PdfWriter, data: DocumentPdfData, balanceCents: Cents, epc: string | null): void {
  const f = data.doc.frozen!;
  const t = translator(data.lang);
  const fmt = formats(data.lang);
  const seller = f.seller;
  const pad = 4;
  const textWidth = w.width - 2 * pad - (epc ? QR_SIZE + 8 : 0);
  type Row = { text: string; size: number; bold?: boolean; color?: Rgb; gap?: number };
  const rows: Row[] = [];
  if (balanceCents > 0) {
    rows.push({ text: t('doc.totals.balance').toLocaleUpperCase(data.lang === 'fr' ? 'fr-FR' : 'en-GB'), size: 7.5, bold: true, color: MUTED });
    rows.push({ text: fmt.money(balanceCents), size: 15, bold: true, color: ACCENT });
    if (f.dueDate) rows.push({ text: t('doc.payment.dueBy', { date: fmt.longDate(f.dueDate) }), size: 9.5, bold: true, gap: 1.5 });
    // A prepaying client's invoice says it is to be paid in advance, on receipt.
    rows.push({ text: f.prepayment ? t('doc.payment.prepayment') : t('doc.payment.terms', { terms: describeTerms(f.terms, data.lang) }), size: 8.5, bold: f.prepayment });
    if (seller.iban.trim()) {
      const bic = seller.bic.trim() ? t('doc.payment.bic', { bic: seller.bic.replace(/\s/g, '').toUpperCase() }) : '';
      rows.push({ text: t('doc.payment.bank', { iban: ibanText(seller.iban), bic }), size: 8.5 });
    }
    rows.push({ text: t('doc.payment.reference', { number: f.number }), size: 8.5, bold: true, gap: epc ? 1.5 : 0 });
    if (epc) rows.push({ text: t('doc.payment.qr', { amount: fmt.money(balanceCents) }), size: 8, color: MUTED });
  } else {
    rows.push({ text: t('doc.payment.nothingDue'), size: 9.5, bold: true, color: ACCENT });
  }
  const wrapped = rows.map((r) => ({ ...r, parts: w.wrap(r.text, textWidth, r.size, r.bold) }));
  const rowHeight = (r: Row) => lineHeight(r.size, r.size > 12 ? 1.2 : 1.4);
  const textHeight = wrapped.reduce((h, r) => h + r.parts.length * rowHeight(r) + (r.gap ?? 0), 0);
  const height = Math.max(textHeight, epc ? QR_SIZE : 0) + 2 * pad;
  w.ensure(height);
  const top = w.y;
  w.box(w.left, top, w.width, height, { stroke: RULE, radius: 1.5 });
  w.box(w.left, top, 1.6, height, { fill: ACCENT });
  let y = top + pad + Math.max(0, (height - 2 * pad - textHeight) / 2);
  for (const r of wrapped) {
    for (const part of r.parts) {
      w.text(part, w.left + pad + 1, y, { size: r.size, bold: r.bold, color: r.color ?? INK });
      y += rowHeight(r);
    }
    y += r.gap ?? 0;
  }
  // The frame stays 4 mm away: the QR code keeps its quiet zone of white.
  if (epc) w.qr(qrMatrix(epc), w.right - pad - QR_SIZE, top + pad, QR_SIZE);
  w.y = top + height + 5;
}
