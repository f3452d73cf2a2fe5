import { join } from 'node:path';
import { startBrowserStack } from './stack';

/** Starts the real stack once for every browser test; WEB_BASE_URL reaches the tests (Playwright passes env on). */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.WEB_BASE_URL) return () => Promise.resolve(); // a stack started by hand: `npm start`, then test:web
  const stack = await startBrowserStack(join(__dirname, '..', '..'), (line) => console.log(line));
  process.env.WEB_BASE_URL = stack.baseUrl;
  return () => stack.stop();
}
