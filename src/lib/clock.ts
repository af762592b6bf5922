// The one place the app reads the time. Tests pin it by defining window.__RELANCE_NOW__ (an ISO
// instant) before the app starts (Playwright's addInitScript); nothing a page stores can move it.
declare global {
  interface Window {
    __RELANCE_NOW__?: string;
  }
}

export function now(): Date {
  if (typeof window !== 'undefined') {
    const pinned = window.__RELANCE_NOW__;
    if (pinned) {
      const d = new Date(pinned);
      if (!Number.isNaN(d.getTime())) return d;
    }
  }
  return new Date();
}

/** The local calendar date of an instant: 23:30 in Paris on 31 Dec is still 31 Dec. */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Today's local calendar date, 'YYYY-MM-DD'. */
export function today(): string {
  return localDate(now());
}
