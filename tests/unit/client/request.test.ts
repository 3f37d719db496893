// request() against a real HTTP server on a local port (no fake fetch): what goes over the wire,
// how the server's error envelope comes back, that an abort stops the exchange, and which
// refusals reach the session (auth-events).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { onAuthFailure, type AuthFailure } from '../../../client/src/api/auth-events';
import { ApiError, request } from '../../../client/src/api/request';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server;
let baseUrl = '';
let handler: Handler = (_req, res) => res.end();
const seen: Seen[] = [];
/** Requests whose client went away before the answer (an abort reaching the server). */
let closedEarly = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.on('close', () => {
        if (!res.writableFinished) closedEarly++;
      });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  seen.length = 0;
  closedEarly = 0;
});

function answer(status: number, body: string, contentType = 'application/json'): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  };
}

const envelope = (code: string, message: string, details?: unknown) => JSON.stringify({ error: { code, message, details } });

function failures(): { heard: AuthFailure[]; stop: () => void } {
  const heard: AuthFailure[] = [];
  const stop = onAuthFailure((f) => heard.push(f));
  return { heard, stop };
}

describe('request()', () => {
  it('sends a JSON body with its Idempotency-Key and reads the JSON answer', async () => {
    handler = answer(201, '{"id":5}');
    const result = await request<{ id: number }>('/api/incidents', { baseUrl, method: 'POST', json: { a: 1 }, idempotencyKey: 'key-12345678' });
    expect(result).toEqual({ id: 5 });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/incidents', body: '{"a":1}' });
    expect(seen[0].headers).toMatchObject({ accept: 'application/json', 'content-type': 'application/json', 'idempotency-key': 'key-12345678' });
  });

  it('reads text and bytes when asked, and nothing from a 204', async () => {
    handler = answer(200, 'a,b\n1,2\n', 'text/csv');
    expect(await request('/export', { baseUrl, expect: 'text' })).toBe('a,b\n1,2\n');
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.from([1, 2, 250]));
    };
    const bytes = await request('/points.bin', { baseUrl, expect: 'binary' });
    expect([...new Uint8Array(bytes)]).toEqual([1, 2, 250]);
    expect(seen[1].headers.accept).toBe('application/octet-stream');
    handler = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    expect(await request('/api/auth/logout', { baseUrl, method: 'POST' })).toBeUndefined();
  });

  it('turns the server’s error envelope into one ApiError with status, code, message and details', async () => {
    handler = answer(409, envelope('stale_version', 'changed meanwhile', { changedBy: 'li', currentVersion: 4 }));
    const error = await request('/api/grids/3', { baseUrl, method: 'PUT', json: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      name: 'ApiError',
      status: 409,
      code: 'stale_version',
      message: 'changed meanwhile',
      url: `${baseUrl}/api/grids/3`,
      details: { changedBy: 'li', currentVersion: 4 },
    });
  });

  it('keeps the status line when the refusal is not the envelope', async () => {
    handler = (_req, res) => {
      res.writeHead(502, 'Bad Gateway', { 'content-type': 'text/html' });
      res.end('<html>bad gateway</html>');
    };
    const error = (await request('/api/config', { baseUrl }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.code, error.message, 'details' in error]).toEqual([502, null, '502 Bad Gateway', false]);
  });

  it('stops the exchange when its signal aborts', async () => {
    // The server never answers: only the abort can end this call.
    handler = () => {};
    const ac = new AbortController();
    const pending = request('/api/incidents/stats', { baseUrl, signal: ac.signal });
    await expect.poll(() => seen.length).toBe(1);
    ac.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ApiError);
    expect((error as Error).name).toBe('AbortError');
    await expect.poll(() => closedEarly).toBe(1);
  });

  it('tells the session of a 401 anywhere and of a refused read, not of a refused write', async () => {
    const { heard, stop } = failures();
    try {
      handler = answer(401, envelope('unauthorized', 'log in'));
      await request('/api/grids', { baseUrl }).catch(() => {});
      handler = answer(403, envelope('forbidden', 'not for your role'));
      await request('/api/incidents', { baseUrl }).catch(() => {});
      await request('/api/grids', { baseUrl, method: 'POST', json: {} }).catch(() => {});
      expect(heard).toEqual([{ kind: 'unauthorized' }, { kind: 'forbidden', message: 'not for your role' }]);
    } finally {
      stop();
    }
  });

  it('leaves the refusals a call claims as its own to that call', async () => {
    const { heard, stop } = failures();
    try {
      // One incident outside the supervisor's regions: not the view; a 401 still ends the session.
      handler = answer(403, envelope('forbidden', 'not your region'));
      await request('/api/incidents/7', { baseUrl, authEvents: '401-only' }).catch(() => {});
      handler = answer(401, envelope('unauthorized', 'log in'));
      await request('/api/incidents/7', { baseUrl, authEvents: '401-only' }).catch(() => {});
      // Who-am-I: a 401 is the answer "nobody".
      await request('/api/grids/editor', { baseUrl, authEvents: 'all-but-401' }).catch(() => {});
      // A wrong password is not a lost session.
      await request('/api/auth/login', { baseUrl, method: 'POST', json: {} }).catch(() => {});
      expect(heard).toEqual([{ kind: 'unauthorized' }]);
    } finally {
      stop();
    }
  });
});
