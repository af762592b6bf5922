import { describe, expect, it } from 'vitest';
import { planBackupMerge, recordLabel } from './backupMerge';

const client = (id: string, fields: Record<string, unknown> = {}) => ({
  id,
  name: `Client ${id}`,
  notes: '',
  contacts: [
    { id: `${id}-1`, name: 'Jeanne', email: 'j@example.fr' },
    { id: `${id}-2`, name: 'Paul', email: 'p@example.fr' }
  ],
  ...fields
});
const issued = { id: 'f1', status: 'issued', kind: 'invoice', number: 'F-2026-A-0001', seq: 1, frozen: { number: 'F-2026-A-0001', lines: [] }, hash: 'aa', sentAt: null };

describe('planBackupMerge', () => {
  it('adds what only the merged copy holds, and lists what was deleted here but is in the backup', () => {
    const device = { clients: [client('c1')] };
    const merged = { clients: [client('c1'), client('c3')] };
    const backup = { clients: [client('c2'), client('c3')] }; // c2 deleted here; c1 deleted in the backup's copy
    const plan = planBackupMerge(device, merged, backup);
    expect(plan.added).toEqual([{ collection: 'clients', id: 'c3', label: 'Client c3' }]);
    expect(plan.restorable).toEqual([{ collection: 'clients', id: 'c2', label: 'Client c2' }]);
    expect(plan.updated).toEqual([]);
    expect(plan.repairs).toEqual([]);
  });

  it('does not offer a draft issued here since (its issued copy replaced it), nor a released claim', () => {
    const draft = { id: 'd1', status: 'draft', kind: 'invoice', number: '', title: 'Cuisine' };
    const invoice = { ...issued, sourceDraftId: 'd1' };
    const claim = { id: 'c1', clientId: 'c1', memberId: 'm1', at: '2026-11-20T10:00:00.000Z' };
    const plan = planBackupMerge({ documents: [invoice] }, { documents: [invoice] }, { documents: [draft], claims: [claim] });
    expect(plan.restorable).toEqual([]);
    const other = { ...draft, id: 'd2', title: 'Salle de bain' };
    expect(planBackupMerge({ documents: [invoice] }, { documents: [invoice] }, { documents: [draft, other] }).restorable).toEqual([
      { collection: 'documents', id: 'd2', label: 'Salle de bain' }
    ]);
  });

  it('puts back a record the merged copy lost', () => {
    const plan = planBackupMerge({ clients: [client('c1')] }, { clients: [] }, { clients: [] });
    expect(plan.repairs).toEqual([{ kind: 'put', collection: 'clients', record: client('c1') }]);
    expect(plan.restorable).toEqual([]);
  });

  it('lists field updates, and keeps a contact the backup removed at its place', () => {
    const [jeanne, paul] = client('c1').contacts;
    const merged = { clients: [client('c1', { notes: 'Paie à 60 jours', contacts: [{ ...paul, email: 'paul@atelier.fr' }] })] };
    const plan = planBackupMerge({ clients: [client('c1')] }, merged, {});
    expect(plan.updated).toEqual([{ collection: 'clients', id: 'c1', label: 'Client c1', fields: ['notes', 'contacts'] }]);
    expect(plan.repairs).toEqual([{ kind: 'patch', collection: 'clients', id: 'c1', patch: { contacts: [jeanne, { ...paul, email: 'paul@atelier.fr' }] } }]);
  });

  it('never changes an issued document’s frozen content or hash, but takes its later follow-up facts', () => {
    const merged = { documents: [{ ...issued, frozen: { number: 'F-2026-A-0999', lines: [] }, number: 'F-2026-A-0999', hash: 'bb', sentAt: '2026-11-23' }] };
    const plan = planBackupMerge({ documents: [issued] }, merged, {});
    expect(plan.updated).toEqual([{ collection: 'documents', id: 'f1', label: 'F-2026-A-0999', fields: ['sentAt'] }]);
    expect(plan.repairs).toEqual([{ kind: 'patch', collection: 'documents', id: 'f1', patch: { frozen: issued.frozen, hash: 'aa' } }]);
  });

  it('never lowers a series high-water mark, and takes a higher one', () => {
    const me = { id: 'm1', name: 'Portable', highestIssuedSeq: { 'F-2026-A': 7, 'D-2026-A': 2 } };
    const plan = planBackupMerge({ members: [me] }, { members: [{ ...me, highestIssuedSeq: { 'F-2026-A': 5, 'D-2026-A': 3 } }] }, {});
    expect(plan.repairs).toEqual([{ kind: 'patch', collection: 'members', id: 'm1', patch: { highestIssuedSeq: { 'F-2026-A': 7, 'D-2026-A': 3 } } }]);
    expect(plan.updated).toEqual([{ collection: 'members', id: 'm1', label: 'Portable', fields: ['highestIssuedSeq'] }]);
  });

  it('puts back a field the merged copy lost, and says nothing when nothing changes', () => {
    const plan = planBackupMerge({ clients: [client('c1', { siren: '732829320' })] }, { clients: [client('c1')] }, {});
    expect(plan.repairs).toEqual([{ kind: 'patch', collection: 'clients', id: 'c1', patch: { siren: '732829320' } }]);
    expect(planBackupMerge({ clients: [client('c1')] }, { clients: [client('c1')] }, { clients: [client('c1')] })).toEqual({
      added: [],
      updated: [],
      companyFields: [],
      restorable: [],
      repairs: []
    });
  });

  it('names the company fields the backup changed', () => {
    expect(planBackupMerge({ company: { name: 'Atelier', iban: '' } }, { company: { name: 'Atelier', iban: 'FR76…' } }, {}).companyFields).toEqual(['iban']);
  });
});

describe('recordLabel', () => {
  it('a number, a name, an amount', () => {
    expect(recordLabel('documents', issued)).toBe('F-2026-A-0001');
    expect(recordLabel('documents', { id: 'd1', number: '', title: 'Cuisine' })).toBe('Cuisine');
    expect(recordLabel('clients', client('c1'))).toBe('Client c1');
    expect(recordLabel('payments', { id: 'p1', amountCents: 12_050, date: '2026-06-01' })).toBe('120.50 — 2026-06-01');
  });
});
