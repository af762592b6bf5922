// The summary of a debt handed over to collection: creditor, debtor (with SIREN and contacts),
// to whom and since when, each invoice with its dates, amounts, interest and indemnity as of
// today, the formal notice's date, and the whole contact register. In the user's language: the
// file is for the agency the user works with, not for the client.
import type { Client, CollectionAgent, Company, IsoDate, Language } from '$lib/domain/types';
import type { CollectionFile } from '$lib/domain/collectionFile';
import { ACCENT, MUTED, PdfWriter, type PdfFonts } from './writer';
import { addressLines, drawFooter, footerLines, formats, legalIdentity, letterhead, partyBlock, reserveFooter, sectionHeading, sellerName, setRunningHeader, summaryBox, titleBlock, translator } from './blocks';
import { pdfFileName } from './text';
import type { RenderedPdf } from './documentPdf';

export interface CollectionPdfData {
  company: Company;
  client: Client;
  agent: CollectionAgent;
  agentName: string;
  since: IsoDate;
  file: CollectionFile;
  logoDataUrl: string;
  lang: Language;
}

export function renderCollectionPdf(fonts: PdfFonts, data: CollectionPdfData): RenderedPdf {
  const { company, client, file: f, lang } = data;
  const t = translator(lang);
  const fmt = formats(lang);
  const title = t('collectionPdf.title');
  const w = new PdfWriter(fonts, lang, { title: `${title} — ${client.name}`, subject: client.name, author: company.name });
  const footer = footerLines(w, [legalIdentity(company, lang)]);
  reserveFooter(w, footer);
  setRunningHeader(w, sellerName(company), `${title} — ${fmt.date(f.asOf)}`, client.name);

  const leftBottom = letterhead(w, company, data.logoDataUrl);
  const agent = data.agentName ? `${t(`collection.agent.${data.agent}`)} — ${data.agentName}` : t(`collection.agent.${data.agent}`);
  const ry = titleBlock(w, title, '', [
    { label: t('collectionPdf.asOf'), value: fmt.date(f.asOf) },
    { label: t('collectionPdf.handedTo'), value: agent },
    { label: t('collectionPdf.since'), value: fmt.date(data.since) }
  ]);
  w.y = Math.max(leftBottom, ry) + 5;
  const contacts = client.contacts
    .filter((c) => c.name || c.email || c.phone)
    .map((c) => [c.name, c.role, c.email, c.phone].filter(Boolean).join(' · '));
  const debtorLines = [
    ...addressLines(client.billingAddress, lang),
    client.siren ? t('doc.siren', { value: client.siren.replace(/\s/g, '') }) : t('collectionPdf.noSiren'),
    client.vatNumber ? t('collectionPdf.vat', { value: client.vatNumber }) : '',
    ...contacts
  ].filter(Boolean);
  w.y = partyBlock(w, 110, w.y, w.right - 110, t('collectionPdf.debtor'), client.name, debtorLines) + 6;

  // ——— What is claimed, first ———
  const summary = [
    { text: t('collectionPdf.total', { date: fmt.date(f.asOf) }), size: 8.5, bold: true, color: MUTED },
    { text: fmt.money(f.totalCents), size: 15, bold: true, color: ACCENT },
    {
      text: t('collectionPdf.breakdown', { principal: fmt.money(f.principalCents), interest: fmt.money(f.interestCents), indemnity: fmt.money(f.indemnityCents) }),
      size: 9,
      bold: false,
      color: MUTED
    },
    { text: f.formalNoticeOn ? t('collectionPdf.notice', { date: fmt.date(f.formalNoticeOn) }) : t('collectionPdf.noNotice'), size: 9, bold: true, color: MUTED }
  ];
  summaryBox(w, summary);

  // ——— Each invoice ———
  sectionHeading(w, t('collectionPdf.invoices'));
  const columns = [
    { header: t('collectionPdf.col.number'), width: 0 },
    { header: t('collectionPdf.col.issued'), width: 21 },
    { header: t('collectionPdf.col.due'), width: 21 },
    { header: t('collectionPdf.col.ttc'), width: 21, align: 'right' as const },
    { header: t('collectionPdf.col.settled'), width: 20, align: 'right' as const },
    { header: t('collectionPdf.col.remaining'), width: 21, align: 'right' as const },
    { header: t('collectionPdf.col.late'), width: 11, align: 'right' as const },
    { header: t('collectionPdf.col.interest'), width: 17, align: 'right' as const },
    { header: t('collectionPdf.col.indemnity'), width: 17, align: 'right' as const }
  ];
  columns[0].width = w.width - columns.reduce((s, c) => s + c.width, 0);
  const rows = f.lines.map((l) => [
    l.number,
    fmt.date(l.issueDate),
    fmt.date(l.dueDate),
    fmt.money(l.ttcCents),
    l.settledCents ? fmt.money(l.settledCents) : '',
    fmt.money(l.remainingCents),
    l.daysLate > 0 ? String(l.daysLate) : '',
    l.interestCents ? fmt.money(l.interestCents) : '',
    l.indemnityCents ? fmt.money(l.indemnityCents) : ''
  ]);
  rows.push([t('collectionPdf.totals'), '', '', '', '', fmt.money(f.principalCents), '', fmt.money(f.interestCents), fmt.money(f.indemnityCents)]);
  w.table(columns, rows, { boldRows: new Set([rows.length - 1]) });
  w.y += 3;
  w.paragraph(t('collectionPdf.interestNote'), { size: 8, color: MUTED, gapAfter: 4 });

  // ——— The contact register, oldest first ———
  sectionHeading(w, t('collectionPdf.register'));
  if (f.register.length) {
    const regColumns = [
      { header: t('collectionPdf.reg.date'), width: 21 },
      { header: t('collectionPdf.reg.channel'), width: 30 },
      { header: t('collectionPdf.reg.outcome'), width: 30 },
      { header: t('collectionPdf.reg.invoices'), width: 34 },
      { header: t('collectionPdf.reg.note'), width: 0 }
    ];
    regColumns[4].width = w.width - regColumns.reduce((s, c) => s + c.width, 0);
    const regRows = f.register.map((r) => [
      fmt.date(r.date),
      t(`chase.channel.${r.channel}`),
      r.promisedDate ? `${t(`chase.outcome.${r.outcome}`)} (${fmt.date(r.promisedDate)})` : t(`chase.outcome.${r.outcome}`),
      r.numbers.join(', '),
      r.note
    ]);
    w.table(regColumns, regRows);
  } else {
    w.paragraph(t('collectionPdf.noRegister'), { size: 9 });
  }

  const bytes = w.finish((pw, page, pages) => drawFooter(pw, footer, page, pages));
  return { bytes, fileName: pdfFileName(t('collectionPdf.file'), f.asOf, client.name), epc: null };
}
