// Dunning policies: the ordered steps of a follow-up relative to the due date, which policy a
// given invoice follows, and the checks an edited policy must pass. Built-in policies live here
// in code; the workspace stores a policy only once the user edits it (same id: it replaces the
// built-in one) or adds one.
import type { CategoryPolicy, ChaseConfig, Client, DocumentRecord, DunningPolicy, DunningStep } from './types';

export const DEFAULT_MIN_GAP_DAYS = 3;

/** Ids of the steps every built-in policy shares, so that a change of policy keeps what was done. */
export const STEP = {
  courtesy: 'courtesy',
  reminder1: 'reminder1',
  reminder2: 'reminder2',
  call: 'call',
  formalNotice: 'formal_notice',
  decision: 'decision'
} as const;

/** Not in any policy: proposed the day after a promised payment date that passed unpaid. */
export const PROMISE_BROKEN_STEP: DunningStep = {
  id: 'promise_broken',
  offsetDays: 0,
  channel: 'phone',
  templateId: 'promise_broken',
  tone: 'firm',
  kind: 'reminder'
};

/** Not in any policy: an issued invoice nobody sent yet is sent before it is ever chased. */
export const SEND_INVOICE_STEP: DunningStep = {
  id: 'send_invoice',
  offsetDays: 0,
  channel: 'email',
  templateId: 'send_invoice',
  tone: 'courtesy',
  kind: 'send'
};

const step = (id: string, offsetDays: number, channel: DunningStep['channel'], templateId: string, tone: DunningStep['tone'], kind: DunningStep['kind'] = 'reminder', followUpCall = false): DunningStep => ({
  id,
  offsetDays,
  channel,
  templateId,
  tone,
  kind,
  ...(followUpCall ? { followUpCall } : {})
});

/** The usual French sequence (LEGAL.md, « Follow-up practice »). */
export const STANDARD_POLICY: DunningPolicy = {
  id: 'standard',
  name: 'Standard',
  minGapDays: DEFAULT_MIN_GAP_DAYS,
  steps: [
    step(STEP.courtesy, -3, 'email', 'courtesy', 'courtesy'),
    step(STEP.reminder1, 1, 'email', 'reminder1', 'friendly'),
    step(STEP.reminder2, 8, 'email', 'reminder2', 'firm', 'reminder', true),
    step(STEP.call, 15, 'phone', 'call', 'firm'),
    step(STEP.formalNotice, 30, 'registered_letter', 'formal_notice', 'formal', 'formal_notice'),
    step(STEP.decision, 45, 'letter', 'decision', 'formal', 'decision')
  ]
};

/** New clients and bad payers: everything comes sooner, the formal notice at J+21. */
export const STRICT_POLICY: DunningPolicy = {
  id: 'strict',
  name: 'Stricte',
  minGapDays: DEFAULT_MIN_GAP_DAYS,
  steps: [
    step(STEP.courtesy, -5, 'email', 'courtesy', 'courtesy'),
    step(STEP.reminder1, 1, 'email', 'reminder1', 'friendly', 'reminder', true),
    step(STEP.reminder2, 5, 'email', 'reminder2', 'firm', 'reminder', true),
    step(STEP.call, 10, 'phone', 'call', 'firm'),
    step(STEP.formalNotice, 21, 'registered_letter', 'formal_notice', 'formal', 'formal_notice'),
    step(STEP.decision, 35, 'letter', 'decision', 'formal', 'decision')
  ]
};

/** Good payers: no courtesy e-mail, a softer pace, a wider gap between contacts. */
export const GENTLE_POLICY: DunningPolicy = {
  id: 'gentle',
  name: 'Bienveillante',
  minGapDays: 5,
  steps: [
    step(STEP.reminder1, 3, 'email', 'reminder1', 'friendly'),
    step(STEP.reminder2, 15, 'email', 'reminder2', 'friendly', 'reminder', true),
    step(STEP.call, 25, 'phone', 'call', 'firm'),
    step(STEP.formalNotice, 45, 'registered_letter', 'formal_notice', 'formal', 'formal_notice'),
    step(STEP.decision, 60, 'letter', 'decision', 'formal', 'decision')
  ]
};

export const BUILT_IN_POLICIES: DunningPolicy[] = [STANDARD_POLICY, STRICT_POLICY, GENTLE_POLICY];

/** Checked in this order: a « mauvais payeur » who is also « nouveau client » gets the first rule. */
export const DEFAULT_CATEGORY_POLICIES: CategoryPolicy[] = [
  { category: 'mauvais payeur', policyId: 'strict' },
  { category: 'nouveau client', policyId: 'strict' },
  { category: 'bon payeur', policyId: 'gentle' }
];

export const DEFAULT_CHASE_CONFIG: ChaseConfig = {
  id: 'main',
  defaultPolicyId: STANDARD_POLICY.id,
  categoryPolicies: DEFAULT_CATEGORY_POLICIES
};

/** What `policyFor` needs: the policies in force (built-in merged with edited) and the mapping. */
export interface PolicySettings {
  policies: Map<string, DunningPolicy>;
  config: ChaseConfig;
}

/**
 * The policies in force: built-in ones, replaced by the stored edit of the same id, plus the
 * user's own; removed ones left out. Steps come back sorted by offset.
 */
export function effectivePolicies(stored: DunningPolicy[]): Map<string, DunningPolicy> {
  const byId = new Map<string, DunningPolicy>();
  for (const p of BUILT_IN_POLICIES) byId.set(p.id, p);
  for (const p of stored) byId.set(p.id, p);
  const out = new Map<string, DunningPolicy>();
  for (const [id, p] of byId) if (!p.removed) out.set(id, { ...p, steps: sortSteps(p.steps) });
  return out;
}

export function sortSteps(steps: DunningStep[]): DunningStep[] {
  return [...steps].sort((a, b) => a.offsetDays - b.offsetDays);
}

/**
 * The policy an invoice follows: the invoice's own choice, else the client's, else the first
 * category rule the client matches, else the default. A reference to a policy that no longer
 * exists falls through to the next level, and in the end to the standard policy.
 */
export function policyFor(
  invoice: Pick<DocumentRecord, 'chasePolicyId'> | null,
  client: Pick<Client, 'categories' | 'chasePolicyId'> | null,
  settings: PolicySettings
): DunningPolicy {
  const { policies, config } = settings;
  const pick = (id: string | null | undefined) => (id ? policies.get(id) : undefined);
  const byInvoice = pick(invoice?.chasePolicyId);
  if (byInvoice) return byInvoice;
  const byClient = pick(client?.chasePolicyId);
  if (byClient) return byClient;
  if (client)
    for (const rule of config.categoryPolicies)
      if (client.categories.includes(rule.category)) {
        const p = pick(rule.policyId);
        if (p) return p;
      }
  return pick(config.defaultPolicyId) ?? policies.get(STANDARD_POLICY.id) ?? STANDARD_POLICY;
}

export type PolicyProblem =
  | 'name_missing'
  | 'no_steps'
  | 'gap_invalid'
  | `step_offset:${number}`
  | `step_template:${number}`
  | `step_kind:${number}`
  | `duplicate_offset:${number}`
  | `duplicate_id:${number}`;

/** What is wrong with an edited policy (empty: it may be saved). Step problems carry the step's index. */
export function policyProblems(policy: DunningPolicy, templateIds: ReadonlySet<string>): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  if (!policy.name.trim()) problems.push('name_missing');
  if (!policy.steps.length) problems.push('no_steps');
  if (!Number.isInteger(policy.minGapDays) || policy.minGapDays < 0 || policy.minGapDays > 60) problems.push('gap_invalid');
  const offsets = new Set<number>();
  const ids = new Set<string>();
  policy.steps.forEach((s, i) => {
    if (!Number.isInteger(s.offsetDays) || s.offsetDays < -60 || s.offsetDays > 365) problems.push(`step_offset:${i}`);
    else if (offsets.has(s.offsetDays)) problems.push(`duplicate_offset:${i}`);
    offsets.add(s.offsetDays);
    if (!templateIds.has(s.templateId)) problems.push(`step_template:${i}`);
    // Sending the invoice comes before any policy: it is never one of its steps.
    if (!['reminder', 'formal_notice', 'decision'].includes(s.kind)) problems.push(`step_kind:${i}`);
    if (ids.has(s.id)) problems.push(`duplicate_id:${i}`);
    ids.add(s.id);
  });
  return problems;
}

