import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeFetch, json, tokenBody, type Call, type FakeSocket, type FakeSocketOptions } from './helpers';

const sockets: FakeSocket[] = [];
// The provider builds its socket with socket.io-client's `io`: hand it scripted ones instead.
vi.mock('socket.io-client', async () => {
  const { FakeSocket } = await import('./helpers');
  return {
    io: vi.fn((opts: FakeSocketOptions) => {
      const s = new FakeSocket(opts);
      sockets.push(s);
      return s;
    }),
  };
});

const { SessionProvider } = await import('../src/session');
const { RealtimeProvider, useRealtime, useRealtimeEvent } = await import('../src/realtime');

let calls: Call[];
let notificationPages: Record<string, unknown[]>;
let seen: { event: string; payload: unknown }[];
let state: ReturnType<typeof useRealtime> | null;

function Probe() {
  state = useRealtime();
  useRealtimeEvent('notification', (n) => seen.push({ event: 'notification', payload: n }));
  useRealtimeEvent('resync', (r) => seen.push({ event: 'resync', payload: r }));
  useRealtimeEvent('message', (m) => seen.push({ event: 'message', payload: m }));
  return null;
}

beforeEach(() => {
  sockets.length = 0;
  seen = [];
  state = null;
  notificationPages = {};
  const f = fakeFetch((c) => {
    if (c.url === '/api/tokens' && c.method === 'PUT') return json(200, tokenBody('T1'));
    if (c.url.startsWith('/api/notifications')) {
      const since = new URL(c.url, 'http://x').searchParams.get('since') ?? '';
      return json(200, { items: notificationPages[since] ?? [], _meta: { per_page: 100 }, _links: { next: null } });
    }
    return json(404, { error: 'Not Found' });
  });
  calls = f.calls;
  vi.stubGlobal('fetch', f.fetch);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

async function mount() {
  const root = document.createElement('div');
  document.body.appendChild(root);
  await act(async () => {
    render(
      <SessionProvider>
        <RealtimeProvider>
          <Probe />
        </RealtimeProvider>
      </SessionProvider>,
      root,
    );
  });
  await vi.waitFor(() => expect(sockets).toHaveLength(1));
  return {
    socket: sockets[0],
    unmount: () => act(() => render(null, root)),
  };
}

const notificationCalls = () => calls.filter((c) => c.url.startsWith('/api/notifications')).map((c) => c.url);

describe('realtime provider', () => {
  it('connects once logged in, with a token supplied by the auth callback', async () => {
    const { socket, unmount } = await mount();
    expect(socket.opts.path).toBe('/socket.io');
    expect(socket.connectCalls).toBe(1);
    const auth = await new Promise((resolve) => socket.opts.auth!(resolve));
    expect(auth).toEqual({ token: 'T1' });
    await unmount();
  });

  it('catches up on connect and again, from the last timestamp, on reconnect', async () => {
    notificationPages['0'] = [
      { id: 1, name: 'unread_message_count', data: 3, timestamp: 100.25, read_at: null },
      { id: 2, name: 'new_follower', data: { user: { username: 'bo' } }, timestamp: 101.5, read_at: null },
    ];
    notificationPages['101.5'] = [{ id: 3, name: 'unread_message_count', data: 5, timestamp: 130.75, read_at: null }];
    const { socket, unmount } = await mount();
    expect(state!.connected).toBeNull();

    await act(async () => socket.fire('connect'));
    await vi.waitFor(() => expect(seen.some((s) => s.event === 'resync')).toBe(true));
    expect(notificationCalls()).toEqual(['/api/notifications?since=0']);
    expect(state!.connected).toBe(true);
    expect(state!.unreadMessages).toBe(3);
    expect(state!.newNotifications).toBe(1);
    expect(seen.find((s) => s.event === 'resync')!.payload).toEqual({ reconnect: false });
    // Caught-up notifications are dispatched, flagged as not live (no toasts for old news).
    expect(seen.filter((s) => s.event === 'notification').map((s) => (s.payload as { live: boolean }).live)).toEqual([
      false,
      false,
    ]);

    await act(async () => socket.fire('disconnect', 'transport close'));
    expect(state!.connected).toBe(false);

    seen = [];
    await act(async () => socket.fire('connect'));
    await vi.waitFor(() => expect(seen.some((s) => s.event === 'resync')).toBe(true));
    expect(notificationCalls()).toEqual(['/api/notifications?since=0', '/api/notifications?since=101.5']);
    expect(state!.unreadMessages).toBe(5);
    expect(seen.find((s) => s.event === 'resync')!.payload).toEqual({ reconnect: true });
    await unmount();
  });

  it('applies live pushes and moves the catch-up cursor with them', async () => {
    const { socket, unmount } = await mount();
    await act(async () => socket.fire('connect'));
    await vi.waitFor(() => expect(seen.some((s) => s.event === 'resync')).toBe(true));

    await act(async () => {
      socket.fire('notification', { name: 'unread_message_count', data: 7, timestamp: 200.5 });
      socket.fire('notification', { name: 'new_comment', data: { post_id: 4, user: 'bo' }, timestamp: 201 });
      socket.fire('notification', {
        name: 'task_progress',
        data: { task_id: 'abc', progress: 40, description: 'Exporting posts...' },
        timestamp: 202,
      });
      socket.fire('message', { id: 9, body: 'hi' });
    });
    expect(state!.unreadMessages).toBe(7);
    expect(state!.newNotifications).toBe(1);
    expect(state!.tasks.abc.progress).toBe(40);
    expect(seen.some((s) => s.event === 'message')).toBe(true);
    expect((seen.find((s) => s.event === 'notification')!.payload as { live: boolean }).live).toBe(true);

    await act(async () => socket.fire('disconnect', 'ping timeout'));
    await act(async () => socket.fire('connect'));
    await vi.waitFor(() => expect(notificationCalls()).toHaveLength(2));
    expect(notificationCalls()[1]).toBe('/api/notifications?since=202');
    await unmount();
  });

  it('asks for a new token and reconnects after the server refuses the connection', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const { socket, unmount } = await mount();
      socket.active = false; // what socket.io reports after a refusal from the connect handler
      await act(async () => socket.fire('connect_error', new Error('Token has expired')));
      expect(state!.connected).toBe(false);
      const before = calls.filter((c) => c.method === 'PUT').length;
      await act(async () => {
        vi.advanceTimersByTime(2000);
      });
      expect(socket.connectCalls).toBe(2);
      await new Promise((resolve) => socket.opts.auth!(resolve));
      expect(calls.filter((c) => c.method === 'PUT').length).toBe(before + 1);
      await unmount();
    } finally {
      vi.useRealTimers();
    }
  });
});
