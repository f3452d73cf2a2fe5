import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { serveWebApp } from '../../apps/api/src/web-app';
import { httpClient } from '../support/http-client';
import { startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * The API serves the web app on its own paths only: `/` and `/app/...` answer index.html (a reload of any screen),
 * `/assets/...` the built files, and nothing else changes: API routes and /docs answer as before, with the API's own
 * security headers.
 */

@Module({})
class EmptyModule {}

describe('serveWebApp over HTTP, with a built app in a folder', () => {
  let app: INestApplication;
  let dist: string;
  let base: string;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'aidflow-web-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>aidflow</title><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("app")');
    writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = await NestFactory.create(EmptyModule, { logger: false });
    serveWebApp(app, dist);
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it.each(['/', '/app', '/app/', '/app/login?next=%2Fapp', '/app/applications/3f2a9c1e-0000-4000-8000-000000000000'])(
    'answers index.html at %s',
    async (path) => {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<div id="root">');
    },
  );

  it('serves built assets for a year and answers 404 for a missing one', async () => {
    const asset = await fetch(`${base}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toBe('console.log("app")');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/favicon.svg`)).status).toBe(200);
  });

  it('leaves every other path and every other method alone', async () => {
    for (const path of ['/applications', '/tasks', '/docs', '/application', '/apps', '/index.html']) {
      const response = await fetch(`${base}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(await response.text()).not.toContain('<div id="root">');
    }
    const post = await fetch(`${base}/app/login`, { method: 'POST' });
    expect(post.status).toBe(404);
  });
});

describe('the API with the web app', () => {
  let stack: TestStack;
  const client = httpClient(() => stack.baseUrl!);

  beforeAll(async () => {
    stack = await startTestStack({ http: true });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('keeps API routes and the docs as they were', async () => {
    const list = await client.request<{ code: string }>('GET', '/applications?mine=true');
    expect(list.status).toBe(401);
    expect(list.body.code).toBe('UNAUTHENTICATED');
    const docs = await client.request<{ paths: Record<string, unknown> }>('GET', '/docs/openapi.json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toContain('/applications');
  });

  it("gives the web app's paths their own content security policy, and the API its own", async () => {
    const page = await fetch(`${stack.baseUrl}/app/login`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).not.toContain('upgrade-insecure-requests');
    const api = await fetch(`${stack.baseUrl}/health`);
    expect(api.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });
});
