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
const { RealtimeProvider, useCatchUp, useRealtime, useRealtimeEvent, useWatchPosts } = await import('../src/realtime');
const { withStats } = await import('../src/realtime/posts');

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
    if (c.url === '/api/client-config') return json(200, { socket_transports: ['polling', 'websocket'] });
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
  const tree = (page: preact.ComponentChildren) => (
    <SessionProvider>
      <RealtimeProvider>
        <Probe />
        {page}
      </RealtimeProvider>
    </SessionProvider>
  );
  await act(async () => {
    render(tree(null), root);
  });
  await vi.waitFor(() => expect(sockets).toHaveLength(1));
  return {
    socket: sockets[0],
    /** Shows `page` (or nothing) beside the probe, as the router would on navigation. */
    show: (page: preact.ComponentChildren) => act(() => render(tree(page), root)),
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
    expect(seen.find((s) => s.event === 'resync')!.payload).toEqual({ reconnect: false, generation: 1 });
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
    expect(seen.find((s) => s.event === 'resync')!.payload).toEqual({ reconnect: true, generation: 2 });
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

/** A page that loaded something (`what`) and counts how often the catch-up made it reload. */
let reloads: number;
function LivePage(props: { what: string }) {
  useCatchUp(props.what, () => reloads++);
  return null;
}

let watchingNow: boolean | null;
function PostReader(props: { ids: number[] }) {
  watchingNow = useWatchPosts(props.ids);
  return null;
}

const resyncCount = () => seen.filter((s) => s.event === 'resync').length;

describe('pages catching up (useCatchUp)', () => {
  beforeEach(() => {
    reloads = 0;
    watchingNow = null;
  });

  it('reloads a page that loaded before its first connection, even when an earlier attempt died first', async () => {
    // Journey 10's race: the page read the thread, the first connection was accepted by a worker that
    // was killed before the browser heard back, the message was sent, then the browser connected.
    const { socket, show, unmount } = await mount();
    await show(<LivePage what="/conversations/max" />);
    await act(async () => socket.fire('disconnect', 'transport close'));
    await act(async () => socket.fire('connect'));
    await vi.waitFor(() => expect(resyncCount()).toBe(1));
    expect(seen.find((s) => s.event === 'resync')!.payload).toEqual({ reconnect: false, generation: 1 });
    expect(reloads).toBe(1);
    await unmount();
  });

  it('leaves alone a page that loaded while the connection was up, until a reconnect or a server resync', async () => {
    const { socket, show, unmount } = await mount();
    await act(async () => socket.fire('connect'));
    await vi.waitFor(() => expect(resyncCount()).toBe(1));
    await show(<LivePage what="/messages/bo" />);
    expect(reloads).toBe(0);

    await act(async () => socket.fire('disconnect', 'transport close'));
    await act(async () => socket.fire('connect'));
    await vi.waitFor(() => expect(resyncCount()).toBe(2));
    expect(reloads).toBe(1);

    // The worker's Redis link came back: the socket stayed, the pushes did not.
    await act(async () => socket.fire('resync'));
    await vi.waitFor(() => expect(resyncCount()).toBe(3));
    expect(reloads).toBe(2);
    expect(notificationCalls()).toHaveLength(3);
    await unmount();
  });

  it('a page that loaded between the connect and its catch-up is not reloaded by that catch-up', async () => {
    const { socket, show, unmount } = await mount();
    socket.fire('connect');
    await show(<LivePage what="/feed" />);
    await vi.waitFor(() => expect(resyncCount()).toBe(1));
    expect(reloads).toBe(0);
    await unmount();
  });
});

describe('watching posts (useWatchPosts)', () => {
  beforeEach(() => {
    watchingNow = null;
  });

  it('is ready at once without a live connection, and after the server joined the room with one', async () => {
    const { socket, show, unmount } = await mount();
    await show(<PostReader ids={[4]} />);
    expect(watchingNow).toBe(true);
    expect(socket.sent('watch_post')).toEqual([]);

    await act(async () => socket.fire('connect'));
    expect(socket.sent('watch_post')).toEqual([{ ids: [4] }]);
    await act(async () => socket.answer('watch_post'));

    // Opening another post while connected waits for its room.
    await show(<PostReader ids={[8]} />);
    await act(async () => {});
    expect(socket.sent('watch_post')).toEqual([{ ids: [4] }, { ids: [8] }]);
    expect(socket.sent('unwatch_post')).toEqual([{ ids: [4] }]);
    expect(watchingNow).toBe(false);
    await act(async () => socket.answer('watch_post'));
    await vi.waitFor(() => expect(watchingNow).toBe(true));

    // After a reconnect the room is asked for again; leaving the page gives it up.
    socket.autoAck = { ok: true };
    await act(async () => socket.fire('disconnect', 'transport close'));
    await act(async () => socket.fire('connect'));
    expect(socket.sent('watch_post')).toEqual([{ ids: [4] }, { ids: [8] }, { ids: [8] }]);
    await show(null);
    await act(async () => {});
    expect(socket.sent('unwatch_post')).toEqual([{ ids: [4] }, { ids: [8] }]);
    await unmount();
  });
});

describe('post_stats (withStats)', () => {
  it('takes the counts the push carries and leaves the others, and other posts, alone', () => {
    const post = { id: 3, comment_count: 1, like_count: 4, body: 'x' };
    expect(withStats(post, { id: 3, comment_count: 2 })).toEqual({ id: 3, comment_count: 2, like_count: 4, body: 'x' });
    expect(withStats(post, { id: 3, comment_count: 2, like_count: 5 })).toMatchObject({ like_count: 5 });
    expect(withStats(post, { id: 9, comment_count: 7 })).toBe(post);
  });
});
