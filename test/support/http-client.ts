import { DEMO_PASSWORD } from '../../scripts/lib/seed';

/** The API's answer to a refused request (the exception filter's `{ code, message }`). */
export interface ErrorBody {
  code: string;
  message: string;
}

export interface HttpResult<T = Record<string, unknown>> {
  status: number;
  /** Parsed JSON, or the raw text when the response is not JSON (CSV exports). */
  body: T;
  contentType: string;
}

export interface HttpRequest {
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, with its own content type (file uploads). */
  raw?: { contentType: string; bytes: Buffer };
  headers?: Record<string, string>;
}

export interface HttpClient {
  request<T = Record<string, unknown>>(method: string, path: string, options?: HttpRequest): Promise<HttpResult<T>>;
  /** Logs a demo user in (password `aidflow-demo`) once and caches the token. */
  login(username: string): Promise<string>;
}

/** A small fetch client for the e2e suites: JSON in, JSON (or text) out, demo logins cached per client. */
export function httpClient(baseUrl: () => string): HttpClient {
  const tokens = new Map<string, string>();
  const request = async <T>(method: string, path: string, options: HttpRequest = {}): Promise<HttpResult<T>> => {
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.raw ? { 'content-type': options.raw.contentType } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: options.raw
        ? new Uint8Array(options.raw.bytes)
        : options.body === undefined
          ? undefined
          : JSON.stringify(options.body),
    });
    const contentType = response.headers.get('content-type') ?? '';
    const text = await response.text();
    const body = (contentType.includes('json') && text ? JSON.parse(text) : text || null) as T;
    return { status: response.status, body, contentType };
  };
  return {
    request,
    login: async (username) => {
      const known = tokens.get(username);
      if (known) return known;
      const { status, body } = await request<{ accessToken: string }>('POST', '/auth/login', {
        body: { username, password: DEMO_PASSWORD },
      });
      if (status !== 200) throw new Error(`Login of ${username} answered ${status}`);
      tokens.set(username, body.accessToken);
      return body.accessToken;
    },
  };
}
