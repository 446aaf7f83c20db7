// The conversation page (issue [4/8]): the live read receipt (defect 6), no whitespace-only
// messages (defect 14), the message box's draft per conversation.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { LocationProvider } from 'preact-iso/router';
import { fakeFetch, json, me, tokenBody, type Call, type FakeSocket, type FakeSocketOptions } from './helpers';

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

const { SessionProvider } = await import('../src/session');
const { RealtimeProvider } = await import('../src/realtime');
const { default: Thread } = await import('../src/pages/Thread');

const bo = { id: 2, username: 'bo', name: null, avatar_url: '/api/users/bo/avatar.svg' };
const ana = { id: me.id, username: me.username, name: me.name, avatar_url: me.avatar_url };
type Brief = { id: number; username: string; name: string | null; avatar_url: string };
const message = (id: number, from: Brief, to: Brief, body: string, readAt: string | null = null) => ({
  id,
  sender: from,
  recipient: to,
  body,
  timestamp: '2026-01-01T00:00:00Z',
  read_at: readAt,
});

let calls: Call[];
let root: HTMLElement;

beforeEach(() => {
  sockets.length = 0;
  localStorage.clear();
  const f = fakeFetch((c) => {
    if (c.url === '/api/tokens') return json(200, tokenBody('T'));
    if (c.url === '/api/client-config') return json(200, { socket_transports: ['polling'] });
    if (c.url.startsWith('/api/notifications')) return json(200, { items: [], _meta: { per_page: 100 }, _links: { next: null } });
    if (c.url.startsWith('/api/conversations/bo/read')) return json(204);
    if (c.url.startsWith('/api/conversations/bo')) {
      const items = [message(11, ana, bo, 'second'), message(10, ana, bo, 'first'), message(9, bo, ana, 'hi ana')];
      return json(200, { items, _meta: { per_page: 25, next_cursor: null }, _links: { next: null } });
    }
    if (c.url === '/api/messages') return json(201, message(12, ana, bo, (c.body as { body: string }).body));
    return json(404, { error: 'Not Found' });
  });
  calls = f.calls;
  vi.stubGlobal('fetch', f.fetch);
  root = document.createElement('div');
  document.body.appendChild(root);
});

afterEach(async () => {
  await act(() => render(null, root));
  root.remove();
  vi.unstubAllGlobals();
});

async function mount(username = 'bo') {
  await act(async () => {
    render(
      <LocationProvider>
        <SessionProvider>
          <RealtimeProvider>
            <Thread params={{ username }} />
          </RealtimeProvider>
        </SessionProvider>
      </LocationProvider>,
      root,
    );
  });
  await vi.waitFor(() => expect(root.querySelectorAll('.bubble')).toHaveLength(3));
  await vi.waitFor(() => expect(sockets.length).toBeGreaterThan(0));
  return { socket: sockets[sockets.length - 1], box: root.querySelector<HTMLTextAreaElement>('#msg-body')! };
}

const receipts = () => [...root.querySelectorAll('.bubble')].filter((b) => b.querySelector('.read-receipt'));

async function type(el: HTMLTextAreaElement, text: string) {
  await act(() => {
    el.value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function pressEnter(el: HTMLTextAreaElement) {
  await act(async () => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('Thread', () => {
  it('shows "Read" the moment the peer reads, under the newest message it covers', async () => {
    const { socket } = await mount();
    expect(receipts()).toHaveLength(0);

    // Someone else reading their own thread with ana says nothing about this one.
    const receipt = (reader: typeof bo, upTo: number) =>
      act(() =>
        socket.fire('notification', {
          name: 'messages_read',
          data: { reader, up_to: upTo, read_at: '2026-01-01T00:01:00Z' },
          timestamp: 5,
        }),
      );
    await receipt({ ...bo, id: 3, username: 'cy' }, 11);
    expect(receipts()).toHaveLength(0);

    await receipt(bo, 10);
    expect(receipts().map((b) => b.querySelector('.bubble-body')!.textContent)).toEqual(['first']);
    await receipt(bo, 11);
    expect(receipts().map((b) => b.querySelector('.bubble-body')!.textContent)).toEqual(['second']);
    expect(receipts()[0].textContent).toContain('Read');
  });

  it('sends nothing for a whitespace-only message, on Enter or the button', async () => {
    const { box } = await mount();
    const send = root.querySelector<HTMLButtonElement>('.composer-inline .btn-primary')!;
    await type(box, '   \n  ');
    expect(send.disabled).toBe(true);
    await pressEnter(box);
    expect(calls.filter((c) => c.url === '/api/messages')).toHaveLength(0);
    expect(root.querySelector('.field-error, .form-error')).toBeNull();

    await type(box, '  hello  ');
    await pressEnter(box);
    await vi.waitFor(() => expect(root.querySelectorAll('.bubble')).toHaveLength(4));
    expect(calls.filter((c) => c.url === '/api/messages').map((c) => c.body)).toEqual([{ recipient: 'bo', body: '  hello  ' }]);
    expect(box.value).toBe('');
    expect(document.activeElement).toBe(box);
  });

  it('keeps an unsent message per conversation', async () => {
    let { box } = await mount();
    await type(box, 'see you at');
    await act(() => render(null, root)); // navigating away saves it at once
    ({ box } = await mount());
    expect(box.value).toBe('see you at');
  });
});
