// Defect 1 of issue [4/8]: "New message from <you>" toasts for your own messages, and stacks of them.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeFetch, json, me, tokenBody, type FakeSocket, type FakeSocketOptions } from './helpers';

const sockets: FakeSocket[] = [];
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

const { LocationProvider } = await import('preact-iso/router');
const { SessionProvider } = await import('../src/session');
const { RealtimeProvider } = await import('../src/realtime');
const { LiveToasts } = await import('../src/components/LiveToasts');
const { Toasts } = await import('../src/components/Toasts');
const { dismiss, subscribeToasts, toast } = await import('../src/components/toast');

const user = (id: number, username: string) => ({ id, username, avatar_url: `/api/users/${username}/avatar.svg` });
const message = (id: number, from: { id: number; username: string }, to: { id: number; username: string }) => ({
  id,
  body: `message ${id}`,
  sender: from,
  recipient: to,
  timestamp: '2026-06-01T12:00:00Z',
  read_at: null,
});

let root: HTMLElement;

beforeEach(() => {
  sockets.length = 0;
  vi.stubGlobal(
    'fetch',
    fakeFetch((c) => {
      if (c.url === '/api/tokens' && c.method === 'PUT') return json(200, tokenBody('T1'));
      if (c.url === '/api/client-config') return json(200, { socket_transports: ['polling', 'websocket'] });
      if (c.url.startsWith('/api/notifications')) return json(200, { items: [], _meta: { per_page: 100 }, _links: {} });
      return json(404, { error: 'Not Found' });
    }).fetch,
  );
  root = document.createElement('div');
  document.body.appendChild(root);
});

afterEach(async () => {
  await act(() => render(null, root));
  root.remove();
  // The toast store is module-wide: leave it empty for the next test.
  let left: { id: number }[] = [];
  subscribeToasts((items) => (left = items))();
  for (const t of left) dismiss(t.id);
  vi.unstubAllGlobals();
});

async function mountShellToasts() {
  await act(async () => {
    render(
      <LocationProvider>
        <SessionProvider>
          <RealtimeProvider>
            <LiveToasts />
            <Toasts />
          </RealtimeProvider>
        </SessionProvider>
      </LocationProvider>,
      root,
    );
  });
  await vi.waitFor(() => expect(sockets).toHaveLength(1));
  const socket = sockets[0];
  await act(async () => socket.fire('connect'));
  return socket;
}

const toastTexts = () => [...root.querySelectorAll('.toast a, .toast span')].map((el) => el.textContent);

describe('live message toasts', () => {
  it('stay quiet about a message I sent myself from another tab or device', async () => {
    const socket = await mountShellToasts();
    await act(async () => socket.fire('message', message(1, user(me.id, me.username), user(2, 'ben'))));
    expect(toastTexts()).toEqual([]);
  });

  it('fold repeated messages of one conversation into one toast that counts them', async () => {
    const socket = await mountShellToasts();
    const ben = user(2, 'ben');
    const ana = user(me.id, me.username);
    await act(async () => socket.fire('message', message(1, ben, ana)));
    expect(toastTexts()).toEqual(['New message from ben']);
    await act(async () => {
      socket.fire('message', message(2, ben, ana));
      socket.fire('message', message(3, ben, ana));
    });
    expect(toastTexts()).toEqual(['3 new messages from ben']);
    expect(root.querySelector<HTMLAnchorElement>('.toast a')!.getAttribute('href')).toBe('/messages/ben');

    // Another conversation gets a toast of its own.
    await act(async () => socket.fire('message', message(4, user(3, 'cleo'), ana)));
    expect(toastTexts()).toEqual(['3 new messages from ben', 'New message from cleo']);
  });
});

describe('toast store', () => {
  it('starts counting again once a keyed toast is gone', () => {
    const texts: string[][] = [];
    const off = subscribeToasts((items) => texts.push(items.map((i) => i.text)));
    const id = toast((n) => `x${n}`, 'info', undefined, { key: 'k' });
    toast((n) => `x${n}`, 'info', undefined, { key: 'k' });
    expect(texts.at(-1)).toEqual(['x2']);
    dismiss(id + 1);
    toast((n) => `x${n}`, 'info', undefined, { key: 'k' });
    expect(texts.at(-1)).toEqual(['x1']);
    off();
  });

  it('goes away by itself after its ttl, the timer starting over when it is folded', () => {
    vi.useFakeTimers();
    try {
      let now: string[] = [];
      const off = subscribeToasts((items) => (now = items.map((i) => i.text)));
      toast('a', 'info', undefined, { key: 'k', ttl: 1000 });
      vi.advanceTimersByTime(800);
      toast('b', 'info', undefined, { key: 'k', ttl: 1000 });
      vi.advanceTimersByTime(800);
      expect(now).toEqual(['b']);
      vi.advanceTimersByTime(300);
      expect(now).toEqual([]);
      off();
    } finally {
      vi.useRealTimers();
    }
  });
});
