// Words of the « Données de démonstration » page, in both languages (same key set).
// Kept beside the generator so that nothing of the demo lands in the main bundle; they can be
// moved into src/lib/i18n/messages/ as an area file if the page becomes part of the product.
import type { AreaMessages } from '$lib/i18n/messages';

const messages: AreaMessages = {
  fr: {
    'demo.title': 'Données de démonstration',
    'demo.intro':
      'Crée un nouvel espace de travail rempli de données fictives mais réalistes (clients, devis, factures numérotées et scellées, avoirs, paiements, historique), pour essayer l’application ou mesurer ses performances. Votre espace actuel n’est pas modifié.',
    'demo.clients': 'Clients',
    'demo.invoices': 'Factures',
    'demo.payments': 'Paiements',
    'demo.events': 'Événements d’historique',
    'demo.seed': 'Graine (même graine, mêmes données)',
    'demo.generate': 'Créer l’espace de démonstration',
    'demo.step.clients': 'Clients…',
    'demo.step.documents': 'Émission et scellement des documents…',
    'demo.step.events': 'Historique…',
    'demo.step.write': 'Enregistrement dans l’espace de travail…',
    'demo.step.archive': 'Archivage des années closes…',
    'demo.step.persist': 'Écriture sur l’appareil…',
    'demo.progress': '{step} {done} / {total}',
    'demo.done': 'Espace de démonstration créé en {seconds} s : {documents} documents, {payments} paiements.',
    'demo.open': 'Ouvrir l’espace de démonstration',
    'demo.failed': 'La création a échoué : {message}',
    'demo.invalid': 'Entrez des nombres entiers positifs (au plus 100 000 factures).'
  },
  en: {
    'demo.title': 'Demonstration data',
    'demo.intro':
      'Creates a new workspace filled with fictitious but realistic data (clients, quotes, numbered and sealed invoices, credit notes, payments, history), to try the app or measure its performance. Your current workspace is not changed.',
    'demo.clients': 'Clients',
    'demo.invoices': 'Invoices',
    'demo.payments': 'Payments',
    'demo.events': 'History events',
    'demo.seed': 'Seed (same seed, same data)',
    'demo.generate': 'Create the demonstration workspace',
    'demo.step.clients': 'Clients…',
    'demo.step.documents': 'Issuing and sealing documents…',
    'demo.step.events': 'History…',
    'demo.step.write': 'Saving into the workspace…',
    'demo.step.archive': 'Archiving the closed years…',
    'demo.step.persist': 'Writing to the device…',
    'demo.progress': '{step} {done} / {total}',
    'demo.done': 'Demonstration workspace created in {seconds} s: {documents} documents, {payments} payments.',
    'demo.open': 'Open the demonstration workspace',
    'demo.failed': 'Creation failed: {message}',
    'demo.invalid': 'Enter positive whole numbers (at most 100,000 invoices).'
  }
};

export default messages;
