import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient } from '../src/api/client';
import { fakeFetch, json, tokenBody, type Call } from './helpers';

/** A server where token `valid` is accepted and the refresh cookie yields `next`. */
function server(opts: { valid: () => string; refresh: () => Response | Promise<Response> }) {
  return (c: Call) => {
    if (c.url === '/api/tokens' && c.method === 'POST') return json(200, tokenBody('A'));
    if (c.url === '/api/tokens' && c.method === 'PUT') return opts.refresh();
    if (c.auth !== `Bearer ${opts.valid()}`) return json(401, { error: 'Unauthorized', message: 'Token expired' });
    return json(200, { ok: c.url });
  };
}

async function loggedIn(handler: (c: Call) => Response | Promise<Response>) {
  const f = fakeFetch(handler);
  const api = createApiClient({ fetch: f.fetch });
  await api.login('ana', 'pw', false);
  f.calls.length = 0;
  return { api, calls: f.calls };
}

describe('api client', () => {
  it('refreshes once on a 401 and retries with the new token', async () => {
    const valid = 'B';
    const { api, calls } = await loggedIn(server({ valid: () => valid, refresh: () => json(200, tokenBody('B')) }));
    const res = await api.get<{ ok: string }>('/me');
    expect(res.ok).toBe('/api/me');
    expect(calls.map((c) => `${c.method} ${c.url} ${c.auth}`)).toEqual([
      'GET /api/me Bearer A',
      'PUT /api/tokens null',
      'GET /api/me Bearer B',
    ]);
    expect(api.token).toBe('B');
  });

  it('does not refresh twice when the retry is refused too', async () => {
    const { api, calls } = await loggedIn(server({ valid: () => 'never', refresh: () => json(200, tokenBody('B')) }));
    await expect(api.get('/me')).rejects.toMatchObject({ status: 401 });
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1);
    expect(calls).toHaveLength(3);
  });

  it('shares a single refresh between concurrent 401s', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { api, calls } = await loggedIn(
      server({
        valid: () => 'B',
        refresh: async () => {
          await gate;
          return json(200, tokenBody('B'));
        },
      }),
    );
    const all = Promise.all([api.get('/a'), api.get('/b'), api.post('/c', { x: 1 }), api.get('/d')]);
    // Let every first attempt come back 401 while the refresh is still pending.
    await new Promise((r) => setTimeout(r, 10));
    release();
    const results = await all;
    expect(results).toHaveLength(4);
    expect(calls.filter((c) => c.method === 'PUT' && c.url === '/api/tokens')).toHaveLength(1);
    const retried = calls.filter((c) => c.auth === 'Bearer B').map((c) => c.url).sort();
    expect(retried).toEqual(['/api/a', '/api/b', '/api/c', '/api/d']);
    expect(calls.find((c) => c.url === '/api/c' && c.auth === 'Bearer B')?.body).toEqual({ x: 1 });
  });

  it('retries without refreshing when another request already refreshed', async () => {
    let valid = 'A';
    let answer401: (() => void) | null = null;
    const f = fakeFetch(async (c) => {
      if (c.url === '/api/tokens' && c.method === 'POST') return json(200, tokenBody('A'));
      if (c.url === '/api/tokens' && c.method === 'PUT') {
        valid = 'B';
        return json(200, tokenBody('B'));
      }
      if (c.url === '/api/slow' && c.auth === 'Bearer A') {
        // Answered only after the other request has refreshed.
        await new Promise<void>((r) => (answer401 = r));
        return json(401, { error: 'Unauthorized' });
      }
      return c.auth === `Bearer ${valid}` ? json(200, {}) : json(401, { error: 'Unauthorized' });
    });
    const api = createApiClient({ fetch: f.fetch });
    await api.login('ana', 'pw', false);
    valid = 'expired';
    const slow = api.get('/slow');
    await api.get('/fast');
    (answer401 as unknown as () => void)();
    await slow;
    expect(f.calls.filter((c) => c.method === 'PUT')).toHaveLength(1);
  });

  it('logs out locally when the refresh cookie is rejected', async () => {
    const { api } = await loggedIn(server({ valid: () => 'B', refresh: () => json(401, { error: 'Unauthorized' }) }));
    const seen = vi.fn();
    api.onAuthChange(seen);
    await expect(api.get('/me')).rejects.toBeInstanceOf(ApiError);
    expect(seen).toHaveBeenCalledWith(null);
    expect(api.token).toBeNull();
  });

  it('never refreshes for anonymous requests', async () => {
    const f = fakeFetch(() => json(401, { error: 'Unauthorized', message: 'Missing token' }));
    const api = createApiClient({ fetch: f.fetch });
    await expect(api.get('/feed')).rejects.toMatchObject({ status: 401, message: 'Missing token' });
    expect(f.calls).toHaveLength(1);
  });

  it('surfaces field errors from the error body', async () => {
    const f = fakeFetch(() =>
      json(422, {
        error: 'Unprocessable Entity',
        message: 'Validation failed',
        errors: { username: ['Username already in use.'], email: ['Not a valid email address.', 'Too long.'] },
      }),
    );
    const api = createApiClient({ fetch: f.fetch });
    const err = (await api.post('/users', { username: 'x' }).catch((e) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(422);
    expect(err.error).toBe('Unprocessable Entity');
    expect(err.message).toBe('Validation failed');
    expect(err.field('username')).toBe('Username already in use.');
    expect(err.errors.email).toEqual(['Not a valid email address.', 'Too long.']);
    expect(err.field('password')).toBeUndefined();
  });

  it('keeps Retry-After and copes with non-JSON errors and network failures', async () => {
    let mode = 0;
    const f = fakeFetch(() => {
      if (mode === 0) return json(429, { error: 'Too Many Requests', message: 'Slow down' }, { 'Retry-After': '30' });
      if (mode === 1) return new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' });
      throw new TypeError('Failed to fetch');
    });
    const api = createApiClient({ fetch: f.fetch });
    // The client words rate limits and proxy pages itself (issue [4/8], defect 3: tests/errors.test.ts).
    await expect(api.get('/posts')).rejects.toMatchObject({
      status: 429,
      retryAfter: 30,
      message: 'Too many attempts. Try again in a minute.',
    });
    mode = 1;
    await expect(api.get('/posts')).rejects.toMatchObject({ status: 502, error: 'Bad Gateway' });
    mode = 2;
    await expect(api.get('/posts')).rejects.toMatchObject({ status: 0 });
  });

  it('builds query strings, follows absolute _links and sends credentials same-origin', async () => {
    const f = fakeFetch(() => new Response(null, { status: 204 }));
    const api = createApiClient({ fetch: f.fetch });
    await api.get('/feed', { before: 42, empty: '', none: undefined });
    await api.get('http://example.test/api/users?page=2&per_page=25');
    await api.get('/api/notifications?since=1.5');
    expect(f.calls.map((c) => c.url)).toEqual([
      '/api/feed?before=42',
      '/api/users?page=2&per_page=25',
      '/api/notifications?since=1.5',
    ]);
    const init = (f.fetch as unknown as ReturnType<typeof vi.fn>).mock.calls[0][1] as RequestInit;
    expect(init.credentials).toBe('same-origin');
  });

  it('restores a session from the refresh cookie and hands out fresh tokens', async () => {
    let now = 1_000_000;
    let n = 0;
    const f = fakeFetch((c) => (c.method === 'PUT' ? json(200, tokenBody(`T${++n}`)) : json(200, {})));
    const api = createApiClient({ fetch: f.fetch, now: () => now });
    const users = vi.fn();
    api.onAuthChange(users);
    expect(await api.restore()).toBe(true);
    expect(users).toHaveBeenCalledWith(expect.objectContaining({ username: 'ana' }));
    expect(await api.freshToken()).toBe('T1');
    now += 899_000; // 1 s of validity left: too little for a socket handshake
    expect(await api.freshToken()).toBe('T2');
  });
});
