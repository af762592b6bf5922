// « Installer l’application »: the browser's install offer (beforeinstallprompt, Chromium-based
// browsers) kept for the user's click. Safari has no such event: README explains its menu.

interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

class Installer {
  /** The browser offers to install the app now. */
  available = $state(false);
  installed = $state(false);
  #event: BeforeInstallPromptEvent | null = null;
  #listening = false;

  /** Starts listening; called once, early, by the layout. */
  listen(): void {
    if (this.#listening || typeof window === 'undefined') return;
    this.#listening = true;
    this.installed = window.matchMedia?.('(display-mode: standalone)').matches ?? false;
    window.addEventListener('beforeinstallprompt', (e) => {
      // Our button instead of the browser's own mini-infobar.
      e.preventDefault();
      this.#event = e as BeforeInstallPromptEvent;
      this.available = true;
    });
    window.addEventListener('appinstalled', () => {
      this.#event = null;
      this.available = false;
      this.installed = true;
    });
  }

  /** Shows the browser's install dialog (once per offer). */
  async install(): Promise<void> {
    const event = this.#event;
    if (!event) return;
    this.#event = null;
    this.available = false;
    await event.prompt();
    const { outcome } = await event.userChoice;
    if (outcome === 'accepted') this.installed = true;
  }
}

export const installer = new Installer();
