import type { Me, TokenResponse } from './types';

/** Every failed API call becomes one of these, so forms can show `errors[field]` next to the field. */
export class ApiError extends Error {
  readonly status: number;
  /** HTTP reason phrase from the body ("Not Found"), or a client-side label for network failures. */
  readonly error: string;
  readonly errors: Record<string, string[]>;
  readonly retryAfter: number | null;

  constructor(
    status: number,
    message: string,
    error = '',
    errors: Record<string, string[]> = {},
    retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.error = error;
    this.errors = errors;
    this.retryAfter = retryAfter;
  }

  /** The first message for a field, for inline display. */
  field(name: string): string | undefined {
    return this.errors[name]?.[0];
  }

  /**
   * This error once the user has edited `name`: its message for that field no longer applies. When
   * no field message is left, nothing is (the form-level text only summed the field errors up).
   */
  withoutField(name: string): ApiError | null {
    if (!(name in this.errors)) return this;
    const rest = { ...this.errors };
    delete rest[name];
    if (Object.keys(rest).length === 0) return null;
    return new ApiError(this.status, this.message, this.error, rest, this.retryAfter);
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Internal: the retry after a refresh must not refresh again. */
  retried?: boolean;
}

export type AuthListener = (user: Me | null) => void;

export interface UploadOptions {
  method?: 'POST' | 'PUT';
  onProgress?: UploadProgress;
  signal?: AbortSignal;
}

/** How much of an upload has been sent, from 0 to 1. */
export type UploadProgress = (fraction: number) => void;

/**
 * The failures the client itself puts into words: the server localises its own messages (it reads
 * Accept-Language), but a dropped connection, a rate limit or a proxy's HTML error page has none.
 */
export type ClientProblem =
  | { kind: 'network' }
  | { kind: 'rateLimited'; minutes: number }
  | { kind: 'tooLarge' }
  | { kind: 'unavailable'; status: number };

/** Words for a ClientProblem in `language`; api/index.ts answers from the i18n catalogs. */
export type ProblemText = (problem: ClientProblem, language: string | null) => string | Promise<string>;

export interface ApiClientOptions {
  base?: string;
  fetch?: typeof fetch;
  now?: () => number;
  problemText?: ProblemText;
}

// English, for a client made without a catalog (tests, scripts).
const ENGLISH: ProblemText = (p) => {
  if (p.kind === 'network') return 'Could not reach Inkwell. Check your connection and try again.';
  if (p.kind === 'rateLimited')
    return p.minutes === 1 ? 'Too many attempts. Try again in a minute.' : `Too many attempts. Try again in ${p.minutes} minutes.`;
  if (p.kind === 'tooLarge') return 'That is too large to send.';
  return 'Inkwell is not answering right now. Try again in a moment.';
};

/** Retry-After (seconds, or an HTTP date) as whole minutes to wait, at least one. */
export function minutesToWait(retryAfter: number | null): number {
  return Math.max(1, Math.round((retryAfter ?? 60) / 60));
}

function retryAfterSeconds(header: string | null, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.round((date - now) / 1000));
}

// The refresh endpoint itself and the login call must never trigger a refresh-and-retry loop.
const NO_REFRESH = new Set(['/tokens']);

export function createApiClient(options: ApiClientOptions = {}) {
  const base = options.base ?? '/api';
  const now = options.now ?? (() => Date.now());
  const doFetch: typeof fetch = (input, init) => (options.fetch ?? globalThis.fetch)(input, init);
  const problemText: ProblemText = async (problem, lang) => {
    try {
      return await (options.problemText ?? ENGLISH)(problem, lang);
    } catch {
      return ENGLISH(problem, lang); // the catalog could not load (offline): English beats nothing
    }
  };

  // The access token lives only in this closure: never in storage, so XSS cannot lift a saved copy.
  let token: string | null = null;
  let expiresAt = 0;
  // Until the app says which language it shows, the browser's own Accept-Language goes out.
  let language: string | null = null;
  let refreshing: Promise<string | null> | null = null;
  const listeners = new Set<AuthListener>();

  function emit(user: Me | null) {
    for (const l of listeners) l(user);
  }

  function adopt(res: TokenResponse) {
    token = res.access_token;
    expiresAt = now() + res.expires_in * 1000;
    emit(res.user);
  }

  function clear() {
    const had = token !== null;
    token = null;
    expiresAt = 0;
    if (had) emit(null);
  }

  function url(path: string, query?: Query): string {
    let full: string;
    if (/^https?:\/\//.test(path)) {
      // `_links` may be absolute; staying same-origin keeps the refresh cookie and CSP simple.
      const u = new URL(path);
      full = u.pathname + u.search;
    } else {
      full = path.startsWith(base + '/') || path === base ? path : base + path;
    }
    if (query) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) {
        if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
      }
      const qs = params.toString();
      if (qs) full += (full.includes('?') ? '&' : '?') + qs;
    }
    return full;
  }

  async function toError(res: Response): Promise<ApiError> {
    let body: { error?: string; message?: string; errors?: Record<string, string[] | string> } = {};
    let readable = false;
    try {
      body = await res.json();
      readable = typeof body === 'object' && body !== null && typeof body.message === 'string';
    } catch {
      // Non-JSON error (a proxy page, an empty 502): the client words it (below).
    }
    if (!readable) body = {};
    const errors: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(body.errors ?? {})) {
      errors[k] = Array.isArray(v) ? v.map(String) : [String(v)];
    }
    const retryAfter = retryAfterSeconds(res.headers.get('Retry-After'), now());
    let message = body.message;
    if (res.status === 429) {
      // Whoever answered (the API, nginx), the reader learns when to try again, in their language.
      message = await problemText({ kind: 'rateLimited', minutes: minutesToWait(retryAfter) }, language);
    } else if (!message && res.status === 413) {
      // A proxy refused the body before the API saw it (the API's own 413 says more).
      message = await problemText({ kind: 'tooLarge' }, language);
    } else if (!message) {
      message = await problemText({ kind: 'unavailable', status: res.status }, language);
    }
    return new ApiError(res.status, message, body.error || res.statusText, errors, retryAfter);
  }

  async function send(method: string, path: string, opts: RequestOptions, bearer: string | null) {
    const headers: Record<string, string> = { Accept: 'application/json' };
    // The server words its errors (and emails) in this language.
    if (language) headers['Accept-Language'] = language;
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    try {
      return await doFetch(url(path, opts.query), {
        method,
        headers,
        body,
        // The refresh cookie is httpOnly with Path=/api/tokens; same-origin is all it needs.
        credentials: 'same-origin',
        signal: opts.signal,
      });
    } catch (e) {
      if ((e as Error)?.name === 'AbortError') throw e;
      throw new ApiError(0, await problemText({ kind: 'network' }, language), 'Network Error');
    }
  }

  /**
   * Silent refresh through the httpOnly cookie. Concurrent callers share one request; across tabs a
   * Web Lock serialises them, because the cookie rotates on every use and two tabs presenting the same
   * one at once looks like token theft to the server.
   */
  function refresh(): Promise<string | null> {
    if (!refreshing) {
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      const run = async () => {
        try {
          const res = await send('PUT', '/tokens', {}, null);
          if (!res.ok) {
            clear();
            return null;
          }
          adopt((await res.json()) as TokenResponse);
          return token;
        } catch {
          // Offline: keep whatever token we had; the caller's request fails on its own.
          return null;
        }
      };
      refreshing = (locks?.request ? locks.request('inkwell-token-refresh', run) : run()).finally(() => {
        refreshing = null;
      });
    }
    return refreshing;
  }

  /**
   * Sends with the bearer token (`attempt` does the sending, by fetch or by XMLHttpRequest); on a 401
   * refreshes once (shared with concurrent callers) and retries.
   */
  async function withToken(
    path: string,
    attempt: (bearer: string | null) => Promise<Response>,
    mayRefresh = true,
  ): Promise<Response> {
    // A refresh already in flight will replace the token: wait for it instead of sending a doomed one.
    if (refreshing) await refreshing;
    const used = token;
    let res = await attempt(used);
    if (res.status === 401 && used && mayRefresh && !NO_REFRESH.has(path)) {
      // Another request may have refreshed while this one was in flight: then just retry with its token.
      const fresh = token !== used ? token : await refresh();
      if (fresh) res = await attempt(fresh);
    }
    if (!res.ok) throw await toError(res);
    return res;
  }

  function authorised(method: string, path: string, opts: RequestOptions): Promise<Response> {
    return withToken(path, (bearer) => send(method, path, opts, bearer), !opts.retried);
  }

  /**
   * One multipart request by XMLHttpRequest, because fetch cannot report upload progress. Same headers
   * as `send`; the answer becomes a Response so that errors map exactly as for every other call.
   */
  function sendForm(path: string, form: FormData, bearer: string | null, options: UploadOptions) {
    const { method = 'POST', onProgress, signal } = options;
    return new Promise<Response>((resolve, reject) => {
      const abortError = () => new DOMException('The upload was cancelled.', 'AbortError');
      if (signal?.aborted) return reject(abortError());
      const xhr = new XMLHttpRequest();
      xhr.open(method, url(path));
      xhr.setRequestHeader('Accept', 'application/json');
      if (language) xhr.setRequestHeader('Accept-Language', language);
      if (bearer) xhr.setRequestHeader('Authorization', `Bearer ${bearer}`);
      // No Content-Type: the browser writes multipart/form-data with its boundary.
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
      };
      const onAbort = () => xhr.abort();
      signal?.addEventListener('abort', onAbort, { once: true });
      xhr.onloadend = () => signal?.removeEventListener('abort', onAbort);
      xhr.onabort = () => reject(abortError());
      xhr.onerror = () => {
        void Promise.resolve(problemText({ kind: 'network' }, language)).then((text) => reject(new ApiError(0, text, 'Network Error')));
      };
      xhr.onload = () => {
        const headers = new Headers();
        for (const name of ['Content-Type', 'Retry-After']) {
          const value = xhr.getResponseHeader(name);
          if (value) headers.set(name, value);
        }
        const empty = xhr.status === 204 || xhr.status === 205 || xhr.status === 304;
        resolve(new Response(empty ? null : xhr.responseText, { status: xhr.status, statusText: xhr.statusText, headers }));
      };
      xhr.send(form);
    });
  }

  async function request<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await authorised(method, path, opts);
    if (res.status === 204 || res.status === 205) return undefined as T;
    const type = res.headers.get('Content-Type') ?? '';
    if (!type.includes('json')) return undefined as T;
    return (await res.json()) as T;
  }

  return {
    request,
    get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
    post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
    put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
    patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
    del: <T>(path: string, body?: unknown) => request<T>('DELETE', path, { body }),

    /**
     * Sends `form` (multipart: files; POST unless `method` says PUT) and reports the fraction sent to
     * `onProgress`; resolves to the JSON answer. Errors are ApiErrors as for every call; `signal`
     * cancels (an AbortError).
     */
    async upload<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<T> {
      const res = await withToken(path, (bearer) => sendForm(path, form, bearer, options));
      return (await res.json()) as T;
    },
    /** For authenticated downloads (the export file): a plain <a href> would not carry the token. */
    async blob(path: string): Promise<Blob> {
      return (await authorised('GET', path, {})).blob();
    },
    async login(login: string, password: string, remember: boolean): Promise<Me> {
      const res = await request<TokenResponse>('POST', '/tokens', { body: { login, password, remember } });
      adopt(res);
      return res.user;
    },
    async logout(): Promise<void> {
      try {
        await request('DELETE', '/tokens');
      } finally {
        clear();
      }
    },
    /** Used at start-up: resolves to the user when the refresh cookie is still good. */
    async restore(): Promise<boolean> {
      return (await refresh()) !== null;
    },
    refresh,
    /** Drop the token locally (the account is gone or the session was revoked server-side). */
    forget: clear,
    /** A token valid for at least `minValidityMs`, refreshing first if needed (socket auth uses this). */
    async freshToken(minValidityMs = 30_000): Promise<string | null> {
      if (refreshing) return refreshing;
      if (token && expiresAt - now() > minValidityMs) return token;
      return refresh();
    },
    get token() {
      return token;
    },
    setLanguage(lang: string) {
      language = lang;
    },
    onAuthChange(l: AuthListener): () => void {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
