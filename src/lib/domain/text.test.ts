import { describe, expect, it } from 'vitest';
import { foldText } from './text';

describe('foldText', () => {
  it('drops case and accents, keeps the rest', () => {
    expect(foldText('Élodie MÉNARD — Ça coûte 12 €')).toBe('elodie menard — ca coute 12 €');
    expect(foldText('')).toBe('');
  });
});
