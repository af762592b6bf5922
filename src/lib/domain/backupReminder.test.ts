import { describe, expect, it } from 'vitest';
import { backupReminderDue, type BackupReminderInput } from './backupReminder';

const base: BackupReminderInput = {
  hasRelay: false,
  lastBackupOn: null,
  createdOn: '2026-01-01',
  hasIssuedDocuments: true,
  dismissedOn: null,
  today: '2026-03-01'
};

describe('backupReminderDue', () => {
  it('reminds 30 days after the last backup, not before', () => {
    expect(backupReminderDue({ ...base, lastBackupOn: '2026-01-30' })).toBe(true); // 30 days
    expect(backupReminderDue({ ...base, lastBackupOn: '2026-01-31' })).toBe(false); // 29 days
  });

  it('never backed up: once the workspace is 30 days old and has issued documents', () => {
    expect(backupReminderDue(base)).toBe(true);
    expect(backupReminderDue({ ...base, createdOn: '2026-02-15' })).toBe(false); // 14 days old
    expect(backupReminderDue({ ...base, hasIssuedDocuments: false })).toBe(false); // nothing to lose yet
  });

  it('stays quiet when a relay keeps a copy', () => {
    expect(backupReminderDue({ ...base, hasRelay: true })).toBe(false);
    expect(backupReminderDue({ ...base, hasRelay: true, lastBackupOn: '2025-01-01' })).toBe(false);
  });

  it('dismissed, it comes back after 7 days', () => {
    expect(backupReminderDue({ ...base, dismissedOn: '2026-02-23' })).toBe(false); // 6 days ago
    expect(backupReminderDue({ ...base, dismissedOn: '2026-02-22' })).toBe(true); // 7 days ago
  });
});
