import { describe, expect, it } from 'vitest';
import { infoText, pdfFileName, printableText, slugify, wrapText } from './text';

const chars = (s: string) => s.length;

describe('wrapText', () => {
  it('keeps a line that fits', () => {
    expect(wrapText('Pose de carrelage', 20, chars)).toEqual(['Pose de carrelage']);
  });

  it('breaks at spaces, greedily', () => {
    expect(wrapText('Pose de carrelage en grès cérame', 12, chars)).toEqual(['Pose de', 'carrelage en', 'grès cérame']);
  });

  it('cuts a word longer than the line between characters', () => {
    expect(wrapText('Pose de carrelage', 8, chars)).toEqual(['Pose de', 'carrelag', 'e']);
    expect(wrapText('ab😀cd', 3, (s) => Array.from(s).length)).toEqual(['ab😀', 'cd']);
  });

  it('keeps paragraphs and empty lines', () => {
    expect(wrapText('Ligne 1\n\nLigne 3', 20, chars)).toEqual(['Ligne 1', '', 'Ligne 3']);
    expect(wrapText('a\r\nb', 20, chars)).toEqual(['a', 'b']);
    expect(wrapText('', 20, chars)).toEqual(['']);
  });

  it('never leaves « or a French : ; ! ? alone at a line edge', () => {
    expect(wrapText('tableau « Pro » neuf', 9, chars)).toEqual(['tableau', '« Pro »', 'neuf']);
    expect(wrapText('Main-d’œuvre : tirage', 15, chars)).toEqual(['Main-d’œuvre :', 'tirage']);
    expect(wrapText('Un grand merci !', 14, chars)).toEqual(['Un grand', 'merci !']);
  });

  it('never breaks at a no-break space', () => {
    expect(wrapText('Total 1\u202f234,56\u00a0€', 10, chars)).toEqual(['Total', '1\u202f234,56\u00a0€']);
  });
});

describe('printableText', () => {
  const latin = (cp: number) => cp < 0x250 || cp === 0x202f || cp === 0xfffd;

  it('composes decomposed accents and keeps what the font has', () => {
    expect(printableText('Cafe\u0301 « 1\u202f234 »', latin)).toBe('Café « 1\u202f234 »');
  });

  it('replaces what the font lacks instead of dropping the rest of the text', () => {
    expect(printableText('Thé 茶 🍵 fin', latin)).toBe('Thé \ufffd \ufffd fin');
    expect(printableText('茶', (cp) => cp < 0x80)).toBe('?');
  });

  it('drops invisible controls and turns tabs into spaces', () => {
    expect(printableText('a\tb\u0000c\u200bd\ne', latin)).toBe('a bcd\ne');
  });

  it('prints markup literally', () => {
    expect(printableText('<b>Ouest</b> &amp;', latin)).toBe('<b>Ouest</b> &amp;');
  });
});

describe('file names', () => {
  it('slugifies to ASCII', () => {
    expect(slugify('Société Générale d’Électricité <b>Ouest</b>')).toBe('Societe-Generale-d-Electricite-b-Ouest-b');
    expect(slugify('Œuvre & Fils — Łódź')).toBe('OEuvre-Fils-Lodz');
    expect(slugify('   ')).toBe('');
  });

  it('names a document after its kind, number and client', () => {
    expect(pdfFileName('Facture', 'F-2026-A-0001', 'Client')).toBe('Facture-F-2026-A-0001-Client.pdf');
    expect(pdfFileName('Avoir', 'A-2026-A-0001', 'Boulangerie Martin')).toBe('Avoir-A-2026-A-0001-Boulangerie-Martin.pdf');
    expect(pdfFileName('Relevé de compte', '2026-11-23', '')).toBe('Releve-de-compte-2026-11-23.pdf');
  });
});

describe('infoText', () => {
  it('keeps Latin-1 and makes typographic characters plain, so /Info and the XMP say the same', () => {
    expect(infoText('Société Générale d’Électricité')).toBe("Société Générale d'Électricité");
    expect(infoText('L’Atelier — Dœ\u00a0& fils…')).toBe("L'Atelier - Doe & fils...");
    expect(infoText('Łódź Ltd 😀')).toBe('Lódz Ltd ?');
  });
});
