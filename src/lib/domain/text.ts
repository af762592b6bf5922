// Text as people search it.

/** « Élodie Ménard » → « elodie menard »: search ignores case and accents. */
export function foldText(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}
