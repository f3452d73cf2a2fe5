import { defineConfig } from '@playwright/test';

/**
 * Browser tests (`npm run test:web`): Playwright's runner driving Debian's chromium (apt-get install chromium; the
 * Playwright browser downloads cannot work here) against the real stack, which test/browser/global-setup.ts starts
 * like `npm start` does. Set WEB_BASE_URL to run them against a stack already running instead.
 */
export default defineConfig({
  testDir: 'test/browser',
  testMatch: '**/*.pw.ts',
  globalSetup: './test/browser/global-setup.ts',
  outputDir: 'test-results/web',
  // Generous: on a loaded 2-core machine the first test (six screens, each checked by axe-core) has taken 2 minutes.
  timeout: 300_000,
  expect: { timeout: 30_000 },
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // No first-run, sync, update or network chatter: the machine reaches loopback only.
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
