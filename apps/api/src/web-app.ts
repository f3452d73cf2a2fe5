import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * The web app (apps/web, built into apps/web/dist by `npm run build`), served by the API on its own paths so that it
 * never shadows an API route or /docs: `/` and every client route under `/app/...` answer index.html, `/assets/...`
 * and `/favicon.svg` are the built files. Anything else is the API's.
 */
export const WEB_APP_PATHS = /^\/(?:$|app(?:\/|$)|assets\/|favicon\.svg$)/;

/** apps/web/dist of the project (from apps/api/src in tests, from dist/apps/api/src when built). */
export function webDistDir(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'apps', 'web', 'dist');
}

/**
 * Security headers of the web app: scripts only from this origin (the build inlines none); inline styles, which Ant
 * Design's CSS-in-JS writes; images from data: and blob: URLs (attachment previews); no `upgrade-insecure-requests`,
 * which would send a browser on a plain-http LAN address to https:// for every asset.
 */
export const webAppHeaders = helmet({
  contentSecurityPolicy: {
    directives: {
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      upgradeInsecureRequests: null,
    },
  },
});

export function serveWebApp(app: INestApplication, distDir = webDistDir()): void {
  const index = join(distDir, 'index.html');
  const assets = express.static(join(distDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false });
  app.use('/assets', assets);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !WEB_APP_PATHS.test(req.path)) return next();
    if (req.path === '/favicon.svg') return res.sendFile(join(distDir, 'favicon.svg'), (err) => err && next());
    if (!existsSync(index)) {
      res.status(404).type('text/plain').send('The web app is not built: run `npm run build` (apps/web).');
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
}
