import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';
import type { Browser, BrowserContext, Page } from '@playwright/test';

/** The demo users' password (scripts/lib/seed.ts). */
export const DEMO_PASSWORD = 'aidflow-demo';

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
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

/** A real (tiny) PDF: the API checks the bytes are of the declared type. */
export const SMALL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

const tokens = new Map<string, string>();

/** A bearer token of a demo user, logged in once per test file. */
export async function tokenOf(username: string): Promise<string> {
  const known = tokens.get(username);
  if (known) return known;
  const res = await fetch(`${baseUrl()}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status, `login of ${username}`).toBe(200);
  const { accessToken } = (await res.json()) as { accessToken: string };
  tokens.set(username, accessToken);
  return accessToken;
}

/** Calls the API as a demo user (the tests' set-up goes through the API, the screens under test through the page). */
export async function call<T>(
  username: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await tokenOf(username)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/**
 * The demo standard keeps one hardship case per household and year (no double aid); the administrator adds a
 * version from today that allows several, as the e2e suite's seed does, so one applicant can file many cases.
 * Once added, later calls (any test file of the run) find it in force and add nothing.
 */
export async function allowManyHardshipCases(run: string): Promise<void> {
  const program = await call<{ standardInForce: { params: Record<string, number> } | null }>(
    'admin1',
    'GET',
    '/programs/hardship-aid',
  );
  expect(program.status).toBe(200);
  const params = program.body.standardInForce?.params ?? {};
  if (params.oneCasePerPeriod === 0) return;
  const added = await call('admin1', 'POST', '/programs/hardship-aid/standards', {
    policyVersion: `hardship-aid/web-${run}`,
    validFrom: new Date().toISOString().slice(0, 10),
    params: { ...params, oneCasePerPeriod: 0 },
    note: 'browser tests: several cases per household and year',
  });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
}
