import { gzipSync } from 'node:zlib';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

/**
 * The web app (apps/web). `npm run build` writes apps/web/dist, which the API serves at / (apps/api/src/web-app.ts).
 * `npm run web:dev` serves it from source on http://127.0.0.1:5173 with reload on save, and proxies every API path
 * to the API of a running `npm start` (AIDFLOW_API_URL, default http://127.0.0.1:3000).
 */
const api = process.env.AIDFLOW_API_URL ?? 'http://127.0.0.1:3000';
/** Every top-level path of the API's controllers (the web app's own routes are under /app). */
const API_PREFIXES = [
  '/auth',
  '/users',
  '/applications',
  '/tasks',
  '/programs',
  '/me',
  '/audit',
  '/budgets',
  '/calendar',
  '/campaigns',
  '/notifications',
  '/public-notices',
  '/household-files',
  '/medical-enrolments',
  '/model-workers',
  '/health',
  '/docs',
  '/codec',
];

/** Each role's first screen (app-root.tsx: Home), by the module its lazy chunk starts from. */
const ROLE_HOMES: Record<string, string> = {
  applicant: 'src/applicant/applicant-home.tsx',
  approver: 'src/approver/inbox-page.tsx',
  auditor: 'src/audit/audit-search-page.tsx',
  admin: 'src/pages/staff-home.tsx',
};
const BUDGET_KB = 500;

/**
 * Prints, after the build, the JavaScript a role downloads before its first screen shows: the entry chunk, the role
 * home's lazy chunk and every chunk either imports statically, gzipped. Printed, not asserted (issue 12: <= 500 KB).
 */
function roleBundleSizes(): Plugin {
  return {
    name: 'aidflow-role-bundle-sizes',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      const gz = new Map(chunks.map((c) => [c.fileName, gzipSync(c.code, { level: 9 }).length]));
      const closure = (start: string[]): Set<string> => {
        const seen = new Set<string>();
        const stack = [...start];
        while (stack.length) {
          const file = stack.pop()!;
          if (seen.has(file)) continue;
          seen.add(file);
          stack.push(...(byFile.get(file)?.imports ?? []));
        }
        return seen;
      };
      const entry = chunks.find((c) => c.isEntry)!;
      const lines = ['', 'Initial JavaScript per role (gzipped; entry + first screen + their static imports):'];
      for (const [role, module] of Object.entries(ROLE_HOMES)) {
        const home = chunks.find((c) => c.facadeModuleId?.endsWith(module));
        const files = closure([entry.fileName, ...(home ? [home.fileName] : [])]);
        const kb = [...files].reduce((sum, f) => sum + (gz.get(f) ?? 0), 0) / 1024;
        lines.push(
          `  ${role.padEnd(16)} ${kb.toFixed(1).padStart(7)} KB  ${kb <= BUDGET_KB ? 'ok' : `OVER ${BUDGET_KB} KB`}`,
        );
      }
      console.log(lines.join('\n') + '\n');
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [roleBundleSizes()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // Ant Design marks its modules "use client" for React Server Components; a browser bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: Object.fromEntries(API_PREFIXES.map((prefix) => [prefix, { target: api, changeOrigin: true }])),
  },
});
