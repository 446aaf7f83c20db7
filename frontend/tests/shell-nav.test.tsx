// The shell of issue [4/8]: header links, the account menu (a WAI-ARIA menu button), the phone tab
// bar, the header search on /search (defect 16) and document titles (defect 15).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
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

const { LocationProvider } = await import('preact-iso/router');
const { I18nProvider } = await import('../src/i18n');
const { SessionProvider, useSession } = await import('../src/session');
const { RealtimeProvider } = await import('../src/realtime');
const { Nav } = await import('../src/components/Nav');
const { TabBar } = await import('../src/components/TabBar');
const { PageHeading, documentTitle } = await import('../src/components/PageHeading');

let root: HTMLElement;
let calls: Call[];
let loggedIn: boolean;
let user: typeof me;

beforeEach(() => {
  sockets.length = 0;
  loggedIn = true;
  user = { ...me, unread_message_count: 2, permissions: 0xff };
  localStorage.clear();
  history.replaceState(null, '', '/');
  const f = fakeFetch((c) => {
    if (c.url === '/api/tokens' && c.method === 'PUT') {
      return loggedIn ? json(200, { ...tokenBody('T1'), user }) : json(401, { error: 'Unauthorized' });
    }
    if (c.url === '/api/me' && c.method === 'PATCH') return json(200, { ...user, ...(c.body as object) });
    if (c.url === '/api/me') return json(200, user);
    if (c.url === '/api/client-config') return json(200, { socket_transports: ['polling', 'websocket'] });
    if (c.url.startsWith('/api/notifications')) return json(200, { items: [], _meta: { per_page: 100 }, _links: {} });
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

function SessionTabBar() {
  const { me: current } = useSession();
  return current ? <TabBar me={current} /> : null;
}

async function mount(opts: { tabBar?: boolean } = {}) {
  await act(async () => {
    render(
      <I18nProvider initial="en">
        <SessionProvider>
          <RealtimeProvider>
            <LocationProvider>
              <Nav />
              <main id="main">
                <h1 tabIndex={-1}>Page</h1>
              </main>
              {opts.tabBar && <SessionTabBar />}
              <p>
                <button type="button">Elsewhere</button>
              </p>
            </LocationProvider>
          </RealtimeProvider>
        </SessionProvider>
      </I18nProvider>,
      root,
    );
  });
  if (loggedIn) await vi.waitFor(() => expect(accountButton()).not.toBeNull());
  else await vi.waitFor(() => expect(root.querySelector('a[href="/login"]')).not.toBeNull());
}

/** The accessible name as the tests need it: aria-label, else the text (sr-only text included). */
function nameOf(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label) return label;
  const copy = el.cloneNode(true) as Element;
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return copy.textContent!.replace(/\s+/g, ' ').trim();
}
const accountButton = () => root.querySelector<HTMLButtonElement>('button[aria-haspopup="menu"]');
const menu = () => root.querySelector<HTMLElement>('[role="menu"]')!;
const items = () => [...menu().querySelectorAll<HTMLElement>('[role^="menuitem"]')];
const focused = () => (document.activeElement ? nameOf(document.activeElement) : null);
const key = (el: Element, k: string) =>
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
  });

describe('header', () => {
  it('links the main pages with their badges, and names the account menu after the user', async () => {
    await mount();
    const nav = root.querySelector('nav[aria-label="Main"]')!;
    const links = [...nav.querySelectorAll('.nav-links a')].map(nameOf);
    expect(links).toEqual(['Home', 'Explore', 'Messages 2 unread messages', 'Notifications', 'Moderate']);
    expect(nav.querySelectorAll('.nav-links a svg[aria-hidden="true"]')).toHaveLength(5);
    expect(nav.querySelector('a[href="/"][aria-current="page"]')).not.toBeNull();
    expect(nameOf(accountButton()!)).toBe('Account menu (ana)');
    // Settings, Log out and the language choice are in the menu now, not in the header row.
    expect(root.querySelector('select')).toBeNull();
  });

  it('offers Explore, Log in, Sign up and a language menu when logged out', async () => {
    loggedIn = false;
    await mount();
    const nav = root.querySelector('nav[aria-label="Main"]')!;
    expect([...nav.querySelectorAll('a')].map(nameOf)).toEqual(['Inkwell', 'Explore', 'Search', 'Log in', 'Sign up']);
    expect(nameOf(accountButton()!)).toBe('Language: English');
    await act(() => accountButton()!.click());
    expect(items().map(nameOf)).toEqual(['English', 'Español']);
    expect(items()[0].getAttribute('aria-checked')).toBe('true');
  });

  it('has no search landmark of its own on /search, whose page has one', async () => {
    await mount();
    expect(root.querySelectorAll('[role="search"]')).toHaveLength(1);
    history.replaceState(null, '', '/search?q=x');
    await act(async () => {
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(root.querySelectorAll('[role="search"]')).toHaveLength(0);
  });
});

describe('account menu', () => {
  it('opens on the button with focus on the first item, and arrows move between items', async () => {
    await mount();
    const button = accountButton()!;
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(menu().hidden).toBe(true);
    expect(button.getAttribute('aria-controls')).toBe(menu().id);

    await act(() => button.click());
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(menu().hidden).toBe(false);
    expect(items().map(nameOf)).toEqual([
      'Ana @ana · Your profile',
      'Settings',
      'Moderate',
      'English',
      'Español',
      'Log out',
    ]);
    expect(focused()).toBe('Ana @ana · Your profile');
    await key(document.activeElement!, 'ArrowDown');
    expect(focused()).toBe('Settings');
    await key(document.activeElement!, 'End');
    expect(focused()).toBe('Log out');
    await key(document.activeElement!, 'ArrowDown'); // wraps
    expect(focused()).toBe('Ana @ana · Your profile');
    await key(document.activeElement!, 'ArrowUp');
    expect(focused()).toBe('Log out');
  });

  it('closes on Escape and gives focus back to the button', async () => {
    await mount();
    await key(accountButton()!, 'ArrowUp'); // opens on the last item
    expect(focused()).toBe('Log out');
    await key(document.activeElement!, 'Escape');
    expect(accountButton()!.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(accountButton());
  });

  it('closes on Tab and on a click outside', async () => {
    await mount();
    await act(() => accountButton()!.click());
    await key(document.activeElement!, 'Tab');
    expect(accountButton()!.getAttribute('aria-expanded')).toBe('false');

    await act(() => accountButton()!.click());
    const outside = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Elsewhere')!;
    await act(() => {
      outside.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    });
    expect(accountButton()!.getAttribute('aria-expanded')).toBe('false');
  });

  it('switches the language from the menu, for this device and the account', async () => {
    await mount();
    await act(() => accountButton()!.click());
    const spanish = items().find((i) => nameOf(i) === 'Español')!;
    expect(spanish.getAttribute('role')).toBe('menuitemradio');
    await act(async () => spanish.click());
    await vi.waitFor(() => expect(document.documentElement.lang).toBe('es'));
    expect(nameOf(accountButton()!)).toBe('Menú de la cuenta (ana)');
    expect(localStorage.getItem('inkwell.locale')).toBe('es');
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'PATCH' && c.url === '/api/me')).toBe(true));
    // Choosing closes the menu and returns focus to its button.
    expect(accountButton()!.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(accountButton());
    await act(() => accountButton()!.click());
    expect(items().find((i) => nameOf(i) === 'Español')!.getAttribute('aria-checked')).toBe('true');
  });

  it('logs out from the menu', async () => {
    await mount();
    await act(() => accountButton()!.click());
    const logout = items().find((i) => nameOf(i) === 'Log out')!;
    await act(async () => logout.click());
    await vi.waitFor(() => expect(root.querySelector('a[href="/login"]')).not.toBeNull());
    expect(calls.some((c) => c.method === 'DELETE' && c.url === '/api/tokens')).toBe(true);
  });
});

describe('phone tab bar', () => {
  it('has the five tabs with badges and marks the current one', async () => {
    history.replaceState(null, '', '/messages/ben');
    await mount({ tabBar: true });
    const bar = root.querySelector('nav.tabbar')!;
    expect(bar.getAttribute('aria-label')).toBe('Sections');
    expect([...bar.querySelectorAll('a')].map(nameOf)).toEqual([
      'Home',
      'Explore',
      'Messages 2 unread messages',
      'Notifications',
      'Profile',
    ]);
    expect([...bar.querySelectorAll('a[aria-current="page"]')].map(nameOf)).toEqual(['Messages 2 unread messages']);
    expect(bar.querySelector('a[href="/user/ana"]')).not.toBeNull();
  });
});

describe('document titles', () => {
  it('name the site once', async () => {
    expect(documentTitle('Inkwell', 'Inkwell')).toBe('Inkwell');
    expect(documentTitle('Explore', 'Inkwell')).toBe('Explore · Inkwell');
    await act(async () => render(<PageHeading title="Inkwell" />, root));
    expect(document.title).toBe('Inkwell');
    await act(async () => render(<PageHeading title="Explore" />, root));
    expect(document.title).toBe('Explore · Inkwell');
  });
});
