import { describe, expect, it } from 'vitest';
import { newClient } from './company';
import {
  DEFAULT_CHASE_CONFIG,
  GENTLE_POLICY,
  SEND_INVOICE_STEP,
  STANDARD_POLICY,
  STRICT_POLICY,
  effectivePolicies,
  policyFor,
  policyProblems
} from './dunning';
import { DEFAULT_TEMPLATES } from './templates';

const client = (categories: string[], chasePolicyId: string | null = null) => ({ ...newClient('c', '2026-01-01T00:00:00Z'), categories, chasePolicyId });
const settings = { policies: effectivePolicies([]), config: DEFAULT_CHASE_CONFIG };
const templateIds = new Set(DEFAULT_TEMPLATES.map((t) => t.id));

describe('the default French policy', () => {
  it('is J-3 courtesy, J+1, J+8 + call, J+15 call, J+30 mise en demeure, J+45 decision', () => {
    expect(STANDARD_POLICY.steps.map((s) => [s.offsetDays, s.channel, s.tone, s.kind, s.followUpCall ?? false])).toEqual([
      [-3, 'email', 'courtesy', 'reminder', false],
      [1, 'email', 'friendly', 'reminder', false],
      [8, 'email', 'firm', 'reminder', true],
      [15, 'phone', 'firm', 'reminder', false],
      [30, 'registered_letter', 'formal', 'formal_notice', false],
      [45, 'letter', 'formal', 'decision', false]
    ]);
    expect(STANDARD_POLICY.minGapDays).toBe(3);
  });
  it('every built-in policy is valid and has a template for each step', () => {
    for (const p of [STANDARD_POLICY, STRICT_POLICY, GENTLE_POLICY]) expect(policyProblems(p, templateIds)).toEqual([]);
  });
});

describe('policyFor', () => {
  it('the first matching category in the defined order, else the default', () => {
    expect(policyFor(null, client([]), settings).id).toBe('standard');
    expect(policyFor(null, client(['bon payeur']), settings).id).toBe('gentle');
    expect(policyFor(null, client(['nouveau client']), settings).id).toBe('strict');
    // « mauvais payeur » comes first in the order, whatever the order of the client's tags.
    expect(policyFor(null, client(['bon payeur', 'mauvais payeur']), settings).id).toBe('strict');
  });
  it('the client override beats categories, the invoice override beats both', () => {
    expect(policyFor(null, client(['mauvais payeur'], 'gentle'), settings).id).toBe('gentle');
    expect(policyFor({ chasePolicyId: 'standard' }, client(['mauvais payeur'], 'gentle'), settings).id).toBe('standard');
  });
  it('a removed or unknown policy falls through to the next level', () => {
    const s = { policies: effectivePolicies([{ ...GENTLE_POLICY, removed: true }]), config: DEFAULT_CHASE_CONFIG };
    expect(policyFor({ chasePolicyId: 'nope' }, client(['bon payeur']), s).id).toBe('standard');
  });
  it('an edited built-in policy replaces it, its steps sorted by offset', () => {
    const edited = { ...STANDARD_POLICY, steps: [...STANDARD_POLICY.steps].reverse() };
    const p = effectivePolicies([edited]).get('standard')!;
    expect(p.steps.map((s) => s.offsetDays)).toEqual([-3, 1, 8, 15, 30, 45]);
  });
});

describe('policyProblems', () => {
  it('names each problem, with the index of the step', () => {
    const bad = {
      id: 'x',
      name: ' ',
      minGapDays: -1,
      steps: [
        { ...STANDARD_POLICY.steps[1], id: 'a' },
        { ...STANDARD_POLICY.steps[1], id: 'a', templateId: 'nope' },
        { ...STANDARD_POLICY.steps[2], id: 'b', offsetDays: 1.5 }
      ]
    };
    expect(policyProblems(bad, templateIds)).toEqual(['name_missing', 'gap_invalid', 'duplicate_offset:1', 'step_template:1', 'duplicate_id:1', 'step_offset:2']);
    expect(policyProblems({ ...bad, name: 'P', minGapDays: 3, steps: [] }, templateIds)).toEqual(['no_steps']);
  });

  it('refuses « send the invoice » as a step: it comes before any policy', () => {
    const withSend = { ...STANDARD_POLICY, steps: [{ ...SEND_INVOICE_STEP, offsetDays: -10 }, ...STANDARD_POLICY.steps] };
    expect(policyProblems(withSend, new Set([...templateIds, 'send_invoice']))).toEqual(['step_kind:0']);
  });
});
