// The app update offered to the user: a new service worker is waiting, or another tab already
// switched to it. It applies on the user's click only, and never while a form is unsaved: the
// click is then remembered and the update follows as soon as everything is saved.
import { unsaved } from './unsaved.svelte';

class AppUpdate {
  /** A new version is ready. */
  available = $state(false);
  /** Put off with « Plus tard » (until the next offer or the next page load). */
  hidden = $state(false);
  /** Clicked while something was unsaved: waiting for it to be saved. */
  waitingForSave = $state(false);
  applying = $state(false);
  #apply: (() => void) | null = null;

  /** Called by the service worker module when a new version can be applied with `apply`. */
  offer(apply: () => void): void {
    this.#apply = apply;
    this.available = true;
    this.hidden = false;
  }

  /** The user's click on « Mettre à jour ». */
  request(): void {
    if (!this.available || this.applying) return;
    if (unsaved.any) {
      this.waitingForSave = true;
      return;
    }
    this.#run();
  }

  /** « Plus tard »: forget the click and hide the banner; the offer comes back on next load. */
  postpone(): void {
    this.waitingForSave = false;
    this.hidden = true;
  }

  /** Called by the banner whenever the unsaved forms change. */
  retry(): void {
    if (this.waitingForSave && !unsaved.any) this.#run();
  }

  #run(): void {
    this.waitingForSave = false;
    this.applying = true;
    this.#apply?.();
  }
}

export const appUpdate = new AppUpdate();
