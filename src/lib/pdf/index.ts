// The PDF documents, loaded only through `import('$lib/pdf')` when the user asks for one: jsPDF,
// the QR encoder and the fonts never weigh on the first screen. Takes plain workspace records,
// returns files ready to preview, download, share or print.
import { zipSync, strToU8 } from 'fflate';
import type { Client, CollectionAgent, Company, DocumentRecord, IsoDate, Language } from '$lib/domain/types';
import type { CollectionFile } from '$lib/domain/collectionFile';
import type { AccountStatement } from '$lib/domain/statement';
import type { LateClaim } from '$lib/domain/claim';
import type { InvoiceAccount } from '$lib/domain/receivables';
import { loadMessages, translate } from '$lib/i18n/index.svelte';
import { loadFonts } from './fonts';
import { renderDocumentPdf, type RenderedPdf } from './documentPdf';
import { facturxXml, isFacturxDocument } from './facturx';
import { renderStatementPdf } from './statementPdf';
import { renderLetterPdf, type LetterKind } from './letterPdf';
import { renderCollectionPdf } from './collectionPdf';
import { discountsTakenCsv, issuedInPeriod, salesCsv, salesOfPeriod, writeOffsCsv } from './salesCsv';
import { pdfFileName, slugify } from './text';
import type { PdfFonts } from './writer';

export type { LetterKind } from './letterPdf';

// The printed words, in both languages (a document follows its client's language, not the
// interface's): this chunk resolves only once they have arrived, so every renderer can translate.
await loadMessages(['core', 'client', 'pdf', 'collection', 'deposits', 'payments', 'progress', 'sending'], ['fr', 'en']);

export interface PdfFile {
  blob: Blob;
  fileName: string;
}

const asFile = (r: RenderedPdf): PdfFile => ({ blob: new Blob([r.bytes], { type: 'application/pdf' }), fileName: r.fileName });

interface DocumentRequest {
  doc: DocumentRecord;
  /** The client as it is now: only its language is used (the rest is frozen in the document). */
  client: Client | null;
  /** The company as it is now: only its logo is used (the rest is frozen in the document). */
  company: Company | null;
  /** An invoice's account today (receivables model): what was paid, credited, what remains. */
  account: InvoiceAccount | null;
}

/** The language of a document and whether its client is a business, as its PDF uses them. */
function audience(req: DocumentRequest) {
  return {
    lang: req.client?.language ?? 'fr',
    // The kind frozen at issue; documents issued before it was frozen: the client's kind now.
    businessClient: (req.doc.frozen?.client.kind ?? req.client?.kind ?? 'company') === 'company'
  };
}

/** Invoices and credit notes are Factur-X (PDF/A-3 with their XML inside); quotes plain PDFs. */
function renderDocument(fonts: PdfFonts, req: DocumentRequest): RenderedPdf {
  const { lang, businessClient } = audience(req);
  return renderDocumentPdf(fonts, {
    doc: req.doc,
    lang,
    businessClient,
    facturxXml: isFacturxDocument(req.doc) ? facturxXml({ doc: req.doc, lang, businessClient }) : null,
    logoDataUrl: req.company?.logoDataUrl ?? '',
    paidCents: req.account?.paidCents ?? 0,
    creditedCents: req.account?.creditedCents ?? 0,
    remainingCents: req.account?.remainingCents ?? 0,
    retentionRemainingCents: req.account?.receivables.find((r) => r.retention)?.remainingCents ?? 0
  });
}

/** An issued invoice, quote or credit note. */
export async function documentPdf(req: DocumentRequest): Promise<PdfFile> {
  return asFile(renderDocument(await loadFonts(), req));
}

/** The Factur-X XML alone of an issued invoice or credit note (« Télécharger le XML »). */
export function documentXml(req: DocumentRequest): PdfFile {
  const xml = facturxXml({ doc: req.doc, ...audience(req) });
  const f = req.doc.frozen!;
  const fileName = pdfFileName(translate(audience(req).lang, `doc.file.${f.kind}`), f.number, f.client.name).replace(/\.pdf$/, '.xml');
  return { blob: new Blob([xml], { type: 'text/xml' }), fileName };
}

/** A client's account statement (domain/statement.ts, made by the caller from the receivables model). */
export async function statementPdf(req: { company: Company; client: Client; statement: AccountStatement }): Promise<PdfFile> {
  return asFile(renderStatementPdf(await loadFonts(), { ...req, logoDataUrl: req.company.logoDataUrl }));
}

/**
 * A reminder letter or the formal notice claiming exactly `claim` (domain/claim.ts): the same
 * receivables and total as the e-mail of the same step.
 */
export async function letterPdf(req: {
  company: Company;
  client: Client;
  claim: LateClaim;
  today: IsoDate;
  kind: LetterKind;
  deadlineDays: number;
  previousMessage: boolean;
}): Promise<PdfFile> {
  if (!req.claim.lines.length) throw new Error(translate(req.client.language, 'pdf.noOverdue'));
  return asFile(renderLetterPdf(await loadFonts(), { ...req, logoDataUrl: req.company.logoDataUrl }));
}

export interface PeriodExport {
  blob: Blob;
  fileName: string;
  count: number;
}

/**
 * Every document issued in [from, to] as PDF, plus the CSV of sales (and of the losses written
 * off in the period, if any), in one zip for the accountant. Quotes go to a sub-folder; names
 * never collide. `lang`: the CSVs' language.
 */
export async function periodExport(req: {
  company: Company | null;
  clients: Client[];
  documents: DocumentRecord[];
  /** Today's accounts of the invoices (receivables model), for what each PDF says was paid. */
  accounts: ReadonlyMap<string, InvoiceAccount>;
  from: IsoDate;
  to: IsoDate;
  lang: Language;
  onProgress?: (done: number, total: number) => void;
}): Promise<PeriodExport> {
  const fonts = await loadFonts();
  const issued = issuedInPeriod(req.documents, req.from, req.to);
  const clients = new Map(req.clients.map((c) => [c.id, c]));
  const period = `${req.from}_${req.to}`;
  const files: Record<string, [Uint8Array, { level: 0 | 6 }]> = {};
  const unique = (name: string) => {
    let candidate = name;
    for (let i = 2; candidate in files; i++) candidate = name.replace(/(\.[a-z]+)$/, `-${i}$1`);
    return candidate;
  };
  const salesName = `${slugify(translate(req.lang, 'export.salesFile'))}-${period}.csv`;
  files[salesName] = [strToU8(salesCsv(salesOfPeriod(issued, req.from, req.to), req.lang)), { level: 6 }];
  const losses = writeOffsCsv(req.documents, req.accounts, req.from, req.to, req.lang);
  if (losses) files[`${slugify(translate(req.lang, 'export.lossesFile'))}-${period}.csv`] = [strToU8(losses), { level: 6 }];
  const discounts = discountsTakenCsv(req.documents, req.accounts, req.from, req.to, req.lang);
  if (discounts) files[`${slugify(translate(req.lang, 'export.discountsFile'))}-${period}.csv`] = [strToU8(discounts), { level: 6 }];
  const quotesDir = slugify(translate(req.lang, 'export.quotes'));
  let done = 0;
  for (const doc of issued) {
    const r = renderDocument(fonts, { doc, client: clients.get(doc.clientId) ?? null, company: req.company, account: req.accounts.get(doc.id) ?? null });
    // PDF streams are already compressed: stored as they are.
    files[unique(doc.kind === 'quote' ? `${quotesDir}/${r.fileName}` : r.fileName)] = [new Uint8Array(r.bytes), { level: 0 }];
    req.onProgress?.(++done, issued.length);
    // Let the page breathe (progress, clicks) between documents.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const zip = zipSync(files);
  return { blob: new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), fileName: `Export-${period}.zip`, count: issued.length };
}

/** A letter sent about the debt, rendered again as it claimed on the day it was sent. */
export interface SentLetter {
  date: IsoDate;
  kind: LetterKind;
  claim: LateClaim;
  deadlineDays: number;
  previousMessage: boolean;
}

/**
 * What a collection agency, a commissaire de justice, a factoring company or the court needs, in
 * one zip: the summary (domain/collectionFile.ts), the invoices, the letters sent and the account
 * statement. `lang`: the summary's language (the user's); the rest is in the client's.
 */
export async function collectionPack(req: {
  company: Company;
  client: Client;
  agent: CollectionAgent;
  agentName: string;
  since: IsoDate;
  file: CollectionFile;
  invoices: DocumentRecord[];
  accounts: ReadonlyMap<string, InvoiceAccount>;
  letters: SentLetter[];
  statement: AccountStatement;
  lang: Language;
}): Promise<PdfFile> {
  const fonts = await loadFonts();
  const logoDataUrl = req.company.logoDataUrl;
  const files: Record<string, [Uint8Array, { level: 0 }]> = {};
  const put = (name: string, bytes: ArrayBuffer | Uint8Array) => {
    let candidate = name;
    for (let i = 2; candidate in files; i++) candidate = name.replace(/(\.[a-z]+)$/, `-${i}$1`);
    // PDF streams are already compressed: stored as they are.
    files[candidate] = [new Uint8Array(bytes), { level: 0 }];
  };
  const summary = renderCollectionPdf(fonts, { company: req.company, client: req.client, agent: req.agent, agentName: req.agentName, since: req.since, file: req.file, logoDataUrl, lang: req.lang });
  put(`01-${summary.fileName}`, summary.bytes);
  const invoicesDir = slugify(translate(req.lang, 'collectionPdf.invoicesDir'));
  for (const doc of req.invoices) {
    const r = renderDocument(fonts, { doc, client: req.client, company: req.company, account: req.accounts.get(doc.id) ?? null });
    put(`${invoicesDir}/${r.fileName}`, r.bytes);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const lettersDir = slugify(translate(req.lang, 'collectionPdf.lettersDir'));
  for (const l of req.letters) {
    if (!l.claim.lines.length) continue;
    const r = renderLetterPdf(fonts, { company: req.company, client: req.client, claim: l.claim, today: l.date, kind: l.kind, deadlineDays: l.deadlineDays, previousMessage: l.previousMessage, logoDataUrl });
    put(`${lettersDir}/${l.date}-${r.fileName}`, r.bytes);
  }
  const statement = renderStatementPdf(fonts, { company: req.company, client: req.client, statement: req.statement, logoDataUrl });
  put(statement.fileName, statement.bytes);
  const zip = zipSync(files);
  return {
    blob: new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
    fileName: `${slugify(translate(req.lang, 'collectionPdf.zip'))}-${slugify(req.client.name)}-${req.file.asOf}.zip`
  };
}
