// The first-run screen (create the workspace or restore a backup) and its words are needed once
// per device, before any workspace exists: they load only then, outside the first screen's JS.
import type { Component } from 'svelte';
import { loadMessages } from '$lib/i18n/index.svelte';

let setup: Promise<Component> | undefined;

/** The Setup component, once it and its message groups have arrived (one download, then cached). */
export function loadSetup(): Promise<Component> {
  setup ??= Promise.all([import('./Setup.svelte'), loadMessages(['common', 'pwa', 'rates', 'records', 'settings', 'sync'])])
    .then(([module]) => module.default)
    .catch((e: unknown) => {
      setup = undefined; // offline before the app was cached: tried again next time
      throw e;
    });
  return setup;
}
