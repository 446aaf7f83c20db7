import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../src/api/client';
import { createRealtimeSocket, type RealtimeEvents, type RealtimeSocketOptions } from '../src/api/socket';
import { FakeSocket, fakeFetch, json, tokenBody, type Call, type FakeSocketOptions } from './helpers';

// The socket module without Preact: an API client on a fake fetch, and scripted sockets for `io`.
let calls: Call[];
let notificationPages: Record<string, unknown[]>;
let sockets: FakeSocket[];
let seen: { event: keyof RealtimeEvents; payload: unknown }[];

beforeEach(() => {
  sockets = [];
  seen = [];
  notificationPages = {};
});

afterEach(() => {
  vi.useRealTimers();
});

async function loggedInSocket() {
  const f = fakeFetch((c) => {
    if (c.url === '/api/tokens') return json(200, tokenBody(c.method === 'POST' ? 'T1' : 'T2'));
    if (c.url.startsWith('/api/notifications')) {
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
  for (const event of ['notification', 'message', 'resync'] as const) {
    realtime.subscribe(event, (payload) => seen.push({ event, payload }));
  }
  return realtime;
}

const catchUps = () => calls.filter((c) => c.url.startsWith('/api/notifications')).map((c) => c.url);
const resyncs = () => seen.filter((s) => s.event === 'resync').map((s) => s.payload);

describe('realtime socket', () => {
  it('connects with the access token and catches up from the start', async () => {
    notificationPages['0'] = [
      { id: 1, name: 'unread_message_count', data: 3, timestamp: 100.25, read_at: null },
      { id: 2, name: 'new_follower', data: { user: { username: 'bo' } }, timestamp: 101.5, read_at: null },
    ];
    const realtime = await loggedInSocket();
    realtime.connect();
    const [socket] = sockets;
    expect(socket.opts.path).toBe('/socket.io');
    expect(await socket.auth()).toEqual({ token: 'T1' });
    expect(realtime.state.connected).toBeNull();

    socket.fire('connect');
    await vi.waitFor(() => expect(resyncs()).toEqual([{ reconnect: false }]));
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
    realtime.connect();
    const [socket] = sockets;
    socket.fire('connect');
    await vi.waitFor(() => expect(resyncs()).toHaveLength(1));

    socket.fire('notification', { name: 'task_progress', data: { task_id: 'abc', progress: 40 }, timestamp: 202 });
    expect(realtime.state.tasks.abc.progress).toBe(40);

    socket.fire('disconnect', 'transport close');
    expect(realtime.state.connected).toBe(false);
    seen = [];
    socket.fire('connect');
    await vi.waitFor(() => expect(resyncs()).toEqual([{ reconnect: true }]));
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
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const realtime = await loggedInSocket();
    realtime.connect();
    const [socket] = sockets;
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
    realtime.connect();
    sockets[0].fire('connect');
    await vi.waitFor(() => expect(resyncs()).toHaveLength(1));

    realtime.disconnect();
    expect(realtime.state).toEqual({ connected: null, unreadMessages: null, unreadEvents: null, tasks: {} });
    expect(sockets[0].handlers.size).toBe(0);
    expect(states.at(-1)).toBeNull();

    realtime.connect();
    sockets[1].fire('message', { id: 9, body: 'hi' });
    expect(seen.at(-1)).toEqual({ event: 'message', payload: { id: 9, body: 'hi' } });
    realtime.disconnect();
  });
});
