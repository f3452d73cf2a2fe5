import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import type { OpenAPI3 } from 'openapi-typescript';
import { format } from 'prettier';
import { offlineOpenApiDocument } from '../apps/api/src/openapi-document';
import { projectRoot } from './lib/project-root';

/**
 * The web app's client types (apps/web/src/api/schema.d.ts), generated from the API's own OpenAPI document without a
 * running stack (Nest preview mode). `npm run web:api-types` writes the file; with `--print` the text goes to stdout
 * instead, which test/web/api-types.test.ts compares with the committed file (in a child process: openapi-typescript
 * needs ESM packages that jest's module loader cannot require), so the UI and the API cannot drift apart.
 */
export const WEB_API_TYPES_FILE = join(projectRoot(), 'apps', 'web', 'src', 'api', 'schema.d.ts');

const HEADER =
  '/**\n * Generated from the API’s OpenAPI document by `npm run web:api-types` (scripts/web-api-types.ts).\n' +
  ' * Do not edit: test/web/api-types.test.ts fails when this file is stale.\n */\n\n';

export async function generateWebApiTypes(): Promise<string> {
  const document = await offlineOpenApiDocument();
  const ast = await openapiTS(document as unknown as OpenAPI3, { alphabetize: true });
  const options = JSON.parse(readFileSync(join(projectRoot(), '.prettierrc'), 'utf8')) as Record<string, unknown>;
  return format(HEADER + astToString(ast), { ...options, parser: 'typescript' });
}

if (require.main === module) {
  generateWebApiTypes().then(
    (text) => {
      if (process.argv.includes('--print')) {
        process.stdout.write(text, () => process.exit(0));
        return;
      }
      writeFileSync(WEB_API_TYPES_FILE, text);
      console.log(`Wrote ${WEB_API_TYPES_FILE}`);
      process.exit(0);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
