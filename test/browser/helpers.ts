import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';
import type { Browser, BrowserContext, Page } from '@playwright/test';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };
export const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

export function baseUrl(): string {
  const url = process.env.WEB_BASE_URL;
  if (!url) throw new Error('WEB_BASE_URL is not set: run through playwright.config.ts (global setup)');
  return url;
}

export async function newContext(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl(),
    viewport,
    ...(viewport.width < 600 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
}

/** No serious or critical axe-core violation on the screen as it is now. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `axe-core on ${screen}`).toEqual([]);
}

/** Saves docs/screenshots/<name>.png (shown in the README) after the accessibility check of the same screen. */
export async function checkpoint(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expectAccessible(page, name);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

export async function login(page: Page, username: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('aidflow-demo');
  await page.getByRole('button', { name: '登录' }).click();
}

/** A real (tiny) PDF: the API checks the bytes are of the declared type. */
export const SMALL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
