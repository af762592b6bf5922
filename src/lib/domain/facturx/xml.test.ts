import { describe, expect, it } from 'vitest';
import { amount, date102, el, escapeXml, percent, quantity, text } from './xml';

describe('CII values', () => {
  it('writes cents as amounts with two decimals', () => {
    expect(amount(123456)).toBe('1234.56');
    expect(amount(5)).toBe('0.05');
    expect(amount(-105)).toBe('-1.05');
    expect(amount(0)).toBe('0.00');
    expect(() => amount(1.5)).toThrow();
  });

  it('writes quantities with 4 decimals and rates as percentages', () => {
    expect(quantity(7.5)).toBe('7.5000');
    expect(quantity(0.125)).toBe('0.1250');
    expect(quantity(-2)).toBe('-2.0000');
    expect(percent(550)).toBe('5.50');
    expect(percent(2000)).toBe('20.00');
    expect(date102('2026-11-23')).toBe('20261123');
  });

  it('escapes text and leaves out empty elements', () => {
    expect(escapeXml('Dupont & fils <b>"x"</b>\u0007')).toBe('Dupont &amp; fils &lt;b&gt;&quot;x&quot;&lt;/b&gt;');
    expect(text('ram:Name', '  ')).toBe('');
    expect(el('ram:A', [text('ram:B', ''), null, false])).toBe('');
    expect(el('ram:A', text('ram:B', 'x'), { schemeID: '0002' })).toBe('<ram:A schemeID="0002"><ram:B>x</ram:B></ram:A>');
  });
});
