// The API client's one upload helper (issue [5/8]): XMLHttpRequest for progress, with the same token,
// refresh-and-retry, Accept-Language and error mapping as every other call.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient } from '../src/api/client';
import { fakeFetch, json, tokenBody } from './helpers';

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Progress events sent before answering: [loaded, total]. */
  progress?: [number, number][];
  network?: boolean;
}

/** A scripted XMLHttpRequest: each request takes the next answer (or waits until `answerNext`). */
class FakeXhr {
  static sent: FakeXhr[] = [];
  static answers: Answer[] = [];
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  status = 0;
  statusText = '';
  responseText = '';
  responseHeaders: Record<string, string> = {};
  upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  onloadend: (() => void) | null = null;
  aborted = false;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name.toLowerCase()] ?? null;
  }
  send(body: unknown) {
    this.body = body;
    FakeXhr.sent.push(this);
    const answer = FakeXhr.answers.shift();
    if (answer) queueMicrotask(() => this.answer(answer));
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
    this.onloadend?.();
  }
  answer(a: Answer) {
    for (const [loaded, total] of a.progress ?? []) {
      this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent);
    }
    if (a.network) {
      this.onerror?.();
    } else {
      this.status = a.status;
      this.statusText = a.status === 201 ? 'Created' : 'Error';
      this.responseText = a.body === undefined ? '' : JSON.stringify(a.body);
      this.responseHeaders = { 'content-type': 'application/json', ...a.headers };
      this.onload?.();
    }
    this.onloadend?.();
  }
}

const MEDIA = { id: 7, url: '/media/a.webp', preview_url: '/media/a-p.webp', width: 40, height: 30, alt: null };

async function client() {
  const f = fakeFetch((c) => {
    if (c.url === '/api/tokens' && c.method === 'POST') return json(200, tokenBody('A'));
    if (c.url === '/api/tokens' && c.method === 'PUT') return json(200, tokenBody('B'));
    return json(404, { error: 'Not Found', message: 'Nothing here' });
  });
  const api = createApiClient({ fetch: f.fetch });
  await api.login('ana', 'pw', false);
  f.calls.length = 0;
  return { api, calls: f.calls };
}

function form() {
  const data = new FormData();
  data.append('file', new File([new Uint8Array([1, 2, 3])], 'cat.png', { type: 'image/png' }));
  return data;
}

beforeEach(() => {
  FakeXhr.sent = [];
  FakeXhr.answers = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api.upload', () => {
  it('posts the form with the token and language, reports progress, and answers the JSON', async () => {
    const { api } = await client();
    api.setLanguage('es');
    FakeXhr.answers.push({ status: 201, body: MEDIA, progress: [[1, 4], [4, 4]] });
    const progress: number[] = [];
    const media = await api.upload('/media', form(), { onProgress: (p) => progress.push(p) });
    expect(media).toEqual(MEDIA);
    expect(progress).toEqual([0.25, 1]);
    const [xhr] = FakeXhr.sent;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/media');
    expect(xhr.headers).toMatchObject({ Authorization: 'Bearer A', 'Accept-Language': 'es', Accept: 'application/json' });
    // The browser writes the multipart boundary: no Content-Type of our own.
    expect(xhr.headers['Content-Type']).toBeUndefined();
    expect(xhr.body).toBeInstanceOf(FormData);
  });

  it("maps the server's refusal to an ApiError with its localised message", async () => {
    const { api } = await client();
    FakeXhr.answers.push({
      status: 415,
      body: { error: 'Unsupported Media Type', message: 'Ese archivo no es una imagen.', errors: { file: ['No es una imagen.'] } },
    });
    const error = (await api.upload('/media', form()).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(415);
    expect(error.message).toBe('Ese archivo no es una imagen.');
    expect(error.field('file')).toBe('No es una imagen.');
  });

  it('refreshes the token once on a 401 and sends the file again', async () => {
    const { api, calls } = await client();
    FakeXhr.answers.push({ status: 401, body: { error: 'Unauthorized', message: 'Token expired' } }, { status: 201, body: MEDIA });
    await expect(api.upload('/media', form())).resolves.toEqual(MEDIA);
    expect(FakeXhr.sent.map((x) => x.headers.Authorization)).toEqual(['Bearer A', 'Bearer B']);
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['PUT /api/tokens']);
  });

  it('words a dropped connection itself', async () => {
    const { api } = await client();
    FakeXhr.answers.push({ status: 0, network: true });
    await expect(api.upload('/media', form())).rejects.toMatchObject({ status: 0, message: expect.stringContaining('Could not reach') });
  });

  it('cancels with its signal (an AbortError, not an ApiError)', async () => {
    const { api } = await client();
    const abort = new AbortController();
    const pending = api.upload('/media', form(), { signal: abort.signal });
    await vi.waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    abort.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(FakeXhr.sent[0].aborted).toBe(true);
  });
});
