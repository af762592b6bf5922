import { describe, expect, it } from 'vitest';
import { earlyDiscountToInput, parseEarlyDiscount } from './earlyDiscountForm';

describe('early-payment terms as typed', () => {
  it('« 2 » % within « 10 » days → 200 bp, 10 days; « 1,5 » → 150 bp; both empty → none', () => {
    expect(parseEarlyDiscount({ rate: '2', days: '10' })).toEqual({ terms: { rateBp: 200, days: 10 }, error: null });
    expect(parseEarlyDiscount({ rate: '1,5', days: '8' })).toEqual({ terms: { rateBp: 150, days: 8 }, error: null });
    expect(parseEarlyDiscount({ rate: ' ', days: '' })).toEqual({ terms: null, error: null });
    expect(earlyDiscountToInput({ rateBp: 150, days: 8 })).toEqual({ rate: '1,5', days: '8' });
    expect(earlyDiscountToInput(null)).toEqual({ rate: '', days: '' });
  });
  it('refuses a rate of zero, of 50 % or more, or missing days', () => {
    expect(parseEarlyDiscount({ rate: '0', days: '10' }).error).toBe('invalid_discount_rate');
    expect(parseEarlyDiscount({ rate: '50', days: '10' }).error).toBe('invalid_discount_rate');
    expect(parseEarlyDiscount({ rate: '2', days: '' }).error).toBe('invalid_discount_days');
    expect(parseEarlyDiscount({ rate: '2', days: '2,5' }).error).toBe('invalid_discount_days');
  });
});
