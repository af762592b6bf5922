// A draft issued on several devices offline, and the integrity check of the numbering.
import type { AreaMessages } from './index';

const messages: AreaMessages = {
  fr: {
    'issuedTwice.times.2': 'deux fois',
    'issuedTwice.times': '{count} fois',
    'issuedTwice.title': 'Ce brouillon a été émis {times} : {numbers}',
    'issuedTwice.why': 'Il a été émis sur plusieurs appareils hors ligne. Chaque numéro existe désormais pour de bon : aucun ne doit disparaître, ni être réutilisé.',
    'issuedTwice.fix.credit': 'La correction légale : un avoir qui annule l’une des factures. Proposé : {number} ({reason}).',
    'issuedTwice.fix.refuse': 'Gardez un seul devis : marquez l’autre comme refusé. Proposé : {number} ({reason}).',
    'issuedTwice.fix.none': 'Plusieurs avoirs déduisent la même somme : n’envoyez rien et parlez-en à votre expert-comptable.',
    'issuedTwice.reason.untouched': 'ni envoyé ni payé',
    'issuedTwice.reason.unpaid': 'aucun paiement',
    'issuedTwice.reason.not_accepted': 'non accepté',
    'issuedTwice.reason.latest': 'le plus récent',
    'issuedTwice.action.credit': 'Créer l’avoir de {number}',
    'issuedTwice.action.refuse': 'Marquer {number} comme refusé',
    'issuedTwice.settled': 'Ce brouillon a été émis {times} ({numbers}) ; c’est corrigé : seul {kept} reste valable.',
    'issuedTwice.settledNone': 'Ce brouillon a été émis {times} ({numbers}) ; tous ont été annulés.',
    'issuedTwice.thisOne': '(ce document)',
    'issuedTwice.fromDraft': 'Documents émis depuis ce brouillon',
    'issuedTwice.opening': 'Ce brouillon a été émis : ouverture du document…',
    'integrity.issued_twice': 'brouillon émis {count} fois : {numbers}',
    'integrity.back_in_time': 'daté du {date}, avant {after} du {afterDate} : la série remonte le temps'
  },
  en: {
    'issuedTwice.times.2': 'twice',
    'issuedTwice.times': '{count} times',
    'issuedTwice.title': 'This draft was issued {times}: {numbers}',
    'issuedTwice.why': 'It was issued on several devices while offline. Each number now exists for good: none may disappear or be used again.',
    'issuedTwice.fix.credit': 'The legal fix: a credit note cancelling one of the invoices. Proposed: {number} ({reason}).',
    'issuedTwice.fix.refuse': 'Keep a single quote: mark the other one refused. Proposed: {number} ({reason}).',
    'issuedTwice.fix.none': 'Several credit notes take off the same amount: send none of them and talk to your accountant.',
    'issuedTwice.reason.untouched': 'neither sent nor paid',
    'issuedTwice.reason.unpaid': 'no payment',
    'issuedTwice.reason.not_accepted': 'not accepted',
    'issuedTwice.reason.latest': 'the most recent',
    'issuedTwice.action.credit': 'Create the credit note for {number}',
    'issuedTwice.action.refuse': 'Mark {number} refused',
    'issuedTwice.settled': 'This draft was issued {times} ({numbers}); it has been put right: only {kept} stands.',
    'issuedTwice.settledNone': 'This draft was issued {times} ({numbers}); all of them were cancelled.',
    'issuedTwice.thisOne': '(this document)',
    'issuedTwice.fromDraft': 'Documents issued from this draft',
    'issuedTwice.opening': 'This draft was issued: opening the document…',
    'integrity.issued_twice': 'draft issued {count} times: {numbers}',
    'integrity.back_in_time': 'dated {date}, before {after} of {afterDate}: the series goes back in time'
  }
};

export default messages;
