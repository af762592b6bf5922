// records: see ../fr/records.ts.
import type { Messages } from '../../groups';

const messages: Messages = {
  'record.kind.members': 'device',
  'record.kind.clients': 'client',
  'record.kind.items': 'item',
  'record.kind.documents': 'document',
  'record.kind.payments': 'payment',
  'record.kind.events': 'event',
  'record.kind.policies': 'follow-up policy',
  'record.kind.templates': 'follow-up template',
  'record.kind.chaseConfig': 'follow-up setting',
  'record.kind.tasks': 'task',
  'record.kind.claims': 'claim',
  'record.kind.penaltyRates': 'penalty rate',
  'integrity.unreadable':
    'unreadable record, skipped: it stays as it is in the workspace (a later version or the device that wrote it can put it right)',
  'integrity.unreadableField':
    'unreadable record (field “{field}”), skipped: it stays as it is in the workspace (a later version or the device that wrote it can put it right)',
  'backup.refused.too_large': 'the file is {size}, more than the {max} a Relance backup can reach: it is not a backup, or it is damaged.',
  'backup.unreadable':
    'This backup holds {count} record(s) this version cannot read: they are kept as they are, left out of the screens and reported by the integrity check.',
  'backup.merge.review': 'See what the merge will change',
  'backup.merge.title': 'What the merge will change',
  'backup.merge.summary': '{added} addition(s), {updated} field(s) updated, 0 deletions',
  'backup.merge.nothing': 'This device already has everything the backup holds: the merge will change nothing.',
  'backup.merge.added': 'Added',
  'backup.merge.updated': 'Updated',
  'backup.merge.company': 'Company profile: {fields}',
  'backup.merge.kept': 'Nothing on this device will be deleted; {count} item(s) the backed-up copy no longer had are kept.',
  'backup.merge.restorable': 'Deleted on this device, still in the backup: tick those to bring back (otherwise they stay deleted).',
  'backup.merge.confirm': 'Confirm the merge',
  'backup.merge.done': 'Backup merged: {added} addition(s), {updated} field(s) updated, {restored} brought back, 0 deletions.'
};

export default messages;
