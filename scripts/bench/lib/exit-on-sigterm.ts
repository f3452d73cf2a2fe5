/**
 * Preloaded into the API when the bench profiles it (`node --cpu-prof -r exit-on-sigterm main.js`): V8 writes a
 * `--cpu-prof` profile only when the process exits by itself, and the API has no SIGTERM handler of its own.
 */
process.once('SIGTERM', () => process.exit(0));
