// A new company profile, pre-filled with the legal defaults of LEGAL.md.
import type { Address, Client, Company, IsoDate, IsoDateTime, Member } from './types';
import { DEFAULT_NUMBER_FORMATS } from './numbering';
import { DEFAULT_TERMS, defaultPenaltyRateBp } from './terms';
import { emptyAddress } from './documents';

export function newCompany(today: IsoDate): Company {
  return {
    name: '',
    legalForm: 'EI',
    soleTrader: true,
    shareCapitalCents: null,
    address: emptyAddress(),
    siret: '',
    rcsCity: '',
    rmCity: '',
    vatNumber: '',
    vatRegime: 'normal',
    iban: '',
    bic: '',
    email: '',
    phone: '',
    logoDataUrl: '',
    defaultTerms: DEFAULT_TERMS,
    penaltyRateKind: 'legal',
    penaltyRateBp: defaultPenaltyRateBp(today),
    earlyPaymentDiscount: '',
    operationNature: 'services',
    vatOnDebits: false,
    numberFormats: { ...DEFAULT_NUMBER_FORMATS },
    currency: 'EUR'
  };
}

/** A logo is kept inline, at most 200 kB of image: its data URL stays under this length. */
export const LOGO_MAX_DATA_URL_CHARS = 300_000;
const LOGO_DATA_URL = /^data:image\/(png|jpeg|webp|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/;

/**
 * The company logo as it may be shown or printed: a base64 `data:image/(png|jpeg|webp|svg+xml)`
 * URL of sane size, or '' for anything else. A synced `https://…` value is never fetched (that
 * would tell its server who opens the app, and when).
 */
export function safeLogoDataUrl(value: unknown): string {
  return typeof value === 'string' && value.length <= LOGO_MAX_DATA_URL_CHARS && LOGO_DATA_URL.test(value) ? value : '';
}

export function newClient(id: string, now: IsoDateTime): Client {
  return {
    id,
    kind: 'company',
    name: '',
    contacts: [],
    billingAddress: emptyAddress(),
    deliveryAddress: null,
    siren: '',
    vatNumber: '',
    categories: [],
    terms: null,
    notes: '',
    language: 'fr',
    createdAt: now,
    updatedAt: now
  };
}

/**
 * This device as a member of a workspace. `confirmed`: its series letter is its own for good
 * (the first device, a restored copy); otherwise only claimed until the relay confirms it.
 */
export function newMember(input: { id: string; name: string; seriesLetter: string; at: IsoDateTime; confirmed: boolean; publicKey?: string }): Member {
  return {
    id: input.id,
    name: input.name,
    seriesLetter: input.seriesLetter,
    seriesConfirmedAt: input.confirmed ? input.at : null,
    ...(input.publicKey ? { publicKey: input.publicKey } : {}),
    createdAt: input.at,
    lastSeenAt: input.at,
    removed: false
  };
}

export function sameAddress(a: Address | null, b: Address | null): boolean {
  if (!a || !b) return a === b;
  return a.line1 === b.line1 && a.line2 === b.line2 && a.postalCode === b.postalCode && a.city === b.city && a.country === b.country;
}

/** Categories offered by default; users add their own. */
export const DEFAULT_CATEGORIES = ['bon payeur', 'nouveau client', 'mauvais payeur', 'public'];
