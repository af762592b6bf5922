import { beforeEach, describe, expect, it, vi } from 'vitest';

// A fresh i18n module, without the tables tests/unit/setupMessages.ts installs: as the app starts.
type I18nModule = typeof import('$lib/i18n/index.svelte');
let m: I18nModule;
beforeEach(async () => {
  vi.resetModules();
  m = await import('$lib/i18n/index.svelte');
});

describe('loading messages by group', () => {
  it('knows no words before their group arrives, then answers synchronously in the current language only', async () => {
    expect(m.translate('fr', 'catalog.intro')).toBe('catalog.intro');
    await m.loadMessages(['catalog']);
    expect(m.t('catalog.intro')).toBe('Vos articles et prestations, à reprendre en un clic dans vos devis et factures.');
    // English was not downloaded: a missing table falls back to French.
    expect(m.translate('en', 'catalog.intro')).toBe('Vos articles et prestations, à reprendre en un clic dans vos devis et factures.');
    // Another group is still unknown.
    expect(m.translate('fr', 'nav.today')).toBe('nav.today');
  });

  it('switches language only once every group asked for so far has arrived in it', async () => {
    await m.loadMessages(['catalog', 'core']);
    const switching = m.i18n.setLocale('en');
    // Nothing flips while the English tables download.
    expect(m.i18n.locale).toBe('fr');
    expect(m.t('nav.today')).toBe('Aujourd’hui');
    await switching;
    expect(m.i18n.locale).toBe('en');
    expect(m.t('nav.today')).toBe('Today');
    expect(m.t('catalog.intro')).toBe('Your articles and services, one click away when writing quotes and invoices.');
    // Groups asked for afterwards come in the new language.
    await m.loadMessages(['payments']);
    expect(m.t('payments.title')).toBe('Payments');
  });

  it('the last of two quick switches wins', async () => {
    await m.loadMessages(['core']);
    const toEnglish = m.i18n.setLocale('en');
    const backToFrench = m.i18n.setLocale('fr');
    await Promise.all([toEnglish, backToFrench]);
    expect(m.i18n.locale).toBe('fr');
  });

  it('loads a bilingual group in both languages, and other languages on request', async () => {
    await m.loadMessages(['client']);
    expect(m.translate('fr', 'client.terms.on_receipt')).toBe('À réception');
    expect(m.translate('en', 'client.terms.on_receipt')).toBe('On receipt');
    await m.loadMessages(['catalog'], ['en']);
    expect(m.translate('en', 'catalog.intro')).toBe('Your articles and services, one click away when writing quotes and invoices.');
    expect(m.translate('fr', 'catalog.intro')).toBe('catalog.intro');
  });

  it('refuses a group that does not exist instead of showing keys silently', async () => {
    await expect(m.loadMessages(['nope' as 'core'])).rejects.toThrow('No message group fr/nope');
  });
});
