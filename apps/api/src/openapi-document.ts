import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '@aidflow/config';
import { ApiModule } from './api.module';

/** The OpenAPI document of the API (served at GET /docs/openapi.json). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('aidflow API')
      .setDescription(
        'Aid and award approvals of a city federation of trade unions. Errors are `{ code, message, details? }`. ' +
          'Log in with POST /auth/login and send `Authorization: Bearer <accessToken>`.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
}

/**
 * The same document without a database or a workflow engine: Nest's preview mode reads the controllers' metadata
 * and instantiates no provider (the web app's client types are generated from it, test/web/api-types.test.ts).
 */
export async function offlineOpenApiDocument(): Promise<OpenAPIObject> {
  // Placeholders that pass validation: in preview mode nothing connects to them.
  const config = loadConfig({
    DATABASE_URL: 'postgres://offline@127.0.0.1:1/offline',
    JWT_SECRET: 'x'.repeat(32),
    PAYLOAD_KEYS: `offline:${Buffer.alloc(32).toString('base64')}`,
    PAYLOAD_KEY_CURRENT: 'offline',
  });
  const app = await NestFactory.create(ApiModule.forRoot(config), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return openApiDocument(app);
  } finally {
    await app.close();
  }
}
