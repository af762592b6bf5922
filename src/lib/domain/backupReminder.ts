// When to remind someone to back up. A workspace kept on one device only (no relay) is lost with
// that device; the reminder comes once a month's work is at stake, gently, and can be put off.
import type { IsoDate } from './types';
import { daysBetween } from './dates';

/** Days without a backup after which the reminder shows. */
export const BACKUP_REMINDER_DAYS = 30;
/** Days a dismissed reminder stays hidden. */
export const BACKUP_REMINDER_SNOOZE_DAYS = 7;

export interface BackupReminderInput {
  /** The workspace syncs through a relay: its data also lives elsewhere. */
  hasRelay: boolean;
  /** Calendar date of the last backup made on this device, null if never. */
  lastBackupOn: IsoDate | null;
  /** Calendar date the workspace appeared on this device. */
  createdOn: IsoDate;
  /** At least one document was issued (there is something that must not be lost). */
  hasIssuedDocuments: boolean;
  /** Calendar date the reminder was last dismissed, null if never. */
  dismissedOn: IsoDate | null;
  today: IsoDate;
}

/**
 * Whether to show the backup reminder today. With no relay: 30 days after the last backup, or,
 * never backed up, once the workspace is 30 days old and has issued documents; a dismissal
 * hides it for 7 days.
 * backupReminderDue({ hasRelay: false, lastBackupOn: '2026-01-01', today: '2026-02-05', … }) → true.
 */
export function backupReminderDue(p: BackupReminderInput): boolean {
  if (p.hasRelay) return false;
  if (p.dismissedOn && daysBetween(p.dismissedOn, p.today) < BACKUP_REMINDER_SNOOZE_DAYS) return false;
  if (p.lastBackupOn) return daysBetween(p.lastBackupOn, p.today) >= BACKUP_REMINDER_DAYS;
  return p.hasIssuedDocuments && daysBetween(p.createdOn, p.today) >= BACKUP_REMINDER_DAYS;
}
