// Records that cannot be read, the import size limit, and the preview of a backup merge.
import type { Messages } from '../../groups';

const messages: Messages = {
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
  'integrity.unreadable':
    'enregistrement illisible, ignoré : il reste tel quel dans l’espace de travail (une version plus récente ou l’appareil qui l’a écrit pourra le corriger)',
  'integrity.unreadableField':
    'enregistrement illisible (champ « {field} »), ignoré : il reste tel quel dans l’espace de travail (une version plus récente ou l’appareil qui l’a écrit pourra le corriger)',
  'backup.refused.too_large':
    'le fichier fait {size}, plus que les {max} qu’une sauvegarde Relance peut atteindre : ce n’est pas une sauvegarde, ou elle est endommagée.',
  'backup.unreadable':
    'Cette sauvegarde contient {count} enregistrement(s) illisible(s) par cette version : ils sont gardés tels quels, ignorés à l’écran et signalés par la vérification d’intégrité.',
  'backup.merge.review': 'Voir ce que la fusion va changer',
  'backup.merge.title': 'Ce que la fusion va changer',
  'backup.merge.summary': '{added} ajout(s), {updated} champ(s) mis à jour, 0 suppression',
  'backup.merge.nothing': 'Cet appareil a déjà tout ce que contient la sauvegarde : la fusion ne changera rien.',
  'backup.merge.added': 'Ajoutés',
  'backup.merge.updated': 'Mis à jour',
  'backup.merge.company': 'Profil de l’entreprise : {fields}',
  'backup.merge.kept':
    'Rien de ce qui est sur cet appareil ne sera supprimé ; {count} élément(s) que la copie sauvegardée n’avait plus sont conservés.',
  'backup.merge.restorable':
    'Supprimés sur cet appareil, encore dans la sauvegarde : cochez ceux à rétablir (sinon ils restent supprimés).',
  'backup.merge.confirm': 'Confirmer la fusion',
  'backup.merge.done': 'Sauvegarde fusionnée : {added} ajout(s), {updated} champ(s) mis à jour, {restored} rétabli(s), 0 suppression.'
};

export default messages;
