import { describe, expect, it } from 'vitest';
import { mailtoHref } from './chaseMessage';

describe('mailtoHref', () => {
  it('builds a link from a checked address, subject and body percent-encoded', () => {
    expect(mailtoHref(' compta@boulangerie-martin.fr ', 'Facture F-2026-A-0001 & relance', 'Bonjour,\nmerci ?')).toBe(
      'mailto:compta@boulangerie-martin.fr?subject=Facture%20F-2026-A-0001%20%26%20relance&body=Bonjour%2C%0Amerci%20%3F'
    );
    expect(mailtoHref('a+b@exemple.fr')).toBe('mailto:a+b@exemple.fr');
  });

  it('gives no link at all for an address that would smuggle a recipient or a header', () => {
    for (const bad of ['x@y.fr?bcc=spy@evil.example&', 'x@y.fr%3Fbcc=spy%40evil.example', 'x@y.fr,spy@evil.example', 'x@y.fr\r\nBcc: spy@evil.example', '', 'marie'])
      expect(mailtoHref(bad, 'Objet', 'Texte'), JSON.stringify(bad)).toBe('');
  });
});
