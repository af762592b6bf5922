// PDF checks for the end-to-end tests: save a download, read its text with Poppler's pdftotext,
// decode its QR code with pdftoppm + zbarimg (poppler-utils and zbar-tools, installed by .ci/run).
import { expect, type Page, type TestInfo } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface SavedFile {
  path: string;
  name: string;
}

/** Clicks `testid` and saves the download it triggers in the test's output folder. */
export async function downloadFrom(page: Page, testid: string, info: TestInfo): Promise<SavedFile> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const name = download.suggestedFilename();
  const path = info.outputPath(name);
  await download.saveAs(path);
  expect(existsSync(path)).toBe(true);
  return { path, name };
}

/** The PDF's text laid out as on the page (pdftotext -layout), one string per page. */
export function pdfPages(path: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  const pages = text.split('\f');
  if (pages[pages.length - 1].trim() === '') pages.pop();
  return pages;
}

/**
 * Text with layout whitespace folded to one space, so that a sentence wrapped over two lines
 * still reads as one. No-break spaces (U+00A0, U+202F) are kept: they are part of what is printed.
 */
export function flat(text: string): string {
  return text.replace(/[ \t\r\n\f]+/g, ' ');
}

/** The QR codes of one page: rendered at 200 dpi, decoded by zbarimg; '' when there is none. */
export function qrOnPage(path: string, page: number, info: TestInfo): string {
  const prefix = info.outputPath(`qr-page-${page}`);
  execFileSync('pdftoppm', ['-r', '200', '-f', String(page), '-l', String(page), '-singlefile', '-png', path, prefix]);
  // zbarimg exits with 4 when it finds no symbol; it may also chatter about D-Bus on stderr.
  const run = spawnSync('zbarimg', ['--raw', '-q', `${prefix}.png`], { encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 4) throw new Error(`zbarimg failed (${run.status}): ${run.stderr}`);
  // --raw prints the payload followed by one newline.
  return run.stdout.replace(/\n$/, '');
}

/** Number of images in the PDF (pdfimages -list). */
export function imageCount(path: string): number {
  const out = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' });
  return out.split('\n').slice(2).filter((l) => l.trim()).length;
}

/** French money as Intl prints it: narrow no-break space between thousands, no-break space before €. */
export function eur(text: string): string {
  return text.replace(/ (?=\d{3}(?!\d))/g, '\u202f').replace(/ €/g, '\u00a0€');
}

export interface CompanyExtras {
  rcsCity?: string;
  bic?: string;
}

/** Completes the company profile in the settings (what the first-run form does not ask). */
export async function completeCompany(page: Page, extras: CompanyExtras): Promise<void> {
  await page.goto('/settings');
  if (extras.rcsCity) await page.getByTestId('company-rcs').fill(extras.rcsCity);
  if (extras.bic) await page.getByTestId('company-bic').fill(extras.bic);
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-saved')).toContainText(/Enregistr|Saved/);
}

export interface FullClient {
  name: string;
  siren?: string;
  vat?: string;
  kind?: 'company' | 'individual';
  language?: 'fr' | 'en';
  billing: { line1: string; postalCode: string; city: string };
  delivery?: { line1: string; postalCode: string; city: string };
  contact?: { name: string; email: string };
}

/** Creates a client with every field the PDFs print; resolves to its id. */
export async function createFullClient(page: Page, c: FullClient): Promise<string> {
  await page.goto('/clients/new');
  if (c.kind) await page.getByTestId('client-kind').selectOption(c.kind);
  await page.getByTestId('client-name').fill(c.name);
  if (c.siren) await page.getByTestId('client-siren').fill(c.siren);
  if (c.vat) await page.getByTestId('client-vat').fill(c.vat);
  await page.getByTestId('client-billing-line1').fill(c.billing.line1);
  await page.getByTestId('client-billing-postalCode').fill(c.billing.postalCode);
  await page.getByTestId('client-billing-city').fill(c.billing.city);
  if (c.delivery) {
    await page.getByTestId('client-has-delivery').check();
    await page.getByTestId('client-delivery-line1').fill(c.delivery.line1);
    await page.getByTestId('client-delivery-postalCode').fill(c.delivery.postalCode);
    await page.getByTestId('client-delivery-city').fill(c.delivery.city);
  }
  if (c.language) await page.getByTestId('client-language').selectOption(c.language);
  if (c.contact) {
    await page.getByTestId('add-contact').click();
    await page.getByTestId('contact-name').last().fill(c.contact.name);
    await page.getByTestId('contact-email').last().fill(c.contact.email);
  }
  await page.getByTestId('client-save').click();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f]{32}$/);
  return page.url().split('/').pop()!;
}
