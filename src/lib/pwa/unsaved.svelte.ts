// Forms holding input that is not saved yet. An update of the app reloads the page, so it waits
// while anything is registered here. Each form says what it is, for the message
// « Enregistrez d’abord … ».
import { untrack } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';

/** id → what is unsaved, as an i18n key ('pwa.unsaved.client'…). */
const pending = new SvelteMap<string, string>();
let counter = 0;

export function markDirty(id: string, what: string): void {
  untrack(() => {
    if (pending.get(id) !== what) pending.set(id, what);
  });
}

export function markClean(id: string): void {
  untrack(() => {
    if (pending.has(id)) pending.delete(id);
  });
}

export const unsaved = {
  /** Something is typed and not saved. */
  get any(): boolean {
    return pending.size > 0;
  },
  /** What is unsaved, as i18n keys, each once. */
  get what(): string[] {
    return [...new Set(pending.values())];
  }
};

/**
 * For a component's script: keeps the form registered while `isDirty()` is true, and forgets it
 * when that turns false or the component goes away.
 */
export function trackUnsaved(what: string, isDirty: () => boolean): void {
  const id = `form-${++counter}`;
  $effect(() => {
    if (!isDirty()) return;
    markDirty(id, what);
    return () => markClean(id);
  });
}
