// The catalogue of articles and services offered when writing a quote or an invoice.
import type { Messages } from '../../groups';

const messages: Messages = {
  'catalog.title': 'Catalogue',
  'catalog.intro': 'Vos articles et prestations, à reprendre en un clic dans vos devis et factures.',
  'catalog.listTitle': 'Articles et prestations',
  'catalog.empty': 'Le catalogue est vide : ajoutez votre premier article ci-dessus.',
  'catalog.noMatch': 'Aucun article ne correspond à cette recherche.',
  'catalog.search': 'Rechercher un article',
  'catalog.showArchived': 'Afficher les articles archivés ({count})',
  'catalog.form.new': 'Nouvel article',
  'catalog.form.edit': 'Modifier « {name} »',
  'catalog.form.add': 'Ajouter au catalogue',
  'catalog.added': '« {name} » ajouté au catalogue.',
  'catalog.saved': '« {name} » enregistré.',
  'catalog.archive': 'Archiver',
  'catalog.restore': 'Restaurer',
  'catalog.editItem': 'Modifier « {name} »',
  'catalog.archiveItem': 'Archiver « {name} »',
  'catalog.restoreItem': 'Restaurer « {name} »',
  'catalog.deleteItem': 'Supprimer « {name} »',
  'catalog.archivedNotice': '« {name} » archivé : il n’est plus proposé dans les documents.',
  'catalog.restoredNotice': '« {name} » restauré.',
  'catalog.deleteConfirm': 'Supprimer « {name} » du catalogue ?',
  'catalog.deletedNotice': '« {name} » supprimé.',
  'item.name': 'Désignation',
  'item.description': 'Description',
  'item.unit': 'Unité',
  'item.unitHint': 'h, jour, u, forfait…',
  'item.price': 'Prix unitaire HT (€)',
  'item.priceShort': 'Prix unitaire',
  'item.ht': 'HT',
  'item.vat': 'TVA',
  'item.archived': 'archivé'
};

export default messages;
