import { describe, expect, it } from 'vitest';
import { newDocument, newLine } from '$lib/domain/documents';
import type { CatalogItem, DocumentRecord, FrozenContent } from '$lib/domain/types';
import { blankItemInput, filterItems, isItemUsed, itemToInput, lineNamesInUse, newItem, parseItemForm, priceText } from './itemForm';

const item = (id: string, patch: Partial<CatalogItem> = {}): CatalogItem => ({ ...newItem(id), name: id, ...patch });

describe('parseItemForm', () => {
  it('reads a French price and keeps the chosen VAT rate', () => {
    const { item: out, errors } = parseItemForm(
      { name: ' Journée de conseil ', description: ' Sur site ', unit: 'jour', price: '1 234,5', vatRateBp: 1000 },
      newItem('i1')
    );
    expect(errors).toEqual({});
    expect(out).toEqual({ id: 'i1', name: 'Journée de conseil', description: 'Sur site', unit: 'jour', unitPriceCents: 123450, vatRateBp: 1000, archived: false });
  });

  it('reports the name, an unreadable or negative price, and a missing price', () => {
    expect(parseItemForm({ ...blankItemInput(), price: '12,345' }, newItem('i1')).errors).toEqual({ name: 'required', unitPriceCents: 'invalid_amount' });
    expect(parseItemForm({ ...blankItemInput(), name: 'x', price: '-5' }, newItem('i1')).errors).toEqual({ unitPriceCents: 'negative' });
    expect(parseItemForm({ ...blankItemInput(), name: 'x', price: ' ' }, newItem('i1')).errors).toEqual({ unitPriceCents: 'required' });
  });

  it('keeps the archived flag of the item being edited', () => {
    const { item: out } = parseItemForm({ ...blankItemInput(), name: 'x', price: '10' }, { ...newItem('i1'), archived: true });
    expect(out.archived).toBe(true);
  });
});

describe('itemToInput', () => {
  it('shows the price with a decimal comma', () => {
    expect(priceText(123450)).toBe('1234,50');
    expect(itemToInput(item('a', { unitPriceCents: 5, unit: 'h' }))).toEqual({ name: 'a', description: '', unit: 'h', price: '0,05', vatRateBp: 2000 });
  });
});

describe('items in use', () => {
  it('recognises an item from the first line of a draft or issued line', () => {
    const draft: DocumentRecord = {
      ...newDocument('invoice', { id: 'd1', memberId: 'm', now: '2026-01-01T00:00:00Z', clientId: 'c', terms: { kind: 'on_receipt' } }),
      lines: [newLine('l1', { description: 'Journée de conseil\nSur site' })]
    };
    const issued: DocumentRecord = {
      ...draft,
      id: 'd2',
      status: 'issued',
      lines: [],
      frozen: { lines: [newLine('l2', { description: 'Déplacement' })] } as unknown as FrozenContent
    };
    const names = lineNamesInUse([draft, issued]);
    expect(isItemUsed(item('Journée de conseil'), names)).toBe(true);
    expect(isItemUsed(item('déplacement'), names)).toBe(true);
    expect(isItemUsed(item('Sur site'), names)).toBe(false);
  });
});

describe('filterItems', () => {
  const items = [item('Zèbre'), item('Conseil', { description: 'Journée à Paris' }), item('Atelier', { archived: true })];
  it('hides archived items unless asked, sorts A→Z with archived last', () => {
    expect(filterItems(items, '', false).map((i) => i.id)).toEqual(['Conseil', 'Zèbre']);
    expect(filterItems(items, '', true).map((i) => i.id)).toEqual(['Conseil', 'Zèbre', 'Atelier']);
  });
  it('searches name and description without accents', () => {
    expect(filterItems(items, 'journee paris', false).map((i) => i.id)).toEqual(['Conseil']);
    expect(filterItems(items, 'zebre', false).map((i) => i.id)).toEqual(['Zèbre']);
  });
});
