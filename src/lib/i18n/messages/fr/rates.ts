// The late-penalty rate: the company's choice (legal default or contractual) and the dated table
// of legal rates in Réglages (domain/terms.ts).
import type { Messages } from '../../groups';

const messages: Messages = {
  'halfYear.h1': '1er semestre {year}',
  'halfYear.h2': '2ᵉ semestre {year}',
  'penalty.title': 'Taux des pénalités de retard',
  'penalty.legal': 'Taux légal : taux de la BCE + 10 points, mis à jour chaque semestre ({rate} au {half})',
  'penalty.legalHint': 'Chaque document émis garde le taux du semestre de sa date d’émission.',
  'penalty.contractual': 'Taux contractuel (fixé par vos conditions générales)',
  'penalty.rate': 'Taux contractuel (% par an)',
  'penalty.belowFloor':
    'Inférieur au minimum légal : au moins 3 fois le taux de l’intérêt légal du {half}, soit {floor} (art. L441-10 du Code de commerce).',
  'penalty.missing':
    'Taux du {half} non renseigné : les documents émis utilisent ceux du {known}. Ajoutez-les dans Réglages, « Taux légaux ».',
  'rates.title': 'Taux légaux',
  'rates.intro':
    'Les pénalités de retard par défaut valent le taux de la BCE (celui du 1er janvier pour le 1er semestre, du 1er juillet pour le 2ᵉ) majoré de 10 points ; un taux contractuel ne peut être inférieur à 3 fois le taux de l’intérêt légal (art. L441-10 du Code de commerce). Ces taux sont publiés chaque semestre (Banque de France, Légifrance) : ajoutez ici ceux d’un nouveau semestre.',
  'rates.table': 'Taux par semestre',
  'rates.missing': 'Taux du {half} non renseigné : les documents émis utilisent ceux du {known}. Ajoutez-les ci-dessous.',
  'rates.col.half': 'Semestre',
  'rates.col.ecb': 'Taux BCE',
  'rates.col.default': 'Pénalités par défaut',
  'rates.col.legal': 'Intérêt légal',
  'rates.col.floor': 'Minimum (3 ×)',
  'rates.col.source': 'Source',
  'rates.builtIn': 'Intégré à Relance',
  'rates.remove': 'Supprimer',
  'rates.removeLabel': 'Supprimer les taux saisis du {half}',
  'rates.add': 'Ajouter les taux d’un semestre',
  'rates.year': 'Année',
  'rates.half': 'Semestre',
  'rates.h1': '1er semestre (1er janvier)',
  'rates.h2': '2ᵉ semestre (1er juillet)',
  'rates.ecb': 'Taux BCE (%)',
  'rates.legal': 'Taux de l’intérêt légal (%)',
  'rates.legalHint': 'Celui des « autres cas » (créancier professionnel).',
  'rates.source': 'Source',
  'rates.sourcePlaceholder': 'Banque de France / Légifrance, publié le …',
  'rates.preview': 'Pénalités par défaut : {rate} ; minimum contractuel : {floor}.',
  'rates.replaces': 'Ce semestre a déjà une ligne : elle sera remplacée.',
  'rates.save': 'Ajouter ces taux',
  'rates.saved': 'Taux du {half} enregistrés.'
};

export default messages;
