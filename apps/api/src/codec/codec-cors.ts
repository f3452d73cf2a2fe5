import type { CorsOptions, CorsOptionsDelegate } from '@nestjs/common/interfaces/external/cors-options.interface';
import type { Request } from 'express';

/** Only the codec routes are called from another origin (the Temporal Web UI in the browser). */
export const CODEC_PATH = /^\/codec\/(decode|encode)\/?(\?|$)/;

/**
 * CORS for the codec routes only, and only for the configured Web UI origins (CODEC_CORS_ORIGIN). The bearer token
 * travels in the Authorization header, never in cookies, so credentials stay off. Every other route answers no
 * cross-origin request at all.
 */
export function codecCors(origins: readonly string[]): CorsOptionsDelegate<Request> {
  const allowed: CorsOptions = {
    origin: [...origins],
    methods: ['POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Namespace'],
    credentials: false,
    maxAge: 600,
  };
  return (req, callback) => callback(null, CODEC_PATH.test(req.originalUrl ?? req.url) ? allowed : { origin: false });
}
