// A client's account statement: every invoice, credit note and payment with the running
// balance, then the invoices still open, what is overdue and how to pay.
import type { Client, Company, Language } from '$lib/domain/types';
import type { AccountStatement } from '$lib/domain/statement';
import { ACCENT, MUTED, PdfWriter, lineHeight, type PdfFonts } from './writer';
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
  sectionHeading,
  sellerName,
  setRunningHeader,
  summaryBox,
  titleBlock,
  translator
} from './blocks';
import { pdfFileName } from './text';
import type { RenderedPdf } from './documentPdf';

export interface StatementPdfData {
  company: Company;
  client: Client;
  statement: AccountStatement;
  logoDataUrl: string;
}

export function renderStatementPdf(fonts: PdfFonts, data: StatementPdfData): RenderedPdf {
  const { company, client, statement: s } = data;
  const lang: Language = client.language;
  const t = translator(lang);
  const fmt = formats(lang);
  const title = t('statement.title');
  const w = new PdfWriter(fonts, lang, { title: `${title} — ${client.name}`, subject: client.name, author: company.name });
  const footer = footerLines(w, [legalIdentity(company, lang)]);
  reserveFooter(w, footer);
  setRunningHeader(w, sellerName(company), `${title} — ${fmt.date(s.asOf)}`, client.name);

  const leftBottom = letterhead(w, company, data.logoDataUrl);
  const ry = titleBlock(w, title, '', [{ label: t('statement.asOf'), value: fmt.date(s.asOf) }]);
  w.y = Math.max(leftBottom, ry) + 5;
  const clientLines = [...addressLines(client.billingAddress, lang), client.siren ? t('doc.siren', { value: client.siren.replace(/\s/g, '') }) : ''];
  w.y = partyBlock(w, 110, w.y, w.right - 110, t('statement.client'), client.name, clientLines) + 6;

  // ——— The balance, first ———
  const inFavour = s.balanceCents < 0;
  const summary = [
    { text: t(inFavour ? 'statement.balanceInFavour' : 'statement.balance', { date: fmt.date(s.asOf) }), size: 8.5, bold: true, color: MUTED },
    { text: fmt.money(Math.abs(s.balanceCents)), size: 15, bold: true, color: ACCENT }
  ];
  if (s.overdueCents > 0) summary.push({ text: t('statement.overdue', { amount: fmt.money(s.overdueCents) }), size: 9, bold: true, color: MUTED });
  summaryBox(w, summary);

  // ——— Every entry with the running balance ———
  const columns = [
    { header: t('statement.col.date'), width: 22 },
    { header: t('statement.col.label'), width: 0 },
    { header: t('statement.col.due'), width: 22 },
    { header: t('statement.col.debit'), width: 25, align: 'right' as const },
    { header: t('statement.col.credit'), width: 25, align: 'right' as const },
    { header: t('statement.col.balance'), width: 26, align: 'right' as const }
  ];
  columns[1].width = w.width - columns.reduce((sum, c) => sum + c.width, 0);
  const rows: string[][] = [];
  if (s.from) rows.push([fmt.date(s.from), t('statement.opening', { date: fmt.date(s.from) }), '', '', '', fmt.money(s.openingBalanceCents)]);
  for (const e of s.entries) {
    const method = e.method ? t(`method.${e.method}`) : '';
    const label =
      e.kind === 'invoice'
        ? t('statement.invoice', { number: e.reference })
        : e.kind === 'credit'
          ? e.corrects
            ? t('statement.creditOn', { number: e.reference, invoice: e.corrects })
            : t('statement.credit', { number: e.reference })
          : e.reference
            ? t('statement.paymentRef', { method, reference: e.reference })
            : t('statement.payment', { method });
    rows.push([fmt.date(e.date), label, e.dueDate ? fmt.date(e.dueDate) : '', e.debitCents ? fmt.money(e.debitCents) : '', e.creditCents ? fmt.money(e.creditCents) : '', fmt.money(e.balanceCents)]);
  }
  if (!s.entries.length) rows.push(['', t('statement.noEntries'), '', '', '', '']);
  rows.push(['', t('statement.totals'), '', fmt.money(s.totalDebitCents), fmt.money(s.totalCreditCents), fmt.money(s.balanceCents)]);
  w.table(columns, rows, { boldRows: new Set([rows.length - 1]) });
  w.y += 7;

  // ——— The invoices still open ———
  sectionHeading(w, t('statement.openTitle'));
  if (s.openItems.length) {
    const openColumns = [
      { header: t('statement.open.invoice'), width: 0 },
      { header: t('statement.open.date'), width: 22 },
      { header: t('statement.open.due'), width: 22 },
      { header: t('statement.open.ttc'), width: 26, align: 'right' as const },
      { header: t('statement.open.settled'), width: 24, align: 'right' as const },
      { header: t('statement.open.balance'), width: 26, align: 'right' as const },
      { header: t('statement.open.late'), width: 16, align: 'right' as const }
    ];
    openColumns[0].width = w.width - openColumns.reduce((sum, c) => sum + c.width, 0);
    const openRows = s.openItems.map((i) => [
      i.retention
        ? `${i.number} (${t('receivable.retention')})`
        : i.installmentIndex
          ? `${i.number} (${t('letter.installment', { index: i.installmentIndex, count: i.installmentCount ?? 0 })})`
          : i.number,
      fmt.date(i.issueDate),
      i.retentionPending ? t('progress.retention.pending') : fmt.date(i.dueDate),
      fmt.money(i.amountCents),
      i.settledCents ? fmt.money(i.settledCents) : '',
      fmt.money(i.remainingCents),
      i.daysLate > 0 ? t('statement.daysLate', { days: i.daysLate }) : ''
    ]);
    openRows.push([t('statement.totals'), '', '', '', '', fmt.money(s.dueCents), '']);
    w.table(openColumns, openRows, { boldRows: new Set([openRows.length - 1]) });
  } else {
    w.paragraph(t('statement.noOpen'), { size: 9 });
  }
  w.y += 5;

  // ——— Late-payment penalties owed, also on invoices paid late ———
  if (s.penalties.length) {
    sectionHeading(w, t('statement.penaltiesTitle'));
    const penaltyColumns = [
      { header: t('statement.open.invoice'), width: 0 },
      { header: t('statement.penalty.state'), width: 40 },
      { header: t('letter.col.interest'), width: 26, align: 'right' as const },
      { header: t('letter.col.indemnity'), width: 26, align: 'right' as const }
    ];
    penaltyColumns[0].width = w.width - penaltyColumns.reduce((sum, c) => sum + c.width, 0);
    const penaltyRows = s.penalties.map((p) => [p.number, t(`statement.penalty.${p.state}`), fmt.money(p.interestCents), p.indemnityCents ? fmt.money(p.indemnityCents) : '—']);
    penaltyRows.push([t('statement.totals'), '', '', fmt.money(s.penaltiesCents)]);
    w.table(penaltyColumns, penaltyRows, { boldRows: new Set([penaltyRows.length - 1]) });
    w.y += 5;
  }
  if (s.unallocatedCents > 0) w.paragraph(t('statement.unallocated', { amount: fmt.money(s.unallocatedCents) }), { size: 9, gapAfter: 2 });
  if (s.balanceCents > 0 && company.iban.trim()) {
    const bic = company.bic.trim() ? t('statement.bic', { bic: company.bic.replace(/\s/g, '').toUpperCase() }) : '';
    w.ensure(lineHeight(9, 1.35) * 2 + 4);
    w.paragraph(t('statement.payBy', { iban: ibanText(company.iban), bic }), { size: 9 });
  }

  const bytes = w.finish((pw, page, pages) => drawFooter(pw, footer, page, pages));
  return { bytes, fileName: pdfFileName(t('doc.file.statement'), s.asOf, client.name), epc: null };
}
