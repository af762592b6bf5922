// On a phone: the navigation sits at the bottom and every main page fits the screen width.
import { expect, test } from '@playwright/test';
import { createWorkspace } from './helpers';

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

test('phone layout: bottom navigation, no horizontal scrolling', async ({ page }) => {
  await createWorkspace(page);
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  const box = (await nav.boundingBox())!;
  expect(box.y + box.height).toBeGreaterThan(812 - 5);
  for (const path of ['/', '/documents', '/clients', '/clients/new', '/payments', '/catalog', '/settings', '/settings/appareils']) {
    await page.goto(path);
    await expect(page.locator('main h1')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});
