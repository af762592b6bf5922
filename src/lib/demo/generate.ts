// A realistic French workspace for demonstrations and benchmarks: a building-renovation company
// (« Moreau Rénovation »), its clients, two years of quotes, invoices and credit notes issued by
// two devices (series A and B) with a real hash chain per series, payments (partial, in
// installments, spread over several invoices, overpaid) and an activity log.
// Pure data: the same seed and the same day always give the same records; nothing is written here.
import type {
  ActivityEvent,
  ActivityKind,
  ChaseChannel,
  ContactOutcome,
  Allocation,
  CatalogItem,
  Client,
  Company,
  Contact,
  Discount,
  DocumentRecord,
  IsoDate,
  IsoDateTime,
  Line,
  Member,
  Payment,
  PaymentMethod,
  PaymentTerms,
  SendChannel
} from '$lib/domain/types';
import { newCompany } from '$lib/domain/company';
import { DEFAULT_CATEGORIES } from '$lib/domain/company';
import { addDays, daysBetween } from '$lib/domain/dates';
import { creditNoteFrom, invoiceFromQuote, newDocument } from '$lib/domain/documents';
import { freezeDocument, hashFrozen } from '$lib/domain/integrity';
import { lineHt } from '$lib/domain/money';
import { formatNumber, nextSeq, seriesId } from '$lib/domain/numbering';
import { dueDate as computeDueDate } from '$lib/domain/terms';
import { frenchVatKey, luhn } from '$lib/domain/validation';
import { accountsOfRecords, plainContext } from '$lib/domain/receivables';
import { Rng } from './prng';
import {
  BRAND_WORDS,
  CITIES,
  CLIENT_NOTES,
  COMPANY_FORMS,
  FIRST_NAMES,
  LINE2,
  PAYMENT_REFERENCES,
  ROLES,
  SERVICES,
  STREETS,
  SURNAMES,
  TITLES,
  TRADES,
  type Service
} from './data';

export interface DemoCounts {
  clients: number;
  invoices: number;
  payments: number;
  events: number;
}

export interface DemoOptions extends DemoCounts {
  seed: number;
  /** The day the workspace is generated on; documents spread over the `years` before it. */
  today: IsoDate;
  /** How many years of history (default 2): the bench's 10 000 invoices are 5 years of a plumber's, 50 000 an agency's decade. */
  years?: number;
  /** The member created with the workspace (series A); member B is generated. */
  memberA: string;
}

export interface DemoData {
  company: Company;
  /** Members to add (the second device, series B). */
  members: Member[];
  clients: Client[];
  items: CatalogItem[];
  documents: DocumentRecord[];
  payments: Payment[];
  events: ActivityEvent[];
  stats: DemoStats;
}

export interface DemoStats {
  invoices: number;
  drafts: number;
  quotes: number;
  creditNotes: number;
  lines: number;
  series: number;
  unpaidInvoices: number;
  partiallyPaidInvoices: number;
  multiInvoicePayments: number;
  overpayments: number;
}

export type DemoProgress = (step: string, done: number, total: number) => void;

/** Proportions used when only an invoice count is given: 1 000 / 10 000 / 12 000 / 20 000. */
export function proportionalCounts(invoices: number): DemoCounts {
  return {
    invoices,
    clients: Math.max(1, Math.round(invoices / 10)),
    payments: Math.round(invoices * 1.2),
    events: invoices * 2
  };
}

const QUOTE_SHARE = 0.1;
/** Days after its due date when a debt still unpaid is given up (the accountant's closing). */
const GIVE_UP_DAYS = 730;
const CREDIT_SHARE = 0.02;
const DRAFT_SHARE = 0.08;

export function demoCompany(today: IsoDate): Company {
  return {
    ...newCompany(today),
    name: 'Moreau Rénovation',
    legalForm: 'SARL',
    soleTrader: false,
    shareCapitalCents: 1_500_000,
    address: { line1: '27 rue des Forges', line2: '', postalCode: '69007', city: 'Lyon', country: 'FR' },
    siret: '73282932000074',
    rcsCity: 'Lyon',
    vatNumber: 'FR44732829320',
    vatRegime: 'normal',
    iban: 'FR7630006000011234567890189',
    bic: 'AGRIFRPP',
    email: 'contact@moreau-renovation.fr',
    phone: '04 78 58 12 34'
  };
}

// ——— small helpers ———

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function siren(rng: Rng): string {
  const body = String(rng.int(1, 9)) + rng.digits(7);
  for (let c = 0; c < 10; c++) if (luhn(body + c)) return body + c;
  return body + '0';
}

function frenchVat(sirenNumber: string): string {
  return `FR${frenchVatKey(sirenNumber)}${sirenNumber}`;
}

function phone(rng: Rng, mobile: boolean): string {
  const first = mobile ? rng.pick(['6', '7']) : rng.pick(['1', '2', '3', '4', '5', '9']);
  const d = '0' + first + rng.digits(8);
  return d.replace(/(\d{2})(?=\d)/g, '$1 ');
}

function at(rng: Rng, date: IsoDate): IsoDateTime {
  const h = String(rng.int(7, 18)).padStart(2, '0');
  const m = String(rng.int(0, 59)).padStart(2, '0');
  const s = String(rng.int(0, 59)).padStart(2, '0');
  return `${date}T${h}:${m}:${s}.000Z`;
}

function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

function dateBetween(rng: Rng, from: IsoDate, to: IsoDate): IsoDate {
  const span = Math.max(0, daysBetween(from, to));
  return addDays(from, rng.int(0, span));
}

async function breathe(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Debts still unpaid GIVE_UP_DAYS after their due date (and not disputed) were handed to a
 * collection agency, which gave up: the rest written off (« passé en perte »), as a business's
 * accountant has it done at a closing rather than chased for a decade.
 */
function giveUpOldDebts(rng: Rng, documents: DocumentRecord[], payments: Payment[], today: IsoDate, pickMember: () => string): void {
  const accounts = accountsOfRecords(documents, payments, 'normal', () => plainContext(today, 'company'));
  for (const d of documents) {
    const remaining = accounts.get(d.id)?.remainingCents ?? 0;
    if (remaining <= 0 || d.disputed || !d.dueDate || daysBetween(d.dueDate, today) < GIVE_UP_DAYS) continue;
    const since = addDays(d.dueDate, rng.int(90, 240));
    const on = addDays(since, rng.int(120, 300));
    const memberId = pickMember();
    d.inCollection = false;
    d.collection = { caseId: rng.id(), agent: 'agency', agentName: 'Cabinet Recouvra', since, memberId, closed: { outcome: 'abandoned', on, memberId } };
    d.writeOff = { cents: remaining, on, memberId };
  }
}

// ——— clients ———

type Behaviour = 'good' | 'average' | 'late' | 'bad';

interface ClientInfo {
  client: Client;
  behaviour: Behaviour;
  since: IsoDate;
  isPublic: boolean;
}

function address(rng: Rng) {
  const [postalCode, city] = rng.pick(CITIES);
  const number = rng.int(1, 180);
  const suffix = rng.chance(0.08) ? ' bis' : '';
  return {
    line1: `${number}${suffix} ${rng.pick(STREETS)}`,
    line2: rng.chance(0.12) ? rng.pick(LINE2) : '',
    postalCode,
    city,
    country: 'FR'
  };
}

function makeClients(rng: Rng, count: number, today: IsoDate, years: number): ClientInfo[] {
  // Clients arrive over the whole history and a while before it (2 years: the first 3).
  const oldest = years > 2 ? Math.round(years * 550) : 1100;
  const used = new Set<string>();
  const out: ClientInfo[] = [];
  for (let i = 0; i < count; i++) {
    const id = rng.id();
    const since = addDays(today, -rng.int(20, oldest));
    const createdAt = at(rng, since);
    const billingAddress = address(rng);
    const kindRoll = rng.next();
    const isPublic = kindRoll < 0.05;
    const individual = !isPublic && kindRoll < 0.45;
    const behaviour: Behaviour = isPublic
      ? rng.weighted([['average', 6], ['late', 4]] as const)
      : rng.weighted([['good', 55], ['average', 30], ['late', 12], ['bad', 3]] as const);
    const surname = rng.pick(SURNAMES);
    let personal = '';
    let name: string;
    if (isPublic) {
      name = rng.weighted([
        [`Mairie de ${billingAddress.city}`, 5],
        [`Collège ${rng.pick(['Jean-Moulin', 'Victor-Hugo', 'Jules-Ferry', 'Louise-Michel', 'Pierre-et-Marie-Curie'])}`, 2],
        [`Office public de l’habitat de ${billingAddress.city}`, 2]
      ] as const);
    } else if (individual) {
      name = rng.chance(0.15) ? `M. et Mme ${surname}` : `${rng.pick(FIRST_NAMES)} ${surname}`;
      if (!name.startsWith('M. et Mme')) personal = name.slice(0, name.length - surname.length - 1);
    } else {
      name = rng.weighted([
        [`${rng.pick(TRADES)} ${surname}`, 4],
        [`${rng.pick(COMPANY_FORMS)} ${rng.pick(BRAND_WORDS)}`, 3],
        [`${surname} ${rng.pick(['& Fils', 'Frères', 'et Associés', 'Bâtiment', 'Immobilier'])}`, 2],
        [`Syndicat des copropriétaires du ${billingAddress.line1}`, 1]
      ] as const);
    }
    if (used.has(name)) name = `${name} (${billingAddress.city})`;
    if (used.has(name)) name = `${name} ${i}`;
    used.add(name);

    const domain = individual ? rng.pick(['orange.fr', 'free.fr', 'gmail.com', 'laposte.net', 'sfr.fr']) : `${slug(name).slice(0, 24)}.fr`;
    const contacts: Contact[] = [];
    const nContacts = individual ? 1 : rng.int(1, 3);
    for (let c = 0; c < nContacts; c++) {
      const first = personal && c === 0 ? personal : rng.pick(FIRST_NAMES);
      const last = individual ? surname : rng.pick(SURNAMES);
      contacts.push({
        id: `${id}-c${c + 1}`,
        name: `${first} ${last}`,
        email: `${slug(first)}.${slug(last)}@${domain}`,
        phone: phone(rng, individual || rng.chance(0.4)),
        role: individual ? '' : rng.pick(ROLES),
        billing: c === 0
      });
    }
    const sirenNumber = individual ? '' : siren(rng);
    const categories: string[] = [];
    if (behaviour === 'good' && rng.chance(0.5)) categories.push(DEFAULT_CATEGORIES[0]);
    if ((behaviour === 'late' || behaviour === 'bad') && rng.chance(0.6)) categories.push(DEFAULT_CATEGORIES[2]);
    if (daysBetween(since, today) < 90) categories.push(DEFAULT_CATEGORIES[1]);
    if (isPublic) categories.push(DEFAULT_CATEGORIES[3]);
    let terms: PaymentTerms | null;
    if (isPublic) terms = { kind: 'net', days: 30 };
    else if (individual) terms = rng.chance(0.7) ? { kind: 'on_receipt' } : null;
    else
      terms = rng.weighted<PaymentTerms | null>([
        [null, 60],
        [{ kind: 'net', days: 45 }, 15],
        [{ kind: 'end_of_month', days: 45 }, 10],
        [{ kind: 'net', days: 60 }, 10],
        [{ kind: 'on_receipt' }, 5]
      ]);
    out.push({
      behaviour,
      since,
      isPublic,
      client: {
        id,
        kind: individual ? 'individual' : 'company',
        name,
        contacts,
        billingAddress,
        deliveryAddress: rng.chance(0.1) ? address(rng) : null,
        siren: sirenNumber,
        vatNumber: sirenNumber && rng.chance(0.8) ? frenchVat(sirenNumber) : '',
        categories,
        terms,
        notes: rng.chance(0.2) ? rng.pick(CLIENT_NOTES) : '',
        language: 'fr',
        createdAt,
        updatedAt: createdAt
      }
    });
  }
  return out;
}

/** Cumulative weights: a few big clients get many documents, most get a handful. */
function clientPicker(rng: Rng, clients: ClientInfo[]): () => ClientInfo {
  const cumulative: number[] = [];
  let total = 0;
  for (const info of clients) {
    const w = info.isPublic ? 2 : info.client.kind === 'individual' ? 0.4 + rng.next() : 0.3 + 8 * rng.next() ** 3;
    total += w;
    cumulative.push(total);
  }
  return () => {
    const r = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return clients[lo];
  };
}

// ——— lines ———

function quantity(rng: Rng, s: Service): number {
  switch (s.qty) {
    case 'one':
      return 1;
    case 'units':
      return rng.int(1, 12);
    case 'hours':
      return rng.int(1, 80) / 4;
    case 'measure':
      return rng.chance(0.5) ? rng.int(50, 15000) / 100 : rng.int(500, 150000) / 1000;
    case 'weight':
      return rng.int(250, 18000) / 1000;
    case 'distance':
      return rng.int(50, 3000) / 10;
  }
}

const ROOMS = ['salle de bains', 'cuisine', 'séjour', 'chambre 2', 'parties communes', 'cage d’escalier', 'garage', 'combles'];

function makeLines(rng: Rng): Line[] {
  const count = 1 + Math.floor(20 * rng.next() ** 3);
  const lines: Line[] = [];
  for (let i = 0; i < count; i++) {
    const s = rng.pick(SERVICES);
    const unitPriceCents = s.qty === 'distance' ? rng.int(s.min, s.max) : Math.round(rng.int(s.min, s.max) / 10) * 10;
    const line: Line = {
      id: rng.id(),
      description: rng.chance(0.2) ? `${s.description} — ${rng.pick(ROOMS)}` : s.description,
      quantity: quantity(rng, s),
      unit: s.unit,
      unitPriceCents,
      vatRateBp: s.vatRateBp,
      discountCents: 0
    };
    if (rng.chance(0.05)) line.discountCents = Math.round(lineHt(line) * 0.1);
    lines.push(line);
  }
  return lines;
}

function makeDiscount(rng: Rng): Discount {
  const r = rng.next();
  if (r < 0.1) return { kind: 'percent', bp: rng.pick([300, 500, 750, 1000]) };
  if (r < 0.14) return { kind: 'amount', cents: rng.int(2, 30) * 1000 };
  return { kind: 'none' };
}

function makeItems(rng: Rng): CatalogItem[] {
  return SERVICES.map((s) => ({
    id: rng.id(),
    name: s.description,
    description: '',
    unit: s.unit,
    unitPriceCents: Math.round((s.min + s.max) / 20) * 10,
    vatRateBp: s.vatRateBp,
    archived: rng.chance(0.05)
  }));
}

// ——— the generator ———

interface Plan {
  doc: DocumentRecord;
  /** The date it is (or will be) issued; for drafts, the day it was started. */
  date: IsoDate;
  info: ClientInfo;
  issue: boolean;
  /** Credit notes: the invoice they correct. */
  corrects?: DocumentRecord;
}

interface PaymentPlan {
  invoices: DocumentRecord[];
  /** Parts, one payment each: amounts per invoice and the date. */
  parts: { date: IsoDate; amounts: number[]; extra: number }[];
  info: ClientInfo;
}

export async function generateDemo(opts: DemoOptions, progress: DemoProgress = () => {}): Promise<DemoData> {
  const rng = new Rng(opts.seed);
  const today = opts.today;
  const years = Math.max(1, Math.round(opts.years ?? 2));
  const start = addDays(today, -365 * years);
  const company = demoCompany(today);
  const seller: Company = { ...company, logoDataUrl: '' };
  const memberB: Member = {
    id: rng.id(),
    name: 'Téléphone de Julien',
    seriesLetter: 'B',
    createdAt: at(rng, addDays(start, -30)),
    lastSeenAt: at(rng, today),
    removed: false
  };
  const letterOf = (memberId: string) => (memberId === memberB.id ? 'B' : 'A');
  const pickMember = () => (rng.chance(0.65) ? opts.memberA : memberB.id);

  progress('clients', 0, opts.clients);
  const infos = makeClients(rng, Math.max(1, opts.clients), today, years);
  const byClientId = new Map(infos.map((i) => [i.client.id, i]));
  const pickClient = clientPicker(rng, infos);
  const items = makeItems(rng);
  const termsOf = (info: ClientInfo) => info.client.terms ?? company.defaultTerms;
  const firstDay = (info: ClientInfo) => maxDate(start, info.since);

  const plans: Plan[] = [];
  const newDoc = (kind: DocumentRecord['kind'], info: ClientInfo, date: IsoDate, memberId = pickMember()) =>
    newDocument(kind, { id: rng.id(), memberId, now: at(rng, date), clientId: info.client.id, terms: termsOf(info) });
  const fill = (doc: DocumentRecord, date: IsoDate) => {
    doc.lines = makeLines(rng);
    doc.discount = makeDiscount(rng);
    doc.title = rng.chance(0.7) ? rng.pick(TITLES) : '';
    doc.notes = rng.chance(0.1) ? `Chantier : ${address(rng).line1}` : '';
    doc.serviceDate = doc.kind === 'invoice' && rng.chance(0.7) ? addDays(date, -rng.int(0, 20)) : null;
  };

  // Quotes; the accepted ones become invoices.
  const quoteCount = Math.round(opts.invoices * QUOTE_SHARE);
  const invoicesFromQuotes: Plan[] = [];
  for (let i = 0; i < quoteCount; i++) {
    const info = pickClient();
    const date = dateBetween(rng, firstDay(info), today);
    const doc = newDoc('quote', info, date);
    fill(doc, date);
    const recent = daysBetween(date, today) < 30;
    const draft = recent && rng.chance(0.2);
    plans.push({ doc, date, info, issue: !draft });
    if (draft) continue;
    doc.quoteOutcome = recent
      ? rng.weighted([['pending', 6], ['accepted', 3], ['refused', 1]] as const)
      : rng.weighted([['accepted', 6], ['refused', 3], ['pending', 1]] as const);
    if (doc.quoteOutcome === 'accepted' && invoicesFromQuotes.length < opts.invoices) {
      const invoiceDate = addDays(date, rng.int(7, 45));
      if (invoiceDate <= today) {
        const invoice = invoiceFromQuote(doc, { id: rng.id(), memberId: pickMember(), now: at(rng, invoiceDate) });
        invoice.serviceDate = rng.chance(0.7) ? addDays(invoiceDate, -rng.int(0, 10)) : null;
        invoicesFromQuotes.push({ doc: invoice, date: invoiceDate, info, issue: true });
      }
    }
  }
  plans.push(...invoicesFromQuotes);

  // Invoices: the rest of the count, drafts started in the last weeks among them — the work in
  // hand, as many as DRAFT_SHARE of two years' invoices whatever the history's length.
  const fresh = opts.invoices - invoicesFromQuotes.length;
  const drafts = Math.round(((opts.invoices * 2) / years) * DRAFT_SHARE);
  for (let i = 0; i < fresh; i++) {
    const info = pickClient();
    const draft = i < drafts;
    const date = draft ? dateBetween(rng, maxDate(firstDay(info), addDays(today, -45)), today) : dateBetween(rng, firstDay(info), today);
    const doc = newDoc('invoice', info, date);
    fill(doc, date);
    plans.push({ doc, date, info, issue: !draft });
  }

  // Credit notes correcting issued invoices: all of it, or some lines.
  const creditCount = Math.round(opts.invoices * CREDIT_SHARE);
  const issuedInvoices = plans.filter((p) => p.issue && p.doc.kind === 'invoice' && daysBetween(p.date, today) > 3);
  const credited = new Set<string>();
  for (let i = 0; i < creditCount && issuedInvoices.length; i++) {
    const target = rng.pick(issuedInvoices);
    if (credited.has(target.doc.id)) continue;
    credited.add(target.doc.id);
    const date = minDate(today, addDays(target.date, rng.int(2, 60)));
    const full = rng.chance(0.6) || target.doc.lines.length === 1;
    const lines = full ? undefined : target.doc.lines.slice(0, rng.int(1, target.doc.lines.length - 1));
    const doc = creditNoteFrom(target.doc, { id: rng.id(), memberId: pickMember(), now: at(rng, date) }, lines);
    for (const l of doc.lines) l.id = rng.id();
    plans.push({ doc, date, info: target.info, issue: rng.chance(0.95), corrects: target.doc });
  }

  // Issue in chronological order: numbers are continuous per series, each hash chained to the last.
  const toIssue = plans.filter((p) => p.issue);
  toIssue.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const lastOfSeries = new Map<string, DocumentRecord>();
  for (let i = 0; i < toIssue.length; i++) {
    const { doc, date, info, corrects } = toIssue[i];
    const letter = letterOf(doc.memberId);
    const year = Number(date.slice(0, 4));
    const format = company.numberFormats[doc.kind];
    const series = seriesId(format, { year, letter });
    const last = lastOfSeries.get(series);
    const seq = nextSeq(last ? [last] : [], series);
    const number = formatNumber(format, { year, letter, seq });
    const due = doc.kind === 'invoice' ? computeDueDate(date, doc.terms) : null;
    const frozen = freezeDocument(
      { ...doc, issueDate: date },
      { company: seller, client: info.client, number, series, seq, issueDate: date, dueDate: due, prevHash: last?.hash ?? '', correctedInvoice: corrects ?? null }
    );
    const issuedAt = at(rng, date);
    Object.assign(doc, {
      status: 'issued',
      issueDate: date,
      number,
      series,
      seq,
      dueDate: due,
      frozen,
      hash: await hashFrozen(frozen),
      prevHash: frozen.prevHash,
      issuedAt,
      updatedAt: issuedAt
    });
    lastOfSeries.set(series, doc);
    if (rng.chance(doc.kind === 'credit' ? 0.8 : 0.93)) {
      const sent = minDate(today, addDays(date, rng.weighted([[0, 6], [1, 2], [2, 1], [3, 1]] as const)));
      doc.sentAt = sent;
      doc.sentChannel = sendChannel(rng, info);
      doc.updatedAt = at(rng, sent);
    }
    if (i % 250 === 0) {
      progress('documents', i, toIssue.length);
      await breathe();
    }
  }
  progress('documents', toIssue.length, toIssue.length);

  // Payments.
  const credits = new Map<string, number>();
  for (const p of plans)
    if (p.corrects && p.doc.status === 'issued') credits.set(p.corrects.id, (credits.get(p.corrects.id) ?? 0) + p.doc.frozen!.totals.ttcCents);
  const { payments, stats: payStats, paidOn } = makePayments(rng, opts, plans, credits, today, pickMember);

  // Disputes and collection on some overdue invoices of difficult clients.
  for (const p of plans) {
    const d = p.doc;
    if (d.kind !== 'invoice' || d.status !== 'issued' || !d.dueDate || d.dueDate >= today || paidOn.has(d.id)) continue;
    const late = daysBetween(d.dueDate, today);
    if (rng.chance(p.info.behaviour === 'bad' ? 0.15 : 0.03)) d.disputed = true;
    else if (p.info.behaviour === 'bad' && late > 90 && rng.chance(0.3)) d.inCollection = true;
  }

  const documents = plans.map((p) => p.doc);
  progress('events', 0, opts.events);
  const events = makeEvents(rng, opts, infos, plans, payments, paidOn, byClientId, today, pickMember);
  progress('events', events.length, opts.events);
  giveUpOldDebts(rng, documents, payments, today, pickMember);

  const stats: DemoStats = {
    invoices: documents.filter((d) => d.kind === 'invoice').length,
    drafts: documents.filter((d) => d.status === 'draft').length,
    quotes: documents.filter((d) => d.kind === 'quote').length,
    creditNotes: documents.filter((d) => d.kind === 'credit').length,
    lines: documents.reduce((n, d) => n + d.lines.length, 0),
    series: lastOfSeries.size,
    ...payStats
  };
  return {
    company,
    members: [memberB],
    clients: infos.map((i) => i.client),
    items,
    documents,
    payments,
    events,
    stats
  };
}

function sendChannel(rng: Rng, info: ClientInfo): SendChannel {
  if (info.isPublic) return 'platform';
  if (info.client.kind === 'individual') return rng.weighted([['email', 7], ['hand', 2], ['post', 1]] as const);
  return rng.weighted([['email', 85], ['post', 15]] as const);
}

function paymentMethod(rng: Rng, info: ClientInfo): PaymentMethod {
  if (info.isPublic) return 'transfer';
  if (info.client.kind === 'individual')
    return rng.weighted([['transfer', 40], ['cheque', 30], ['card', 12], ['link', 10], ['cash', 6], ['other', 2]] as const);
  return rng.weighted([['transfer', 75], ['cheque', 10], ['direct_debit', 8], ['card', 4], ['link', 2], ['other', 1]] as const);
}

/** Days between the due date and the payment, by how the client pays. */
function delay(rng: Rng, b: Behaviour): number {
  switch (b) {
    case 'good':
      return rng.int(-10, 5);
    case 'average':
      return rng.int(-3, 30);
    case 'late':
      return rng.int(10, 90);
    case 'bad':
      return rng.int(30, 200);
  }
}

/** Splits `total` into `n` parts that add up exactly. */
function split(total: number, n: number): number[] {
  const base = Math.floor(total / n);
  const parts = Array.from({ length: n }, () => base);
  parts[n - 1] += total - base * n;
  return parts;
}

function makePayments(
  rng: Rng,
  opts: DemoOptions,
  plans: Plan[],
  credits: Map<string, number>,
  today: IsoDate,
  pickMember: () => string
): {
  payments: Payment[];
  paidOn: Map<string, IsoDate>;
  stats: Pick<DemoStats, 'unpaidInvoices' | 'partiallyPaidInvoices' | 'multiInvoicePayments' | 'overpayments'>;
} {
  const open = plans
    .filter((p) => p.doc.kind === 'invoice' && p.doc.status === 'issued')
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const balance = (d: DocumentRecord) => d.frozen!.totals.ttcCents - (credits.get(d.id) ?? 0);
  const decided = new Set<string>();
  const byClient = new Map<string, Plan[]>();
  for (const p of open) byClient.set(p.info.client.id, [...(byClient.get(p.info.client.id) ?? []), p]);

  // First, what each invoice's payer does; then the number of payments is brought to the target.
  const schedule: PaymentPlan[] = [];
  let partial = 0;
  for (const p of open) {
    const d = p.doc;
    if (decided.has(d.id)) continue;
    decided.add(d.id);
    const due = balance(d);
    if (due <= 0) continue;
    const b = p.info.behaviour;
    const first = addDays(d.dueDate!, delay(rng, b));
    if (first > today) continue; // not paid yet
    if ((b === 'bad' && rng.chance(0.35)) || rng.chance(0.04)) continue; // never paid
    const r = rng.next();
    if (r < 0.07) {
      partial++;
      schedule.push({ invoices: [d], info: p.info, parts: [{ date: first, amounts: [Math.round(due * (0.2 + 0.6 * rng.next()))], extra: 0 }] });
    } else if (r < 0.32 && due >= 20_000) {
      const n = rng.int(2, 4);
      schedule.push({
        invoices: [d],
        info: p.info,
        parts: split(due, n).map((amount, k) => ({ date: addDays(first, 30 * k), amounts: [amount], extra: 0 }))
      });
    } else if (r < 0.42) {
      // One transfer for several open invoices of the client, issued within the next weeks.
      const group = [d];
      const size = rng.int(2, 4);
      for (const other of byClient.get(p.info.client.id)!) {
        if (group.length >= size) break;
        if (decided.has(other.doc.id) || other.date < p.date || daysBetween(p.date, other.date) > 60) continue;
        if (balance(other.doc) <= 0 || other.date > first) continue;
        decided.add(other.doc.id);
        group.push(other.doc);
      }
      schedule.push({ invoices: group, info: p.info, parts: [{ date: first, amounts: group.map(balance), extra: 0 }] });
    } else {
      const extra = rng.chance(0.02) ? rng.int(1, 50) * 100 : 0;
      schedule.push({ invoices: [d], info: p.info, parts: [{ date: first, amounts: [due], extra }] });
    }
  }

  // Drop the parts not yet due to be paid, then adjust: merge installments when there are too
  // many payments, split single payments in two when there are too few.
  for (const s of schedule) s.parts = s.parts.filter((part) => part.date <= today);
  for (let i = schedule.length - 1; i >= 0; i--) if (!schedule[i].parts.length) schedule.splice(i, 1);
  let count = schedule.reduce((n, s) => n + s.parts.length, 0);
  const target = opts.payments;
  const order = rng.shuffle(schedule.map((_, i) => i));
  for (const i of order) {
    if (count <= target) break;
    const s = schedule[i];
    if (s.parts.length < 2) continue;
    const merged = { date: s.parts[0].date, amounts: s.parts[0].amounts.map((_, k) => s.parts.reduce((sum, part) => sum + part.amounts[k], 0)), extra: 0 };
    const drop = Math.min(s.parts.length - 1, count - target);
    if (drop === s.parts.length - 1) {
      count -= s.parts.length - 1;
      s.parts = [merged];
    }
  }
  // Still too many (a tiny workspace): the most recent schedules are not paid yet.
  while (count > target && schedule.length) count -= schedule.pop()!.parts.length;
  for (let pass = 0; pass < 4 && count < target; pass++) {
    for (const i of order) {
      if (count >= target) break;
      const s = schedule[i];
      if (!s || !s.parts.length) continue;
      const last = s.parts[s.parts.length - 1];
      if (s.invoices.length !== 1 || last.amounts[0] < 2_000) continue;
      const later = addDays(last.date, rng.int(10, 35));
      if (later > today) continue;
      const [a, b] = split(last.amounts[0], 2);
      last.amounts = [a];
      s.parts.push({ date: later, amounts: [b], extra: last.extra });
      last.extra = 0;
      count++;
    }
  }

  const payments: Payment[] = [];
  const paidOn = new Map<string, IsoDate>();
  let multi = 0;
  let over = 0;
  for (const s of schedule) {
    for (const part of s.parts) {
      const allocations: Allocation[] = s.invoices.map((d, k) => ({ invoiceId: d.id, amountCents: part.amounts[k] })).filter((a) => a.amountCents > 0);
      if (!allocations.length) continue;
      const amountCents = allocations.reduce((sum, a) => sum + a.amountCents, 0) + part.extra;
      if (allocations.length > 1) multi++;
      if (part.extra > 0) over++;
      const method = paymentMethod(rng, s.info);
      const ref = rng.digits(7);
      payments.push({
        id: rng.id(),
        clientId: s.info.client.id,
        amountCents,
        date: part.date,
        method,
        reference: PAYMENT_REFERENCES[method](method === 'transfer' ? s.invoices.map((d) => d.number).join(' ') : ref),
        allocations,
        memberId: pickMember(),
        createdAt: at(rng, minDate(today, addDays(part.date, rng.int(0, 3))))
      });
    }
    const settled = s.parts.reduce((sum, part) => sum + part.amounts.reduce((a, b) => a + b, 0), 0);
    const owed = s.invoices.reduce((sum, d) => sum + Math.max(0, d.frozen!.totals.ttcCents - (credits.get(d.id) ?? 0)), 0);
    if (settled >= owed) for (const d of s.invoices) paidOn.set(d.id, s.parts[s.parts.length - 1].date);
  }
  payments.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const issuedInvoices = open.length;
  const touched = new Set(schedule.flatMap((s) => s.invoices.map((d) => d.id)));
  return {
    payments,
    paidOn,
    stats: {
      unpaidInvoices: issuedInvoices - touched.size,
      partiallyPaidInvoices: partial,
      multiInvoicePayments: multi,
      overpayments: over
    }
  };
}

// The standard policy's steps (domain/dunning.ts): the demo's contacts name them, so the
// « À relancer » list of a demo workspace knows what was already done.
const CONTACT_STEPS: { offset: number; channel: 'email' | 'phone' | 'letter'; text: string; step: string; stepId: string; chaseChannel: ChaseChannel }[] = [
  { offset: -3, channel: 'email', text: 'Rappel courtois avant échéance envoyé par e-mail', step: 'J-3', stepId: 'courtesy', chaseChannel: 'email' },
  { offset: 1, channel: 'email', text: 'Première relance envoyée par e-mail', step: 'J+1', stepId: 'reminder1', chaseChannel: 'email' },
  { offset: 8, channel: 'email', text: 'Deuxième relance envoyée, relevé de compte joint', step: 'J+8', stepId: 'reminder2', chaseChannel: 'email' },
  { offset: 15, channel: 'phone', text: 'Appel de relance', step: 'J+15', stepId: 'call', chaseChannel: 'phone' },
  { offset: 30, channel: 'letter', text: 'Mise en demeure envoyée en recommandé avec AR (pénalités et indemnité de 40 €)', step: 'J+30', stepId: 'formal_notice', chaseChannel: 'registered_letter' },
  { offset: 45, channel: 'phone', text: 'Point sur le dossier : injonction de payer envisagée', step: 'J+45', stepId: 'decision', chaseChannel: 'phone' }
];

const CONTACT_OUTCOME: Record<(typeof OUTCOMES)[number] | 'sent', ContactOutcome> = {
  sent: 'sent',
  no_answer: 'voicemail',
  reached: 'reached',
  promised: 'promised',
  voicemail: 'voicemail'
};

const OUTCOMES = ['no_answer', 'reached', 'promised', 'voicemail'] as const;

const NOTES = [
  'Client absent, rappeler la semaine prochaine.',
  'Devis à revoir : le client souhaite un carrelage grand format.',
  'Accès au chantier par la cour arrière.',
  'Le client demande une facture au nom de sa SCI.',
  'Litige sur la finition des joints, passage prévu.',
  'Règlement annoncé par chèque cette semaine.'
];

function makeEvents(
  rng: Rng,
  opts: DemoOptions,
  infos: ClientInfo[],
  plans: Plan[],
  payments: Payment[],
  paidOn: Map<string, IsoDate>,
  byClientId: Map<string, ClientInfo>,
  today: IsoDate,
  pickMember: () => string
): ActivityEvent[] {
  // Important events (contacts, notes, decisions) first; routine ones fill the rest.
  const important: ActivityEvent[] = [];
  const routine: ActivityEvent[] = [];
  const event = (
    list: ActivityEvent[],
    kind: ActivityKind,
    date: IsoDate,
    fields: Partial<Pick<ActivityEvent, 'clientId' | 'documentId' | 'text' | 'data' | 'contact'>>
  ) => {
    list.push({
      id: '',
      at: at(rng, date),
      memberId: pickMember(),
      kind,
      clientId: fields.clientId ?? null,
      documentId: fields.documentId ?? null,
      text: fields.text ?? '',
      data: fields.data ?? {},
      ...(fields.contact ? { contact: fields.contact } : {})
    });
  };

  for (const { client, since } of infos) {
    event(routine, 'client_created', since, { clientId: client.id, text: client.name });
    if (rng.chance(0.1)) event(routine, 'client_updated', dateBetween(rng, since, today), { clientId: client.id, text: client.name });
    if (rng.chance(0.05))
      for (let n = rng.int(1, 3); n > 0; n--) event(important, 'note', dateBetween(rng, since, today), { clientId: client.id, text: rng.pick(NOTES) });
  }
  for (const { doc: d, date } of plans) {
    const clientId = d.clientId;
    event(routine, 'document_created', d.createdAt.slice(0, 10), { clientId, documentId: d.id, ...(d.sourceQuoteId ? { data: { fromQuote: d.sourceQuoteId } } : {}) });
    if (d.status !== 'issued') continue;
    event(routine, 'document_issued', date, { clientId, documentId: d.id, text: d.number });
    if (d.sentAt) event(routine, 'document_sent', d.sentAt, { clientId, documentId: d.id, text: d.number, data: { channel: d.sentChannel, date: d.sentAt } });
    if (d.kind === 'quote' && d.quoteOutcome !== 'pending')
      event(important, d.quoteOutcome === 'accepted' ? 'quote_accepted' : 'quote_refused', minDate(today, addDays(date, rng.int(2, 30))), { clientId, documentId: d.id, text: d.number });
    if (d.disputed) event(important, 'document_disputed', dateBetween(rng, d.dueDate ?? date, today), { clientId, documentId: d.id, text: d.number, data: { disputed: true } });
    if (d.kind !== 'invoice' || !d.dueDate) continue;
    const until = paidOn.get(d.id) ?? today;
    const info = byClientId.get(clientId)!;
    for (const step of CONTACT_STEPS) {
      const day = addDays(d.dueDate, step.offset);
      if (day >= until || day > today) break;
      if (day < date) continue;
      if (step.offset < 0 && !rng.chance(0.3)) continue;
      if (step.offset > 15 && info.behaviour === 'good') break;
      const outcome = step.channel === 'phone' ? rng.pick(OUTCOMES) : 'sent';
      const promisedOn = outcome === 'promised' ? addDays(day, rng.int(3, 15)) : null;
      event(important, 'contact', day, {
        clientId,
        documentId: d.id,
        text: `${step.text} — ${d.number}`,
        data: { channel: step.channel, step: step.step, outcome, ...(promisedOn ? { promisedOn } : {}) },
        contact: {
          targets: [{ key: d.id, stepId: step.stepId }],
          stepId: step.stepId,
          channel: step.chaseChannel,
          outcome: CONTACT_OUTCOME[outcome],
          promisedDate: promisedOn,
          snoozeUntil: null,
          note: ''
        }
      });
    }
  }
  for (const p of payments)
    event(routine, 'payment_recorded', p.createdAt.slice(0, 10), {
      clientId: p.clientId,
      documentId: p.allocations[0]?.invoiceId ?? null,
      data: { amountCents: p.amountCents, method: p.method, date: p.date }
    });

  // Exactly the requested count, in a mix like a real log: follow-up contacts and decisions are
  // at most 40 % of it (all of them when they fit), routine events the rest, both sampled evenly.
  const wantImportant = Math.min(important.length, Math.max(Math.round(opts.events * 0.4), opts.events - routine.length));
  const chosen = rng
    .shuffle(important)
    .slice(0, wantImportant)
    .concat(rng.shuffle(routine).slice(0, opts.events - wantImportant));
  while (chosen.length < opts.events) {
    const info = rng.pick(infos);
    event(chosen, 'note', dateBetween(rng, info.since, today), { clientId: info.client.id, text: rng.pick(NOTES) });
  }
  chosen.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const e of chosen) e.id = rng.id();
  return chosen;
}
