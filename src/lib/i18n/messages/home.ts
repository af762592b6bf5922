import type { AreaMessages } from './index';

const messages: AreaMessages = {
  fr: {
    'home.newClient': 'Nouveau client',
    'home.newPayment': 'Enregistrer un paiement',
    'home.outstanding': 'Encours clients',
    'home.overdue': 'En retard',
    'home.dueSoonShort': 'Sous 7 jours',
    'home.figures.open': '— ouvrir le tableau de bord',
    'home.noClient': 'sans client',
    'home.editedOn': 'modifié le {date}',
    'home.start.title': 'Pour commencer',
    'home.start.company': 'Vérifiez l’identité de votre entreprise (SIRET, TVA, IBAN)',
    'home.start.client': 'Créez votre premier client',
    'home.start.catalog': 'Ajoutez vos prestations au catalogue',
    'home.start.invoice': 'Établissez votre première facture',
    'duplicates.title': 'Numéros en double détectés',
    'duplicates.body': 'Plusieurs pièces émises portent le même numéro : {numbers}. Cela arrive quand un appareil est restauré depuis une ancienne sauvegarde. N’envoyez pas ces pièces avant d’avoir corrigé la série (Réglages → Intégrité).'
  },
  en: {
    'home.newClient': 'New client',
    'home.newPayment': 'Record a payment',
    'home.outstanding': 'Receivables',
    'home.overdue': 'Overdue',
    'home.dueSoonShort': 'Within 7 days',
    'home.figures.open': '— open the dashboard',
    'home.noClient': 'no client',
    'home.editedOn': 'edited on {date}',
    'home.start.title': 'Getting started',
    'home.start.company': 'Check your company identity (SIRET, VAT, IBAN)',
    'home.start.client': 'Create your first client',
    'home.start.catalog': 'Add your services to the catalogue',
    'home.start.invoice': 'Write your first invoice',
    'duplicates.title': 'Duplicate numbers detected',
    'duplicates.body': 'Several issued documents share a number: {numbers}. This happens when a device is restored from an old backup. Do not send them before the series is fixed (Settings → Integrity).'
  }
};

export default messages;
