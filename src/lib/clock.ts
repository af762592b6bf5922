// The one place the app reads the time. Tests (and demos) may pin it: set
// localStorage 'relance.clock' to an ISO instant, or window.__RELANCE_NOW__ before the app starts.
declare global {
  interface Window {
    __RELANCE_NOW__?: string;
  }
}

export function now(): Date {
  if (typeof window !== 'undefined') {
    const pinned = window.__RELANCE_NOW__ ?? safeLocalStorage('relance.clock');
    if (pinned) {
      const d = new Date(pinned);
      if (!Number.isNaN(d.getTime())) return d;
    }
  }
  return new Date();
}

function safeLocalStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Today's local calendar date, 'YYYY-MM-DD'. */
export function today(): string {
  const d = now();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
