// What the app does with a generated file: load the PDF module on demand, download, share,
// print. The PDF code itself (jsPDF, fonts) is only fetched by `loadPdf()`.
import { i18n } from '$lib/i18n/index.svelte';

/** The PDF module, loaded the first time a PDF is asked for (never in the first page's bundle). */
export const loadPdf = () => import('$lib/pdf');

/** 'one' or 'other', for messages that differ in the singular (French: 0 and 1 are singular). */
export function plural(count: number): 'one' | 'other' {
  return new Intl.PluralRules(i18n.locale === 'fr' ? 'fr-FR' : 'en-GB').select(count) === 'one' ? 'one' : 'other';
}

/** Object URLs are revoked a while after use: revoking at once can cancel a download. */
const REVOKE_AFTER_MS = 60_000;

export function downloadFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

/** True when this browser can share files (phones mostly); asked with a tiny PDF. */
export function canShareFiles(): boolean {
  try {
    if (typeof navigator === 'undefined' || typeof navigator.share !== 'function' || typeof navigator.canShare !== 'function') return false;
    return navigator.canShare({ files: [new File(['%PDF-'], 'test.pdf', { type: 'application/pdf' })] });
  } catch {
    return false;
  }
}

/** Opens the system share sheet with the file; false when the user closed it. */
export function shareFile(blob: Blob, fileName: string, title: string): Promise<boolean> {
  return shareFiles([{ blob, fileName }], title);
}

/**
 * Opens the system share sheet with the files and, when given, a message (the e-mail's body: the
 * mail or messaging app the user picks starts with it); false when the user closed the sheet.
 */
export async function shareFiles(files: readonly { blob: Blob; fileName: string }[], title: string, text?: string): Promise<boolean> {
  const shared = files.map((f) => new File([f.blob], f.fileName, { type: f.blob.type || 'application/pdf' }));
  try {
    await navigator.share({ files: shared, title, ...(text ? { text } : {}) });
    return true;
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') return false;
    throw e;
  }
}

/**
 * Prints the PDF: loads it in a hidden frame and asks that frame to print; where the browser
 * cannot print a PDF from a frame, opens it in a new tab (its viewer has a print button).
 */
export function printPdf(blob: Blob): void {
  const url = URL.createObjectURL(blob);
  document.querySelector('iframe[data-testid="pdf-print-frame"]')?.remove();
  const frame = document.createElement('iframe');
  frame.dataset.testid = 'pdf-print-frame';
  frame.title = 'PDF';
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;border:0;opacity:0;';
  frame.addEventListener('load', () => {
    try {
      frame.contentWindow?.focus();
      frame.contentWindow?.print();
    } catch {
      window.open(url, '_blank', 'noopener');
    }
  });
  frame.src = url;
  document.body.append(frame);
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
