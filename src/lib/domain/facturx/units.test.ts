import { describe, expect, it } from 'vitest';
import { unitCode } from './units';

describe('unitCode (UN/ECE rec. 20)', () => {
  it('maps the units people type', () => {
    expect(unitCode('h')).toBe('HUR');
    expect(unitCode('Jours')).toBe('DAY');
    expect(unitCode('forfait')).toBe('LS');
    expect(unitCode('m²')).toBe('MTK');
    expect(unitCode('u')).toBe('C62');
  });

  it('counts anything else as units (C62)', () => {
    expect(unitCode('carton')).toBe('C62');
    expect(unitCode('')).toBe('C62');
  });
});
