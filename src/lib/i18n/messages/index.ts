// Messages by area; each area file holds both languages so they are edited side by side.
import type { Language } from '$lib/domain/types';
import common from './common';
import errors from './errors';
import clients from './clients';
import documents from './documents';
import payments from './payments';
import settings from './settings';
import catalog from './catalog';
import home from './home';
import pdf from './pdf';
import pwa from './pwa';
import chase from './chase';
import sync from './sync';
import rates from './rates';
import issuing from './issuing';
import dashboard from './dashboard';
import records from './records';
import review from './review';
import collection from './collection';
import deposits from './deposits';
import sending from './sending';
import recurring from './recurring';
import progress from './progress';

export type Messages = Record<string, string>;
export type AreaMessages = Record<Language, Messages>;

const areas: AreaMessages[] = [common, errors, clients, documents, payments, settings, catalog, home, pdf, pwa, chase, sync, rates, issuing, dashboard, records, review, collection, deposits, sending, recurring, progress];

export const messages: Record<Language, Messages> = {
  fr: Object.assign({}, ...areas.map((a) => a.fr)),
  en: Object.assign({}, ...areas.map((a) => a.en))
};

/** Keys present in one language and not the other (a unit test keeps this empty). */
export function missingTranslations(): { fr: string[]; en: string[] } {
  return {
    fr: Object.keys(messages.en).filter((k) => !(k in messages.fr)),
    en: Object.keys(messages.fr).filter((k) => !(k in messages.en))
  };
}
