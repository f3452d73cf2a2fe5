import createClient from 'openapi-fetch';
import type { Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { session } from '../auth/session';
import { availability } from '../common/availability';

export type Schemas = components['schemas'];

/** A refusal of the API: `{ code, message, details? }` with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = session.get()?.accessToken;
    if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    observe(response, new URL(request.url).pathname);
    return response;
  },
};

/** What every answer tells the app: a 401 ends the session (back to login, then back here), a 503 shows the banner. */
function observe(response: Response, path: string): void {
  if (response.status === 401 && path !== '/auth/login') session.expire();
  if (response.status === 503) availability.down();
  else availability.up();
}

/** Typed client of the API (types generated from its OpenAPI document: npm run web:api-types). */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

/** The data of an openapi-fetch answer, or an ApiError. Network failures count as unavailable. */
export async function call<T>(promise: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await promise;
  } catch (err) {
    availability.down();
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err));
  }
  if (result.response.ok) return result.data as T;
  const body = (result.error ?? {}) as { code?: string; message?: string; details?: unknown };
  throw new ApiError(
    result.response.status,
    body.code ?? `HTTP_${result.response.status}`,
    body.message ?? '',
    body.details,
  );
}

/** Raw bytes to the API (attachments), with the session's token. */
export async function upload(path: string, file: File, headers: Record<string, string>): Promise<unknown> {
  const token = session.get()?.accessToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      body: file,
      headers: { 'content-type': file.type, ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    });
  } catch (err) {
    availability.down();
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err));
  }
  observe(response, path);
  const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
  if (!response.ok) throw new ApiError(response.status, body.code ?? `HTTP_${response.status}`, body.message ?? '');
  return body;
}

/** A key for Idempotency-Key headers (crypto.randomUUID needs a secure context; a LAN http:// address is not one). */
export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
