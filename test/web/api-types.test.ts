import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The web app's client types are generated from the API's OpenAPI document (built without a running stack): when a
 * controller or DTO changes, this fails until `npm run web:api-types` is run and the new file committed. The generator
 * runs as its own process (scripts/web-api-types.ts --print), as `npm run web:api-types` runs it.
 */
const root = join(__dirname, '..', '..');
const schemaFile = join(root, 'apps', 'web', 'src', 'api', 'schema.d.ts');

it('keeps apps/web/src/api/schema.d.ts in step with the OpenAPI document of the API', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'scripts/web-api-types.ts', '--print'],
    { cwd: root, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json' } },
  );
  expect(stdout).toContain("'/applications': {");
  expect(stdout).toContain('ApplicationListResponse');
  const committed = readFileSync(schemaFile, 'utf8');
  if (committed !== stdout) {
    throw new Error('apps/web/src/api/schema.d.ts is stale: run `npm run web:api-types` and commit the file');
  }
}, 120_000);
