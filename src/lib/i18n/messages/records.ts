// Records that cannot be read, the import size limit, and the preview of a backup merge.
import type { AreaMessages } from './index';

const messages: AreaMessages = {
  fr: {
    'record.kind.members': 'appareil',
    'record.kind.clients': 'client',
    'record.kind.items': 'article',
    'record.kind.documents': 'document',
    'record.kind.payments': 'paiement',
    'record.kind.events': 'événement',
    'record.kind.policies': 'scénario de relance',
    'record.kind.templates': 'modèle de relance',
    'record.kind.chaseConfig': 'réglage de relance',
    'record.kind.tasks': 'tâche',
    'record.kind.claims': 'prise en charge',
    'record.kind.penaltyRates': 'taux de pénalité',
    'integrity.unreadable': 'enregistrement illisible, ignoré : il reste tel quel dans l’espace de travail (une version plus récente ou l’appareil qui l’a écrit pourra le corriger)',
    'integrity.unreadableField': 'enregistrement illisible (champ « {field} »), ignoré : il reste tel quel dans l’espace de travail (une version plus récente ou l’appareil qui l’a écrit pourra le corriger)',
    'backup.refused.too_large': 'le fichier fait {size}, plus que les {max} qu’une sauvegarde Relance peut atteindre : ce n’est pas une sauvegarde, ou elle est endommagée.',
    'backup.merge.review': 'Voir ce que la fusion va changer',
    'backup.merge.title': 'Ce que la fusion va changer',
    'backup.merge.summary': '{added} ajout(s), {updated} champ(s) mis à jour, 0 suppression',
    'backup.merge.nothing': 'Cet appareil a déjà tout ce que contient la sauvegarde : la fusion ne changera rien.',
    'backup.merge.added': 'Ajoutés',
    'backup.merge.updated': 'Mis à jour',
    'backup.merge.company': 'Profil de l’entreprise : {fields}',
    'backup.merge.kept': 'Rien de ce qui est sur cet appareil ne sera supprimé ; {count} élément(s) que la copie sauvegardée n’avait plus sont conservés.',
    'backup.merge.restorable': 'Supprimés sur cet appareil, encore dans la sauvegarde : cochez ceux à rétablir (sinon ils restent supprimés).',
    'backup.merge.confirm': 'Confirmer la fusion',
    'backup.merge.done': 'Sauvegarde fusionnée : {added} ajout(s), {updated} champ(s) mis à jour, {restored} rétabli(s), 0 suppression.'
  },
  en: {
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
    'integrity.unreadable': 'unreadable record, skipped: it stays as it is in the workspace (a later version or the device that wrote it can put it right)',
    'integrity.unreadableField': 'unreadable record (field “{field}”), skipped: it stays as it is in the workspace (a later version or the device that wrote it can put it right)',
    'backup.refused.too_large': 'the file is {size}, more than the {max} a Relance backup can reach: it is not a backup, or it is damaged.',
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
  }
};

export default messages;
