// Resolves the `@aidflow/*` path aliases of tsconfig.json inside the compiled dist/ tree.
// Usage: node -r ./scripts/register-dist-paths.js dist/...
const { join } = require('node:path');
const { register } = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.json');

register({ baseUrl: join(__dirname, '..', 'dist'), paths: compilerOptions.paths });
