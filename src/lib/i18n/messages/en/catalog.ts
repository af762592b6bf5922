// catalog: see ../fr/catalog.ts.
import type { Messages } from '../../groups';

const messages: Messages = {
  'catalog.title': 'Catalogue',
  'catalog.intro': 'Your articles and services, one click away when writing quotes and invoices.',
  'catalog.listTitle': 'Articles and services',
  'catalog.empty': 'The catalogue is empty: add your first item above.',
  'catalog.noMatch': 'No item matches this search.',
  'catalog.search': 'Search the catalogue',
  'catalog.showArchived': 'Show archived items ({count})',
  'catalog.form.new': 'New item',
  'catalog.form.edit': 'Edit “{name}”',
  'catalog.form.add': 'Add to catalogue',
  'catalog.added': '“{name}” added to the catalogue.',
  'catalog.saved': '“{name}” saved.',
  'catalog.archive': 'Archive',
  'catalog.restore': 'Restore',
  'catalog.editItem': 'Edit “{name}”',
  'catalog.archiveItem': 'Archive “{name}”',
  'catalog.restoreItem': 'Restore “{name}”',
  'catalog.deleteItem': 'Delete “{name}”',
  'catalog.archivedNotice': '“{name}” archived: it is no longer offered in documents.',
  'catalog.restoredNotice': '“{name}” restored.',
  'catalog.deleteConfirm': 'Delete “{name}” from the catalogue?',
  'catalog.deletedNotice': '“{name}” deleted.',
  'item.name': 'Name',
  'item.description': 'Description',
  'item.unit': 'Unit',
  'item.unitHint': 'h, day, unit, flat fee…',
  'item.price': 'Unit price excl. VAT (€)',
  'item.priceShort': 'Unit price',
  'item.ht': 'excl. VAT',
  'item.vat': 'VAT',
  'item.archived': 'archived'
};

export default messages;
