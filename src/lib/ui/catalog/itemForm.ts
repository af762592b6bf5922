// The catalogue: the item form (text in, record and error codes out), which items documents
// already use, and the search over the list.
import type { CatalogItem, DocumentRecord } from '$lib/domain/types';
import { foldText } from '$lib/domain/text';
import { parseAmount } from '$lib/domain/money';
import { validateCatalogItem } from '$lib/domain/validation';

export const UNIT_SUGGESTIONS = ['h', 'jour', 'u', 'forfait', 'm²', 'km'];

export interface ItemInput {
  name: string;
  description: string;
  unit: string;
  /** Unit price HT in euros, as typed: « 1 234,56 ». */
  price: string;
  vatRateBp: number;
}

export function blankItemInput(): ItemInput {
  return { name: '', description: '', unit: 'u', price: '', vatRateBp: 2000 };
}

/** 123456 → « 1234,56 »: the editable text of a price (French decimal comma). */
export function priceText(cents: number): string {
  return (cents / 100).toFixed(2).replace('.', ',');
}

export function itemToInput(item: CatalogItem): ItemInput {
  return { name: item.name, description: item.description, unit: item.unit, price: priceText(item.unitPriceCents), vatRateBp: item.vatRateBp };
}

export interface ParsedItem {
  item: CatalogItem;
  /** 'name', 'unitPriceCents', 'vatRateBp' → error code. */
  errors: Record<string, string>;
}

/** The record to save over `base` (a new item or the one being edited) and what is wrong. */
export function parseItemForm(input: ItemInput, base: CatalogItem): ParsedItem {
  const cents = input.price.trim() ? parseAmount(input.price) : null;
  const item: CatalogItem = {
    ...base,
    name: input.name.trim(),
    description: input.description.trim(),
    unit: input.unit.trim(),
    unitPriceCents: cents ?? NaN,
    vatRateBp: input.vatRateBp
  };
  const errors = validateCatalogItem(item);
  if (!input.price.trim()) errors.unitPriceCents = 'required';
  return { item, errors };
}

export function newItem(id: string): CatalogItem {
  return { id, name: '', description: '', unit: 'u', unitPriceCents: 0, vatRateBp: 2000, archived: false };
}

/**
 * Names found on document lines. Lines keep no link to the catalogue: a line made from an
 * item starts with the item's name (then its description on the next lines).
 */
export function lineNamesInUse(documents: DocumentRecord[]): Set<string> {
  const names = new Set<string>();
  for (const d of documents)
    for (const line of d.frozen?.lines ?? d.lines ?? []) names.add(line.description.split('\n', 1)[0].trim().toLowerCase());
  return names;
}

export function isItemUsed(item: CatalogItem, namesInUse: Set<string>): boolean {
  return namesInUse.has(item.name.trim().toLowerCase());
}

/** Active items first, then A→Z; archived ones only when asked for. */
export function filterItems(items: CatalogItem[], search: string, showArchived: boolean): CatalogItem[] {
  const words = foldText(search).split(/\s+/).filter(Boolean);
  return items
    .filter((i) => (showArchived || !i.archived) && words.every((w) => foldText(`${i.name}\n${i.description}\n${i.unit}`).includes(w)))
    .sort((a, b) => Number(a.archived) - Number(b.archived) || a.name.localeCompare(b.name, 'fr', { sensitivity: 'base' }));
}
