import type { PaymentMethod } from '$lib/domain/types';

// Word lists for the demonstration workspace: French names, real towns with their postal codes,
// streets, and the services of a building-renovation company (whose VAT rates genuinely mix
// 20 %, 10 %, 5,5 % and 0 %: new work, renovation, energy renovation, reverse-charge
// subcontracting and disbursements).

export const CITIES: readonly (readonly [postalCode: string, city: string])[] = [
  ['75003', 'Paris'], ['75011', 'Paris'], ['75015', 'Paris'], ['75017', 'Paris'], ['75020', 'Paris'],
  ['69001', 'Lyon'], ['69003', 'Lyon'], ['69006', 'Lyon'], ['69007', 'Lyon'], ['69100', 'Villeurbanne'],
  ['13001', 'Marseille'], ['13008', 'Marseille'], ['13100', 'Aix-en-Provence'], ['31000', 'Toulouse'],
  ['06000', 'Nice'], ['44000', 'Nantes'], ['67000', 'Strasbourg'], ['34000', 'Montpellier'],
  ['33000', 'Bordeaux'], ['59000', 'Lille'], ['59100', 'Roubaix'], ['35000', 'Rennes'], ['51100', 'Reims'],
  ['76600', 'Le Havre'], ['76000', 'Rouen'], ['42000', 'Saint-Étienne'], ['83000', 'Toulon'],
  ['38000', 'Grenoble'], ['21000', 'Dijon'], ['49000', 'Angers'], ['30000', 'Nîmes'],
  ['63000', 'Clermont-Ferrand'], ['72000', 'Le Mans'], ['29200', 'Brest'], ['29000', 'Quimper'],
  ['37000', 'Tours'], ['80000', 'Amiens'], ['87000', 'Limoges'], ['74000', 'Annecy'], ['66000', 'Perpignan'],
  ['57000', 'Metz'], ['25000', 'Besançon'], ['45000', 'Orléans'], ['68100', 'Mulhouse'], ['68000', 'Colmar'],
  ['14000', 'Caen'], ['54000', 'Nancy'], ['95100', 'Argenteuil'], ['93100', 'Montreuil'], ['84000', 'Avignon'],
  ['86000', 'Poitiers'], ['64000', 'Pau'], ['64100', 'Bayonne'], ['17000', 'La Rochelle'], ['56000', 'Vannes'],
  ['56100', 'Lorient'], ['73000', 'Chambéry'], ['26000', 'Valence'], ['10000', 'Troyes'], ['79000', 'Niort'],
  ['20000', 'Ajaccio'], ['69130', 'Écully'], ['69300', 'Caluire-et-Cuire'], ['69500', 'Bron'],
  ['69800', 'Saint-Priest'], ['01000', 'Bourg-en-Bresse'], ['71000', 'Mâcon'], ['38200', 'Vienne'],
  ['42300', 'Roanne'], ['26200', 'Montélimar'], ['07000', 'Privas'], ['03100', 'Montluçon']
];

export const STREETS: readonly string[] = [
  'rue de la République', 'avenue Jean-Jaurès', 'boulevard Victor-Hugo', 'rue Pasteur', 'place de la Mairie',
  'rue du Général-de-Gaulle', 'rue des Tilleuls', 'chemin des Vignes', 'allée des Acacias', 'quai de la Loire',
  'rue Émile-Zola', 'avenue de la Gare', 'rue des Écoles', 'impasse des Lilas', 'rue Gambetta',
  'route de Lyon', 'rue du Moulin', 'rue Voltaire', 'avenue Foch', 'rue de la Paix', 'rue Nationale',
  'rue du Château', 'cours Lafayette', 'rue Saint-Michel', 'rue des Jardins', 'boulevard de la Liberté',
  'rue Jean-Moulin', 'chemin de la Croix', 'rue des Forges', 'avenue des Peupliers'
];

export const LINE2: readonly string[] = ['Bâtiment B', 'ZI des Granges', 'BP 42', '2e étage', 'Résidence Les Cèdres', 'Lot 7', 'CS 30012'];

export const SURNAMES: readonly string[] = [
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent',
  'Simon', 'Michel', 'Lefèvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard',
  'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller', 'Lefebvre', 'Faure', 'André',
  'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier', 'Garcia',
  'Perrin', 'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Gautier', 'Masson',
  'Marchand', 'Duval', 'Denis', 'Dumont', 'Marie', 'Lemaire', 'Noël', 'Meyer', 'Dufour', 'Meunier',
  'Brun', 'Blanchard', 'Giraud', 'Joly', 'Rivière', 'Lucas', 'Brunet', 'Gaillard', 'Barbier', 'Arnaud',
  'Martinez', 'Gérard', 'Roche', 'Renard', 'Schmitt', 'Roy', 'Leroux', 'Colin', 'Vidal', 'Caron',
  'Picard', 'Roger', 'Fabre', 'Aubert', 'Lemoine', 'Renaud', 'Dumas', 'Lacroix', 'Olivier', 'Philippe',
  'Bourgeois', 'Pierre', 'Benoît', 'Rey', 'Leclerc', 'Payet', 'Rolland', 'Leclercq', 'Guillaume', 'Lecomte'
];

export const FIRST_NAMES: readonly string[] = [
  'Claire', 'Julien', 'Camille', 'Nicolas', 'Sophie', 'Thomas', 'Marie', 'Antoine', 'Julie', 'Pierre',
  'Émilie', 'Mathieu', 'Céline', 'Sébastien', 'Aurélie', 'Guillaume', 'Élodie', 'François', 'Hélène', 'Laurent',
  'Isabelle', 'Olivier', 'Nathalie', 'Stéphane', 'Sandrine', 'Christophe', 'Valérie', 'Jérôme', 'Anne', 'Éric',
  'Chloé', 'Hugo', 'Léa', 'Lucas', 'Manon', 'Louis', 'Inès', 'Gabriel', 'Zoé', 'Raphaël', 'Agnès', 'Benoît'
];

export const TRADES: readonly string[] = [
  'Boulangerie', 'Pharmacie', 'Garage', 'Cabinet', 'Restaurant', 'Hôtel', 'Agence immobilière', 'Menuiserie',
  'Imprimerie', 'Librairie', 'Fromagerie', 'Brasserie', 'Clinique vétérinaire', 'Salon de coiffure', 'Crèche',
  'Cave', 'Fleuriste', 'Opticien', 'Auto-école', 'Pâtisserie', 'Cabinet dentaire', 'Étude notariale'
];

export const BRAND_WORDS: readonly string[] = [
  'Horizon', 'Les Jardins de Provence', 'Le Petit Zinc', 'Les Tilleuls', 'du Parc', 'Belle Époque',
  'Atlantique', 'Les Marronniers', 'Alpes Gestion', 'Rhône Patrimoine', 'Le Clos Fleuri', 'Bellevue',
  'La Fabrique', 'Les Terrasses', 'Massif Central Invest', 'Val de Loire', 'Côte d’Opale', 'Les Platanes'
];

export const COMPANY_FORMS: readonly string[] = ['SARL', 'SAS', 'SCI', 'EURL', 'SASU', 'SA'];

export const ROLES: readonly string[] = ['Gérant', 'Gérante', 'Comptabilité', 'Assistante de direction', 'Responsable travaux', 'Syndic', 'Directeur administratif'];

export const CLIENT_NOTES: readonly string[] = [
  'Préfère être contacté le matin.',
  'Bon de commande obligatoire sur chaque facture.',
  'Relancer par téléphone plutôt que par e-mail.',
  'Paiement par virement uniquement, en fin de mois.',
  'Facturer au nom de la SCI, pas du gérant.',
  'Accès chantier : code portail 4512.',
  'Client recommandé par M. Girard.',
  'Envoyer les factures en copie au cabinet comptable.'
];

export const TITLES: readonly string[] = [
  'Rénovation salle de bains', 'Isolation des combles', 'Réfection de la cuisine', 'Mise aux normes électriques',
  'Remplacement des fenêtres', 'Ravalement de façade', 'Aménagement des combles', 'Extension de la maison',
  'Peinture des parties communes', 'Installation d’une pompe à chaleur', 'Réfection de la toiture',
  'Entretien annuel', 'Dépannage plomberie', 'Pose de parquet', 'Travaux de maçonnerie'
];

export interface Service {
  description: string;
  unit: string;
  /** Unit price range HT, cents. */
  min: number;
  max: number;
  vatRateBp: number;
  /** How the quantity is drawn: whole units, quarter hours, or a measure with up to 3 decimals. */
  qty: 'one' | 'units' | 'hours' | 'measure' | 'weight' | 'distance';
}

export const SERVICES: readonly Service[] = [
  { description: 'Main-d’œuvre qualifiée', unit: 'h', min: 4500, max: 6800, vatRateBp: 1000, qty: 'hours' },
  { description: 'Main-d’œuvre — construction neuve', unit: 'h', min: 4500, max: 6500, vatRateBp: 2000, qty: 'hours' },
  { description: 'Pose de carrelage au sol', unit: 'm²', min: 3500, max: 6500, vatRateBp: 1000, qty: 'measure' },
  { description: 'Peinture murs et plafonds, deux couches', unit: 'm²', min: 1800, max: 3500, vatRateBp: 1000, qty: 'measure' },
  { description: 'Isolation des combles perdus (laine soufflée)', unit: 'm²', min: 2200, max: 4500, vatRateBp: 550, qty: 'measure' },
  { description: 'Fenêtre double vitrage PVC, fourniture et pose', unit: 'u', min: 45000, max: 110000, vatRateBp: 550, qty: 'units' },
  { description: 'Pompe à chaleur air/eau, fourniture et pose', unit: 'u', min: 850000, max: 1450000, vatRateBp: 550, qty: 'one' },
  { description: 'Chaudière à condensation, remplacement', unit: 'u', min: 320000, max: 540000, vatRateBp: 550, qty: 'one' },
  { description: 'Extension ossature bois — lot gros œuvre', unit: 'forfait', min: 900000, max: 2800000, vatRateBp: 2000, qty: 'one' },
  { description: 'Plaques de plâtre BA13, fourniture', unit: 'm²', min: 600, max: 1100, vatRateBp: 1000, qty: 'measure' },
  { description: 'Évacuation des gravats en déchetterie', unit: 't', min: 9000, max: 16000, vatRateBp: 1000, qty: 'weight' },
  { description: 'Frais de déplacement', unit: 'km', min: 45, max: 80, vatRateBp: 2000, qty: 'distance' },
  { description: 'Location de nacelle élévatrice', unit: 'jour', min: 18000, max: 32000, vatRateBp: 2000, qty: 'units' },
  { description: 'Étude thermique réglementaire', unit: 'forfait', min: 60000, max: 150000, vatRateBp: 2000, qty: 'one' },
  { description: 'Sous-traitance gros œuvre — autoliquidation (art. 283-2 nonies du CGI)', unit: 'forfait', min: 150000, max: 900000, vatRateBp: 0, qty: 'one' },
  { description: 'Débours : taxe d’occupation du domaine public', unit: 'u', min: 3500, max: 25000, vatRateBp: 0, qty: 'one' },
  { description: 'Diagnostic amiante avant travaux', unit: 'forfait', min: 25000, max: 60000, vatRateBp: 2000, qty: 'one' },
  { description: 'Ravalement de façade, nettoyage et enduit', unit: 'm²', min: 4000, max: 9000, vatRateBp: 1000, qty: 'measure' },
  { description: 'Chauffe-eau thermodynamique, remplacement', unit: 'u', min: 180000, max: 320000, vatRateBp: 550, qty: 'one' },
  { description: 'Mise aux normes du tableau électrique', unit: 'forfait', min: 90000, max: 240000, vatRateBp: 1000, qty: 'one' },
  { description: 'Parquet flottant chêne, fourniture et pose', unit: 'm²', min: 4500, max: 8500, vatRateBp: 1000, qty: 'measure' },
  { description: 'Pose de meubles de cuisine', unit: 'forfait', min: 60000, max: 220000, vatRateBp: 1000, qty: 'one' },
  { description: 'Menuiserie sur mesure (placard, plinthes)', unit: 'ml', min: 8000, max: 22000, vatRateBp: 1000, qty: 'measure' },
  { description: 'Nettoyage de fin de chantier', unit: 'h', min: 3500, max: 4500, vatRateBp: 2000, qty: 'hours' },
  { description: 'Béton prêt à l’emploi C25/30', unit: 'm³', min: 11000, max: 16000, vatRateBp: 2000, qty: 'weight' },
  { description: 'Dépannage urgent, forfait intervention', unit: 'forfait', min: 9000, max: 18000, vatRateBp: 1000, qty: 'one' },
  { description: 'Robinetterie thermostatique, fourniture', unit: 'u', min: 9000, max: 26000, vatRateBp: 1000, qty: 'units' },
  { description: 'Audit énergétique', unit: 'forfait', min: 70000, max: 120000, vatRateBp: 2000, qty: 'one' },
  { description: 'Câble électrique R2V 3G2,5', unit: 'm', min: 150, max: 380, vatRateBp: 1000, qty: 'measure' },
  { description: 'Isolation des murs par l’extérieur', unit: 'm²', min: 12000, max: 19000, vatRateBp: 550, qty: 'measure' }
];

export const PAYMENT_REFERENCES: Record<PaymentMethod, (n: string) => string> = {
  transfer: (n: string) => `VIR ${n}`,
  cheque: (n: string) => `Chèque n° ${n}`,
  card: (n: string) => `CB •••• ${n.slice(-4)}`,
  direct_debit: (n: string) => `Prélèvement SEPA ${n}`,
  cash: () => 'Espèces',
  link: (n: string) => `Lien de paiement ${n}`,
  other: () => 'Compensation'
};
