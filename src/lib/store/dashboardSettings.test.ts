// The dashboard's settings live in the follow-up settings record: saved whole or refused whole,
// never touching the category → policy mapping beside them.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHASE_CONFIG } from '$lib/domain/dunning';
import { readRecord } from './doc';
import { saveChaseConfig, saveDashboardSettings } from './chaseOperations';
import { StoreError } from './operations';
import { seededDoc } from './fixtures';

describe('saveDashboardSettings', () => {
  it('saves the curve and the DSO target beside the follow-up mapping', () => {
    const doc = seededDoc();
    saveChaseConfig(doc, { ...DEFAULT_CHASE_CONFIG, defaultPolicyId: 'strict' });
    const curve = [
      { daysLate: 0, percent: 100 },
      { daysLate: 60, percent: 75 },
      { daysLate: 365, percent: 5 }
    ];
    saveDashboardSettings(doc, { recoveryCurve: curve, dsoTargetDays: 45 });
    const config = readRecord(doc, 'chaseConfig', 'main')!;
    expect(config.recoveryCurve).toEqual(curve);
    expect(config.dsoTargetDays).toBe(45);
    expect(config.defaultPolicyId).toBe('strict');
    expect(config.categoryPolicies).toEqual(DEFAULT_CHASE_CONFIG.categoryPolicies);
  });

  it('refuses a curve whose days do not rise or whose percents leave 0…100, and a target out of 1…365', () => {
    const doc = seededDoc();
    const bad = (settings: Parameters<typeof saveDashboardSettings>[1], code: string) => {
      try {
        saveDashboardSettings(doc, settings);
        throw new Error('accepted');
      } catch (e) {
        expect(e).toBeInstanceOf(StoreError);
        expect((e as StoreError).code).toBe(code);
      }
    };
    bad({ recoveryCurve: [{ daysLate: 30, percent: 90 }, { daysLate: 10, percent: 80 }], dsoTargetDays: null }, 'invalid_recovery_curve');
    bad({ recoveryCurve: [{ daysLate: 0, percent: 101 }], dsoTargetDays: null }, 'invalid_recovery_curve');
    bad({ recoveryCurve: null, dsoTargetDays: 0 }, 'invalid_dso_target');
    bad({ recoveryCurve: null, dsoTargetDays: 45.5 }, 'invalid_dso_target');
    expect(readRecord(doc, 'chaseConfig', 'main')).toBeNull();
    saveDashboardSettings(doc, { recoveryCurve: null, dsoTargetDays: null });
    expect(readRecord(doc, 'chaseConfig', 'main')).toMatchObject({ recoveryCurve: null, dsoTargetDays: null });
  });
});
