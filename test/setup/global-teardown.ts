import { STOPPERS } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const stoppers = ((globalThis as Record<string, unknown>)[STOPPERS] ?? []) as Array<() => Promise<void>>;
  for (const stop of stoppers) {
    try {
      await stop();
    } catch (err) {
      process.stderr.write(`[test teardown] ${String(err)}\n`);
    }
  }
}
