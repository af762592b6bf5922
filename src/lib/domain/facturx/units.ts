// The unit a line is counted in, as a UN/ECE Recommendation 20 code (what the CII wants):
// the free units people type (« h », « jour », « forfait ») mapped once, C62 (« one ») otherwise.

const CODES: Record<string, string> = {
  h: 'HUR',
  heure: 'HUR',
  heures: 'HUR',
  hour: 'HUR',
  hours: 'HUR',
  min: 'MIN',
  minute: 'MIN',
  minutes: 'MIN',
  j: 'DAY',
  jour: 'DAY',
  jours: 'DAY',
  day: 'DAY',
  days: 'DAY',
  semaine: 'WEE',
  semaines: 'WEE',
  week: 'WEE',
  mois: 'MON',
  month: 'MON',
  an: 'ANN',
  année: 'ANN',
  annee: 'ANN',
  year: 'ANN',
  forfait: 'LS',
  'lump sum': 'LS',
  u: 'C62',
  unité: 'C62',
  unite: 'C62',
  unit: 'C62',
  pièce: 'H87',
  piece: 'H87',
  pce: 'H87',
  m: 'MTR',
  ml: 'MTR',
  'm²': 'MTK',
  m2: 'MTK',
  'm³': 'MTQ',
  m3: 'MTQ',
  km: 'KMT',
  kg: 'KGM',
  g: 'GRM',
  t: 'TNE',
  l: 'LTR',
  litre: 'LTR',
  kwh: 'KWH',
  lot: 'LO'
};

/** unitCode('h') = 'HUR', unitCode('Jours') = 'DAY', unitCode('carton') = 'C62'. */
export function unitCode(unit: string): string {
  return CODES[unit.trim().toLowerCase().replace(/\.$/, '')] ?? 'C62';
}
