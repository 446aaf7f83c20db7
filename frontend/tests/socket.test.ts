import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../src/api/client';
import {
  createRealtimeSocket,
  NOT_LIVE,
  type RealtimeEvents,
  type RealtimeSocketOptions,
} from '../src/api/socket';
import { FakeSocket, fakeFetch, json, tokenBody, type Call, type FakeSocketOptions } from './helpers';

// The socket module without Preact: an API client on a fake fetch, and scripted sockets for `io`.
let calls: Call[];
let notificationPages: Record<string, unknown[]>;
let clientConfig: () => Response;
/** While set, the notifications catch-up waits for it: a fetch "under way". */
let notificationsGate: Promise<void> | null;
let sockets: FakeSocket[];
let seen: { event: keyof RealtimeEvents; payload: unknown }[];

beforeEach(() => {
  sockets = [];
  seen = [];
  notificationPages = {};
  notificationsGate = null;
  clientConfig = () => json(200, { socket_transports: ['polling', 'websocket'] });
});

afterEach(() => {
  vi.useRealTimers();
});

async function loggedInSocket() {
  const f = fakeFetch(async (c) => {
    if (c.url === '/api/tokens') return json(200, tokenBody(c.method === 'POST' ? 'T1' : 'T2'));
    if (c.url === '/api/client-config') return clientConfig();
    if (c.url.startsWith('/api/notifications')) {
      if (notificationsGate) await notificationsGate;
      const since = new URL(c.url, 'http://x').searchParams.get('since') ?? '';
      return json(200, { items: notificationPages[since] ?? [], _meta: { per_page: 100 }, _links: { next: null } });
    }
    return json(404, { error: 'Not Found' });
  });
  calls = f.calls;
  const api = createApiClient({ fetch: f.fetch });
  await api.login('ana', 'pw', false);
  const io = (opts: FakeSocketOptions) => {
    const s = new FakeSocket(opts);
    sockets.push(s);
    return s;
  };
  const realtime = createRealtimeSocket(api, { io: io as unknown as RealtimeSocketOptions['io'] });
  for (const event of ['notification', 'message', 'resync', 'comment', 'post_stats', 'post'] as const) {
    realtime.subscribe(event, (payload) => seen.push({ event, payload }));
  }
  return realtime;
}

/** connect(), then the socket it built once /api/client-config answered. */
async function connected(realtime: Awaited<ReturnType<typeof loggedInSocket>>) {
  const before = sockets.length;
  realtime.connect();
  await vi.waitFor(() => expect(sockets).toHaveLength(before + 1));
  return sockets[before];
}

const catchUps = () => calls.filter((c) => c.url.startsWith('/api/notifications')).map((c) => c.url);
const resyncs = () => seen.filter((s) => s.event === 'resync').map((s) => s.payload);
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('realtime socket', () => {
  it('connects with the access token and catches up from the start', async () => {
    notificationPages['0'] = [
      { id: 1, name: 'unread_message_count', data: 3, timestamp: 100.25, read_at: null },
      { id: 2, name: 'new_follower', data: { user: { username: 'bo' } }, timestamp: 101.5, read_at: null },
    ];
    const realtime = await loggedInSocket();
    const socket = await connected(realtime);
    expect(socket.opts.path).toBe('/socket.io');
    expect(await socket.auth()).toEqual({ token: 'T1' });
    expect(realtime.state.connected).toBeNull();
    expect(realtime.liveGeneration).toBe(NOT_LIVE);

    socket.fire('connect');
    expect(realtime.liveGeneration).toBe(1);
    await vi.waitFor(() => expect(resyncs()).toEqual([{ reconnect: false, generation: 1 }]));
    expect(catchUps()).toEqual(['/api/notifications?since=0']);
    expect(realtime.state).toMatchObject({ connected: true, unreadMessages: 3 });
    expect([...realtime.state.unreadEvents!]).toEqual(['new_follower:101.5']);
    realtime.disconnect();
  });

  it('after a reconnect, catches up from the last timestamp it saw, live or caught up', async () => {
    notificationPages['0'] = [{ id: 1, name: 'unread_message_count', data: 3, timestamp: 100.25, read_at: null }];
    notificationPages['202'] = [
      { id: 9, name: 'new_comment', data: { post_id: 4 }, timestamp: 230.5, read_at: null },
      { id: 10, name: 'unread_message_count', data: 5, timestamp: 231, read_at: null },
    ];
    const realtime = await loggedInSocket();
    const socket = await connected(realtime);
    socket.fire('connect');
    await vi.waitFor(() => expect(resyncs()).toHaveLength(1));

    socket.fire('notification', { name: 'task_progress', data: { task_id: 'abc', progress: 40 }, timestamp: 202 });
    expect(realtime.state.tasks.abc.progress).toBe(40);

    socket.fire('disconnect', 'transport close');
    expect(realtime.state.connected).toBe(false);
    expect(realtime.liveGeneration).toBe(NOT_LIVE);
    seen = [];
    socket.fire('connect');
    await vi.waitFor(() => expect(resyncs()).toEqual([{ reconnect: true, generation: 2 }]));
    expect(catchUps()).toEqual(['/api/notifications?since=0', '/api/notifications?since=202']);
    expect(realtime.state).toMatchObject({ connected: true, unreadMessages: 5 });
    expect([...realtime.state.unreadEvents!]).toEqual(['new_comment:230.5']);
    // What was missed is dispatched, but not as live news (no toasts for it).
    const missed = seen.filter((s) => s.event === 'notification').map((s) => s.payload as { name: string; live: boolean });
    expect(missed).toEqual([
      expect.objectContaining({ name: 'new_comment', live: false }),
      expect.objectContaining({ name: 'unread_message_count', live: false }),
    ]);
    realtime.disconnect();
  });

  it('comes back with a fresh token when the server drops the connection', async () => {
    const realtime = await loggedInSocket();
    const socket = await connected(realtime);
    vi.useFakeTimers({ shouldAdvanceTime: true });
    socket.fire('connect');
    await vi.waitFor(() => expect(resyncs()).toHaveLength(1));

    socket.fire('disconnect', 'io server disconnect');
    vi.advanceTimersByTime(2000);
    expect(socket.connectCalls).toBe(2);
    expect(await socket.auth()).toEqual({ token: 'T2' });
    expect(calls.filter((c) => c.method === 'PUT').map((c) => c.url)).toEqual(['/api/tokens']);
    realtime.disconnect();
  });

  it('forgets its state on disconnect but keeps its subscribers for the next connection', async () => {
    const realtime = await loggedInSocket();
    const states: unknown[] = [];
    realtime.watch((s) => states.push(s.connected));
    const first = await connected(realtime);
    first.fire('connect');
    await vi.waitFor(() => expect(resyncs()).toHaveLength(1));

    realtime.disconnect();
    expect(realtime.state).toEqual({ connected: null, unreadMessages: null, unreadEvents: null, tasks: {} });
    expect(first.handlers.size).toBe(0);
    expect(states.at(-1)).toBeNull();

    const second = await connected(realtime);
    second.fire('message', { id: 9, body: 'hi' });
    expect(seen.at(-1)).toEqual({ event: 'message', payload: { id: 9, body: 'hi' } });
    realtime.disconnect();
  });

  it('hands comment, post_stats and post pushes to subscribers', async () => {
    const realtime = await loggedInSocket();
    const socket = await connected(realtime);
    socket.fire('connect');
    socket.fire('comment', { id: 3, post_id: 7, body: 'hi' });
    socket.fire('post_stats', { id: 7, comment_count: 2 });
    socket.fire('post', { id: 8 });
    expect(seen.filter((s) => s.event !== 'resync' && s.event !== 'notification')).toEqual([
      { event: 'comment', payload: { id: 3, post_id: 7, body: 'hi' } },
      { event: 'post_stats', payload: { id: 7, comment_count: 2 } },
      { event: 'post', payload: { id: 8 } },
    ]);
    realtime.disconnect();
  });
});

describe('transports from /api/client-config', () => {
  it('asks the server before connecting and passes its transports to socket.io', async () => {
    clientConfig = () => json(200, { socket_transports: ['websocket'] });
    const realtime = await loggedInSocket();
    const socket = await connected(realtime);
    expect(socket.opts.transports).toEqual(['websocket']);
    const configAt = calls.findIndex((c) => c.url === '/api/client-config');
    expect(configAt).toBeGreaterThanOrEqual(0);
    // Asked once per page load: a second login reuses the answer.
    realtime.disconnect();
    const again = await connected(realtime);
    expect(again.opts.transports).toEqual(['websocket']);
    expect(calls.filter((c) => c.url === '/api/client-config')).toHaveLength(1);
    realtime.disconnect();
  });

  it('keeps the default order, polling then the upgrade', async () => {
    const realtime = await loggedInSocket();
    const socket = await connected(realtime);
    expect(socket.opts.transports).toEqual(['polling', 'websocket']);
    realtime.disconnect();
  });

  it("falls back to socket.io's default when the config cannot be read, and asks again next time", async () => {
    clientConfig = () => json(503, { error: 'Service Unavailable' });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const realtime = await loggedInSocket();
    const socket = await connected(realtime);
    expect(socket.opts.transports).toBeUndefined();
    realtime.disconnect();
    clientConfig = () => json(200, { socket_transports: ['websocket', 'carrier-pigeon'] });
    const again = await connected(realtime);
    expect(again.opts.transports).toEqual(['websocket']);
    realtime.disconnect();
  });
});

describe("the server's resync", () => {
  it('catches up by since exactly as after a reconnect, without reconnecting', async () => {
    notificationPages['0'] = [{ id: 1, name: 'unread_message_count', data: 0, timestamp: 100, read_at: null }];
    notificationPages['100'] = [{ id: 2, name: 'unread_message_count', data: 1, timestamp: 150, read_at: null }];
    const realtime = await loggedInSocket();
    const socket = await connected(realtime);
    socket.fire('connect');
    await vi.waitFor(() => expect(resyncs()).toHaveLength(1));

    socket.fire('resync');
    expect(realtime.liveGeneration).toBe(2);
    await vi.waitFor(() => expect(resyncs()).toHaveLength(2));
    expect(resyncs()[1]).toEqual({ reconnect: true, generation: 2 });
    expect(catchUps()).toEqual(['/api/notifications?since=0', '/api/notifications?since=100']);
    expect(realtime.state.unreadMessages).toBe(1);
    expect(socket.connectCalls).toBe(1);
    realtime.disconnect();
  });

  it('arriving with the connect, fetches once and tells pages once', async () => {
    const realtime = await loggedInSocket();
    const socket = await connected(realtime);
    socket.fire('connect');
    await vi.waitFor(() => expect(resyncs()).toHaveLength(1));
    socket.fire('disconnect', 'transport close');

    // One polling payload: the CONNECT answer and the worker's resync, handled in the same task.
    socket.fire('connect');
    socket.fire('resync');
    await vi.waitFor(() => expect(resyncs()).toHaveLength(2));
    await tick();
    await tick();
    expect(catchUps()).toHaveLength(2);
    expect(resyncs()).toEqual([
      { reconnect: false, generation: 1 },
      { reconnect: true, generation: 3 },
    ]);
    realtime.disconnect();
  });

  it('arriving while a catch-up fetch is under way, catches up again after it', async () => {
    let release!: () => void;
    notificationsGate = new Promise((resolve) => (release = resolve));
    const realtime = await loggedInSocket();
    const socket = await connected(realtime);
    socket.fire('connect');
    // The connect's fetch has left: what the server lost after it was read is not in its answer.
    await vi.waitFor(() => expect(catchUps()).toHaveLength(1));
    socket.fire('resync');
    release();
    await vi.waitFor(() => expect(resyncs()).toHaveLength(2));
    expect(catchUps()).toHaveLength(2);
    // Pages told by the first already read after the server's resync: the second does not reload them.
    expect(resyncs()).toEqual([
      { reconnect: false, generation: 2 },
      { reconnect: true, generation: 2 },
    ]);
    realtime.disconnect();
  });
});

describe('watched rooms', () => {
  it('are asked for on every connect, and the catch-up waits until the server has joined them', async () => {
    const realtime = await loggedInSocket();
    const releasePosts = realtime.watchRooms('post', [5, 7, 5]);
    realtime.watchRooms('user', [3]);
    const socket = await connected(realtime);
    // Nothing is sent before the connection is up (socket.io would buffer and replay it).
    expect(socket.emitted).toEqual([]);
    expect(realtime.isWatching('post', [5])).toBe(true); // nothing to wait for

    socket.fire('connect');
    expect(socket.sent('watch_post')).toEqual([{ ids: [5, 7] }]);
    expect(socket.sent('watch_user')).toEqual([{ ids: [3] }]);
    expect(realtime.isWatching('post', [5, 7])).toBe(false);
    await tick();
    expect(catchUps()).toEqual([]);

    socket.answer('watch_post');
    socket.answer('watch_user');
    await vi.waitFor(() => expect(realtime.isWatching('post', [5, 7])).toBe(true));
    expect(realtime.isWatching('user', [3])).toBe(true);
    await vi.waitFor(() => expect(resyncs()).toHaveLength(1));
    expect(catchUps()).toEqual(['/api/notifications?since=0']);

    // The server forgets rooms with the connection: a reconnect asks again for all of them.
    socket.fire('disconnect', 'transport close');
    socket.emitted = [];
    socket.autoAck = { ok: true };
    socket.fire('connect');
    expect(socket.sent('watch_post')).toEqual([{ ids: [5, 7] }]);
    expect(socket.sent('watch_user')).toEqual([{ ids: [3] }]);
    await vi.waitFor(() => expect(resyncs()).toHaveLength(2));

    releasePosts();
    await tick();
    expect(socket.sent('unwatch_post')).toEqual([{ ids: [5, 7] }]);
    socket.fire('disconnect', 'transport close');
    socket.emitted = [];
    socket.fire('connect');
    expect(socket.sent('watch_post')).toEqual([]);
    expect(socket.sent('watch_user')).toEqual([{ ids: [3] }]);
    realtime.disconnect();
  });

  it('counts who asks for an id, and batches changes made together', async () => {
    const realtime = await loggedInSocket();
    const socket = await connected(realtime);
    socket.autoAck = { ok: true };
    socket.fire('connect');

    const a = realtime.watchRooms('post', [1, 2]);
    const b = realtime.watchRooms('post', [2, 3]);
    await tick();
    expect(socket.sent('watch_post')).toEqual([{ ids: [1, 2, 3] }]);

    // A list re-rendering: the old ids released and the new ones taken in one go send only the change.
    a();
    const c = realtime.watchRooms('post', [1, 2, 4]);
    await tick();
    expect(socket.sent('watch_post')).toEqual([{ ids: [1, 2, 3] }, { ids: [4] }]);
    expect(socket.sent('unwatch_post')).toEqual([]);

    b();
    c();
    await tick();
    expect(socket.sent('unwatch_post')).toEqual([{ ids: [1, 2, 3, 4] }]);
    realtime.disconnect();
  });

  it('sends at most 100 ids an event and stays within the 500 rooms a socket may hold', async () => {
    const realtime = await loggedInSocket();
    const ids = Array.from({ length: 600 }, (_, i) => i + 1);
    realtime.watchRooms('post', ids);
    const socket = await connected(realtime);
    socket.autoAck = { ok: true };
    socket.fire('connect');
    const batches = socket.sent('watch_post') as { ids: number[] }[];
    expect(batches.map((b) => b.ids.length)).toEqual([100, 100, 100, 100, 100]);
    expect(batches.flatMap((b) => b.ids)).toEqual(ids.slice(0, 500));
    // Past the limit there is nothing to wait for: pages are not held back.
    await vi.waitFor(() => expect(realtime.isWatching('post', ids)).toBe(true));
    realtime.disconnect();
  });

  it('a refusal or a lost answer does not hold the catch-up back', async () => {
    const realtime = await loggedInSocket();
    realtime.watchRooms('post', [9]);
    const socket = await connected(realtime);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    socket.fire('connect');
    socket.answer('watch_post', { ok: false, error: 'Too many watched rooms' });
    await vi.waitFor(() => expect(resyncs()).toHaveLength(1));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Too many watched rooms'));
    expect(realtime.isWatching('post', [9])).toBe(true);

    // An answer to the previous connection's request does not count for the new one.
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    const [stale] = socket.emitted.filter((e) => e.event === 'watch_post' && e.ack);
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    stale.ack!(null, { ok: true });
    await tick();
    expect(realtime.isWatching('post', [9])).toBe(false);
    realtime.disconnect();
  });
});
