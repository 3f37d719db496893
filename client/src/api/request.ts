// The one way the client speaks to the server: every typed call (config, grids, edits, incidents,
// dispatch, the wall, reports, the session, the worker's outbox) goes through send() and request().
// Cancelling is the caller's choice: pass an AbortSignal and the fetch stops with it; pass none and
// the answer arrives whoever still wants it. A refusal is always one ApiError with the server's
// error envelope (`{error:{code,message,details}}`), and a lost session is always told to
// auth-events, wherever the call was made.
import { reportAuthFailure } from './auth-events';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The server's 4xx/5xx answer as one error: its status, its code (null when it sent none), its words. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | null;
  readonly url: string;
  /** The envelope's details (who changed a stale grid, what a transition allows…), when it sent some. */
  declare readonly details?: unknown;

  constructor(url: string, status: number, code: string | null, message: string) {
    super(message);
    this.name = 'ApiError';
    this.url = url;
    this.status = status;
    this.code = code;
  }
}

/**
 * Which refusals this call tells the session about (auth-events classifies them):
 * - `all`: a 401 anywhere, a 403 on a read;
 * - `401-only`: a 403 on this read is about one thing, not the view (a supervisor opening an
 *   incident outside their regions), so only a 401 ends the session;
 * - `all-but-401`: here a 401 is an answer, not a lost session (who-am-I: "nobody").
 * (The outbox reads refusals as answers and tells the session once per flush: it uses send().)
 */
export type AuthEvents = 'all' | '401-only' | 'all-but-401';

export interface SendOptions {
  method?: Method;
  /** A body sent as JSON. */
  json?: unknown;
  /** A body sent as it is (text, bytes, a form), with its content type unless the browser sets it. */
  body?: BodyInit;
  contentType?: string;
  /** The key that makes a write happen once however often it is sent (a retry, a double click). */
  idempotencyKey?: string;
  /** More headers (the wall's display token as `authorization`). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Empty in the browser (same origin), absolute in tests and scripts. */
  baseUrl?: string;
  fetch?: FetchLike;
}

export type Expect = 'json' | 'text' | 'binary' | 'none';

export interface RequestOptions extends SendOptions {
  /** How the answer's body is read: JSON (the default), text, bytes, or not at all. */
  expect?: Expect;
  authEvents?: AuthEvents;
}

const ACCEPT: Record<Expect, string> = {
  json: 'application/json',
  text: 'text/plain',
  binary: 'application/octet-stream',
  // Nothing to read on success, but a refusal still comes as a JSON envelope.
  none: 'application/json',
};

const defaultFetch: FetchLike = (input, init) => fetch(input, init);

/** The fetch itself, status not judged: for callers that read a refusal as an answer (the outbox). */
export function send(path: string, options: SendOptions & { accept?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: options.accept ?? ACCEPT.json };
  let body: BodyInit | undefined = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.contentType) {
    headers['content-type'] = options.contentType;
  }
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  Object.assign(headers, options.headers);
  return (options.fetch ?? defaultFetch)((options.baseUrl ?? '') + path, {
    method: options.method ?? 'GET',
    headers,
    body,
    credentials: 'same-origin',
    signal: options.signal,
  });
}

/** The ApiError of a failed response, read from the server's envelope; the status line when it sent none. */
export async function apiErrorOf(url: string, res: Response): Promise<ApiError> {
  let code: string | null = null;
  let message = `${res.status} ${res.statusText}`.trim();
  let details: unknown;
  try {
    const body: unknown = await res.json();
    const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
    if (typeof error?.code === 'string') code = error.code;
    if (typeof error?.message === 'string') message = error.message;
    details = error?.details;
  } catch {
    /* not JSON: keep the status line */
  }
  const error = new ApiError(url, res.status, code, message);
  return details === undefined ? error : Object.assign(error, { details });
}

function tellTheSession(authEvents: AuthEvents, method: string, error: ApiError): void {
  if (authEvents === '401-only' && error.status !== 401) return;
  if (authEvents === 'all-but-401' && error.status === 401) return;
  reportAuthFailure(method, error.url, error.status, error.message);
}

/**
 * One call of the API: the answer's body read as `expect` says (a 204 has none), or an ApiError.
 * An aborted call rejects with the signal's AbortError, as fetch does.
 */
export function request<T>(path: string, options?: RequestOptions & { expect?: 'json' }): Promise<T>;
export function request(path: string, options: RequestOptions & { expect: 'text' }): Promise<string>;
export function request(path: string, options: RequestOptions & { expect: 'binary' }): Promise<ArrayBuffer>;
export function request(path: string, options: RequestOptions & { expect: 'none' }): Promise<void>;
export async function request(path: string, options: RequestOptions = {}): Promise<unknown> {
  const expect = options.expect ?? 'json';
  const url = (options.baseUrl ?? '') + path;
  const res = await send(path, { ...options, accept: ACCEPT[expect] });
  if (!res.ok) {
    const error = await apiErrorOf(url, res);
    tellTheSession(options.authEvents ?? 'all', options.method ?? 'GET', error);
    throw error;
  }
  if (res.status === 204 || expect === 'none') {
    await res.body?.cancel().catch(() => {});
    return undefined;
  }
  if (expect === 'text') return res.text();
  if (expect === 'binary') return res.arrayBuffer();
  return res.json();
}
