import type { INestApplication, LoggerService } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { AppConfig } from '@aidflow/config';
import { ApiModule } from './api.module';
import { attachmentBodyParser } from './attachments/attachment-body';
import { ATTACHMENT_UPLOAD_ROUTE } from './attachments/attachments.controller';
import { CODEC_PATH, codecCors } from './codec/codec-cors';
import { ApplicationExceptionFilter } from './common/application-exception.filter';
import { DepthLimitedValidationPipe } from './common/depth-limited-validation.pipe';
import { openApiDocument } from './openapi-document';
import { serveWebApp, WEB_APP_PATHS, webAppHeaders } from './web-app';

/** Builds the HTTP app (used by main.ts and by the e2e tests). */
export async function createApi(config: AppConfig, logger?: LoggerService | false): Promise<INestApplication> {
  const app = await NestFactory.create(ApiModule.forRoot(config), { logger: logger ?? undefined });
  // Security headers on every answer (helmet's defaults: HSTS, nosniff, frame and referrer policies, a
  // `default-src 'self'` content security policy, same-origin resource policy). Two routes differ:
  // - the Swagger UI at /docs loads its scripts from /docs itself (none inline) but styles inline, and must load them
  //   over plain HTTP too (helmet's `upgrade-insecure-requests` sends a browser on a non-local http:// address to
  //   https:// for every asset: a blank page);
  // - the codec routes answer the Temporal Web UI on another origin (CORS decides who may), so their resources may be
  //   read across origins.
  const apiHeaders = helmet();
  const codecHeaders = helmet({ crossOriginResourcePolicy: { policy: 'cross-origin' } });
  const docsHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        upgradeInsecureRequests: null,
      },
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const headers =
      req.path === '/docs' || req.path.startsWith('/docs/')
        ? docsHeaders
        : CODEC_PATH.test(req.originalUrl)
          ? codecHeaders
          : WEB_APP_PATHS.test(req.path)
            ? webAppHeaders
            : apiHeaders;
    headers(req, res, next);
  });
  // The web app on its own paths (/, /app/..., /assets/...): no API route starts with them.
  serveWebApp(app);
  // Registered before Nest adds its JSON parser (at init): uploads arrive as raw bytes, up to the configured limit.
  app.use(ATTACHMENT_UPLOAD_ROUTE, attachmentBodyParser(config.attachments.maxBytes));
  app.useGlobalPipes(new DepthLimitedValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new ApplicationExceptionFilter());
  app.enableShutdownHooks();
  app.enableCors(codecCors(config.api.codecCorsOrigins));
  const document = openApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
