import { vi } from 'vitest';

export interface Call {
  method: string;
  url: string;
  auth: string | null;
  body: unknown;
}

type Handler = (call: Call) => Response | Promise<Response>;

export function json(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** A fetch stand-in that records every call and answers through `handler`. */
export function fakeFetch(handler: Handler) {
  const calls: Call[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const call: Call = {
      method: init?.method ?? 'GET',
      url: String(input),
      auth: headers.Authorization ?? null,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    return handler(call);
  });
  return { fetch: fn as unknown as typeof fetch, calls };
}

export const me = {
  id: 1,
  username: 'ana',
  name: 'Ana',
  avatar_url: '/api/users/ana/avatar.svg',
  location: null,
  about_me: null,
  member_since: '2026-01-01T00:00:00Z',
  last_seen: '2026-01-01T00:00:00Z',
  role: 'User',
  post_count: 0,
  follower_count: 0,
  following_count: 0,
  comment_count: 0,
  email: 'ana@example.com',
  confirmed: true,
  permissions: 7,
  locale: 'en',
  unread_message_count: 0,
  new_notification_count: 0,
};

export function tokenBody(token: string) {
  return { access_token: token, expires_in: 900, user: me };
}

type SocketHandler = (...args: unknown[]) => void;
export interface FakeSocketOptions {
  auth?: (cb: (data: object) => void) => void;
  path?: string;
  transports?: string[];
}

/** An event the SPA sent, with its acknowledgement callback when it asked for one. */
export interface Emitted {
  event: string;
  data: unknown;
  ack?: (err: Error | null, answer?: unknown) => void;
}

/** The socket.io-client boundary: a scripted socket that tests drive with `fire()`. */
export class FakeSocket {
  handlers = new Map<string, SocketHandler[]>();
  connected = false;
  active = true;
  connectCalls = 0;
  emitted: Emitted[] = [];
  /** Answer every acknowledged emit at once with this (the server's `{ok: true}`); null leaves them waiting. */
  autoAck: unknown = null;
  constructor(public opts: FakeSocketOptions) {}
  on(event: string, fn: SocketHandler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }
  connect() {
    this.connectCalls++;
    return this;
  }
  disconnect() {
    this.connected = false;
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  emit(event: string, data?: unknown, ack?: Emitted['ack']) {
    const answered = ack !== undefined && this.autoAck !== null;
    this.emitted.push({ event, data, ack: answered ? undefined : ack });
    if (answered) ack(null, this.autoAck);
    return this;
  }
  /** socket.timeout(ms).emit(...): the ack gets (err, answer); the fake never times out on its own. */
  timeout(ms: number) {
    void ms;
    return { emit: (event: string, data?: unknown, ack?: Emitted['ack']) => this.emit(event, data, ack) };
  }
  /** Answers (once) every emit of `event` still waiting for its acknowledgement. */
  answer(event: string, answer: unknown = { ok: true }) {
    for (const e of this.emitted) {
      if (e.event === event && e.ack) {
        const ack = e.ack;
        e.ack = undefined;
        ack(null, answer);
      }
    }
  }
  /** The events sent under `event`, their payloads in order. */
  sent(event: string): unknown[] {
    return this.emitted.filter((e) => e.event === event).map((e) => e.data);
  }
  fire(event: string, ...args: unknown[]) {
    if (event === 'connect') this.connected = true;
    if (event === 'disconnect') this.connected = false;
    for (const fn of this.handlers.get(event) ?? []) fn(...args);
  }
  /** What the auth callback hands socket.io on this (re)connect. */
  auth(): Promise<object> {
    return new Promise((resolve) => this.opts.auth!(resolve));
  }
}
