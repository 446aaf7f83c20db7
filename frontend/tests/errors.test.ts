// Issue [4/8], defect 3: every error the SPA shows is in the reader's language. The client words the
// failures that carry no server message (network, rate limits, a proxy's error page) from the i18n
// catalogs, and tells the server which language to answer in.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient, minutesToWait } from '../src/api/client';
import { fakeFetch, json } from './helpers';

async function appClient(handler: Parameters<typeof fakeFetch>[0]) {
  const f = fakeFetch(handler);
  vi.stubGlobal('fetch', f.fetch);
  vi.resetModules();
  const { api } = await import('../src/api');
  return { api, f };
}

function headersOf(f: ReturnType<typeof fakeFetch>, i = 0) {
  const init = (f.fetch as unknown as ReturnType<typeof vi.fn>).mock.calls[i][1] as RequestInit;
  return init.headers as Record<string, string>;
}

describe('error messages', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a network failure reads as a sentence, in English and Spanish', async () => {
    const { api } = await appClient(() => {
      throw new TypeError('Failed to fetch');
    });
    const en = await api.get('/posts').catch((e: ApiError) => e);
    expect((en as ApiError).name).toBe('ApiError'); // (a fresh module's class, after resetModules)
    expect((en as ApiError).status).toBe(0);
    expect((en as ApiError).message).toBe('Could not reach Inkwell. Check your connection and try again.');
    expect((en as ApiError).message).not.toBe('network');

    api.setLanguage('es');
    const es = (await api.get('/posts').catch((e: ApiError) => e)) as ApiError;
    expect(es.message).toBe('No se pudo conectar con Inkwell. Comprueba tu conexión y vuelve a intentarlo.');
  });

  it('a rate limit says when to try again, never "5 per 1 hour"', async () => {
    let retryAfter = '1800';
    const { api } = await appClient(() =>
      json(429, { error: 'Too Many Requests', message: '5 per 1 hour' }, { 'Retry-After': retryAfter }),
    );
    const e = (await api.post('/users', {}).catch((x: ApiError) => x)) as ApiError;
    expect(e.status).toBe(429);
    expect(e.retryAfter).toBe(1800);
    expect(e.message).toBe('Too many attempts. Try again in 30 minutes.');

    retryAfter = '42';
    api.setLanguage('es');
    const one = (await api.post('/tokens', {}).catch((x: ApiError) => x)) as ApiError;
    expect(one.message).toBe('Demasiados intentos. Vuelve a intentarlo dentro de un minuto.');

    retryAfter = '600';
    const ten = (await api.post('/tokens', {}).catch((x: ApiError) => x)) as ApiError;
    expect(ten.message).toBe('Demasiados intentos. Vuelve a intentarlo dentro de 10 minutos.');
  });

  it('reads Retry-After as an HTTP date too', async () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const f = fakeFetch(() =>
      json(429, {}, { 'Retry-After': new Date(now + 5 * 60_000).toUTCString() }),
    );
    const api = createApiClient({ fetch: f.fetch, now: () => now });
    const e = (await api.get('/x').catch((x: ApiError) => x)) as ApiError;
    expect(e.retryAfter).toBe(300);
    expect(e.message).toBe('Too many attempts. Try again in 5 minutes.');
    expect(minutesToWait(null)).toBe(1);
    expect(minutesToWait(89)).toBe(1);
    expect(minutesToWait(3599)).toBe(60);
  });

  it("a proxy's HTML error page becomes a sentence; the server's own messages pass through", async () => {
    let mode = 0;
    const { api } = await appClient(() =>
      mode === 0
        ? new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })
        : json(422, { error: 'Unprocessable Entity', message: 'Datos no válidos.', errors: { email: ['No es válido.'] } }),
    );
    const proxy = (await api.get('/feed').catch((x: ApiError) => x)) as ApiError;
    expect(proxy.status).toBe(502);
    expect(proxy.message).toBe('Inkwell is not answering right now. Try again in a moment.');
    mode = 1;
    const server = (await api.get('/feed').catch((x: ApiError) => x)) as ApiError;
    expect(server.message).toBe('Datos no válidos.');
    expect(server.field('email')).toBe('No es válido.');
  });

  it('sends Accept-Language once the app has chosen one (the browser default before)', async () => {
    const { api, f } = await appClient(() => json(200, {}));
    await api.get('/posts');
    expect(headersOf(f, 0)['Accept-Language']).toBeUndefined();
    api.setLanguage('es');
    await api.get('/posts');
    expect(headersOf(f, 1)['Accept-Language']).toBe('es');
  });
});

describe('ApiError.withoutField (defect 5)', () => {
  const e = new ApiError(409, 'Already in use.', 'Conflict', {
    username: ['Username already in use.'],
    email: ['Email already registered.'],
  });

  it('drops the edited field and keeps the others', () => {
    const rest = e.withoutField('username')!;
    expect(rest.field('username')).toBeUndefined();
    expect(rest.field('email')).toBe('Email already registered.');
    expect(rest.status).toBe(409);
    expect(e.field('username')).toBe('Username already in use.'); // the original is untouched
  });

  it('is nothing once every field it named has been edited; other fields leave it as is', () => {
    expect(e.withoutField('username')!.withoutField('email')).toBeNull();
    expect(e.withoutField('password')).toBe(e);
  });
});
