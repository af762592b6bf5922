// Registers the service worker built by scripts/build-sw.mjs, with workbox-window, and turns its
// life cycle into the update offer the banner shows (src/lib/pwa/update.svelte.ts).
// Not in development: there is no sw.js there, and a worker would serve stale modules.
import { appUpdate } from './update.svelte';

/** How often an open app asks the server whether a new version exists. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

export async function registerServiceWorker(): Promise<void> {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox('/sw.js');
  // Whether a worker controlled this page before the change: the first install is not an update.
  let hadController = Boolean(navigator.serviceWorker.controller);
  let reloading = false;
  const reload = () => {
    if (reloading) return;
    reloading = true;
    window.location.reload();
  };

  // A new version is installed and waits: it takes over when the user asks for it.
  wb.addEventListener('waiting', () => {
    appUpdate.offer(() => {
      wb.addEventListener('controlling', reload);
      wb.messageSkipWaiting();
    });
  });
  // Another tab applied it: this page now runs old code under the new worker; offer a reload.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (hadController && !appUpdate.applying) appUpdate.offer(reload);
    hadController = true;
  });

  await wb.register();
  setInterval(() => void wb.update(), UPDATE_CHECK_MS);
}
