// EU member states other than France (ISO 3166 alpha-2): intra-EU rules (VAT category K or AE,
// the client's VAT number). Its own module: the issue rules need it on the first screen, the
// rest of the Factur-X code only in the lazy PDF chunk.
const OTHER_EU = new Set('AT BE BG CY CZ DE DK EE ES FI GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '));

/** Whether `country` is an EU member state other than France. */
export function isOtherEuCountry(country: string): boolean {
  return OTHER_EU.has(country.toUpperCase());
}
