import { join } from 'node:path';
import { projectRoot } from './lib/project-root';
import { ensureTemporalCli } from './lib/temporal-cli';

/** `npm run temporal:install`: finds or builds the Temporal CLI ahead of the first start. */
ensureTemporalCli(join(projectRoot(), '.cache'), (m) => console.log(m))
  .then((path) => console.log(`Temporal CLI: ${path}`))
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
