// Issue [4/8], h4's pages: sign-up (defects 5, 15), the confirmation link (11), search's landmark (16),
// notifications with excerpts (8), the own profile (9) and the export panel (12).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, type ComponentChildren } from 'preact';
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
const { SessionProvider } = await import('../src/session');
const { RealtimeProvider } = await import('../src/realtime');
const { linkPieces } = await import('../src/components/LinkifiedText');

type Handler = (c: Call) => Response | undefined;
let root: HTMLElement;
let calls: Call[];
let loggedIn: boolean;
let user: typeof me;
let routes: Handler;

beforeEach(() => {
  sockets.length = 0;
  loggedIn = false;
  user = { ...me };
  routes = () => undefined;
  localStorage.clear();
  const f = fakeFetch((c) => {
    if (c.url === '/api/tokens' && c.method === 'PUT') {
      return loggedIn ? json(200, { ...tokenBody('T1'), user }) : json(401, { error: 'Unauthorized', message: 'no' });
    }
    const answer = routes(c);
    if (answer) return answer;
    if (c.url === '/api/client-config') return json(200, { socket_transports: ['polling'] });
    if (c.url.startsWith('/api/notifications')) return json(200, { items: [], _meta: { per_page: 100 }, _links: {} });
    return json(404, { error: 'Not Found', message: 'nope' });
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

async function flush() {
  for (let i = 0; i < 8; i++) await act(async () => await new Promise((r) => setTimeout(r, 0)));
}

async function show(url: string, page: ComponentChildren) {
  history.replaceState(null, '', url);
  await act(async () => {
    render(
      <LocationProvider>
        <SessionProvider>
          <RealtimeProvider>{page}</RealtimeProvider>
        </SessionProvider>
      </LocationProvider>,
      root,
    );
  });
  await flush();
}

async function type(input: HTMLInputElement, value: string) {
  await act(async () => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function submit(form: HTMLFormElement) {
  await act(async () => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
  await flush();
}

const input = (name: string) => root.querySelector(`input[name="${name}"]`) as HTMLInputElement;
const fieldError = (name: string) => input(name).closest('.field')!.querySelector('.field-error')?.textContent;

describe('Register', () => {
  it('sends a logged-in visitor home instead of showing the form (defect 15)', async () => {
    loggedIn = true;
    const Register = (await import('../src/pages/Register')).default;
    await show('/register', <Register />);
    expect(location.pathname).toBe('/');
  });

  it("clears a field's server error as soon as that field is edited (defect 5)", async () => {
    routes = (c) =>
      c.url === '/api/users' && c.method === 'POST'
        ? json(409, {
            error: 'Conflict',
            message: 'Already in use.',
            errors: { username: ['Username already in use.'], email: ['Email already registered.'] },
          })
        : undefined;
    const Register = (await import('../src/pages/Register')).default;
    await show('/register', <Register />);
    await type(input('username'), 'ana');
    await type(input('email'), 'ana@example.com');
    await type(input('password'), 'a-long-password');
    await type(input('password2'), 'a-long-password');
    await submit(root.querySelector('form')!);
    expect(fieldError('username')).toBe('Username already in use.');
    expect(fieldError('email')).toBe('Email already registered.');

    await type(input('username'), 'ana2');
    expect(fieldError('username')).toBeUndefined();
    expect(input('username').getAttribute('aria-invalid')).toBeNull();
    expect(fieldError('email')).toBe('Email already registered.');

    await type(input('email'), 'ana2@example.com');
    expect(fieldError('email')).toBeUndefined();
    // Nothing left over at the form level either.
    expect(root.querySelector('.form-error')).toBeNull();
  });
});

describe('Confirm: an expired link offers a new one (defect 11)', () => {
  it('asks logged-out visitors for their email and says the same whatever the answer hides', async () => {
    routes = (c) => {
      if (c.url === '/api/auth/confirm') return json(400, { error: 'Bad Request', message: 'The link is invalid or has expired.' });
      if (c.url === '/api/auth/confirm-request') return new Response(null, { status: 202 });
      return undefined;
    };
    const Confirm = (await import('../src/pages/Confirm')).default;
    await show('/confirm/expired', <Confirm params={{ token: 'expired' }} />);
    expect(root.textContent).toContain('The confirmation link is invalid or has expired.');
    const button = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Send a new link')!;
    expect(button).toBeTruthy();
    expect(button.disabled).toBe(true);

    await type(input('email'), ' ana@example.com ');
    await submit(root.querySelector('form')!);
    const sent = calls.find((c) => c.url === '/api/auth/confirm-request')!;
    expect(sent.method).toBe('POST');
    expect(sent.body).toEqual({ email: 'ana@example.com' });
    expect(root.querySelector('[role="status"]')!.textContent).toContain('If ana@example.com belongs to an account');
  });

  it('points an unconfirmed, logged-in user at the resend button instead', async () => {
    loggedIn = true;
    user = { ...me, confirmed: false };
    routes = (c) => (c.url === '/api/auth/confirm' ? json(400, { error: 'Bad Request', message: 'x' }) : undefined);
    const Confirm = (await import('../src/pages/Confirm')).default;
    await show('/confirm/expired', <Confirm params={{ token: 'expired' }} />);
    expect(root.querySelector('a[href="/unconfirmed"]')).not.toBeNull();
    expect(root.querySelector('input[name="email"]')).toBeNull();
  });
});

describe('Search (defect 16)', () => {
  it("names its search landmark apart from the header's", async () => {
    const Search = (await import('../src/pages/Search')).default;
    await show('/search', <Search />);
    const form = root.querySelector('form[role="search"]')!;
    expect(form.getAttribute('aria-label')).toBe('Search posts and people');
    expect(form.getAttribute('aria-label')).not.toBe('Site search');
  });
});

describe('Notifications (defect 8)', () => {
  it('shows what the comment said and which post it was on, as text', async () => {
    loggedIn = true;
    routes = (c) =>
      c.url.startsWith('/api/notifications?')
        ? json(200, {
            items: [
              {
                id: 1,
                name: 'new_comment',
                timestamp: 1_700_000_000,
                read_at: null,
                data: {
                  post_id: 7,
                  comment_id: 9,
                  user: { id: 2, username: 'bo', name: null, avatar_url: '/a.svg' },
                  comment_excerpt: 'Lovely <b>post</b>!',
                  post_excerpt: 'Sourdough, day three',
                },
              },
            ],
            _meta: { per_page: 100 },
            _links: {},
          })
        : c.url === '/api/notifications/read'
          ? new Response(null, { status: 204 })
          : undefined;
    const Notifications = (await import('../src/pages/Notifications')).default;
    await show('/notifications', <Notifications />);
    const excerpt = root.querySelector('.notification-excerpt')!;
    expect(excerpt.textContent).toBe('Lovely <b>post</b>!');
    expect(excerpt.querySelector('b')).toBeNull();
    expect(root.textContent).toContain('On your post “Sourdough, day three”');
    expect(root.querySelector('a[href="/post/7#comment-9"]')!.textContent).toBe('View the comment');
  });
});

describe('Profile (defect 9)', () => {
  const profile = {
    ...me,
    role: 'Administrator',
    about_me: 'Baker.\nHi <b>there</b>, see https://example.com/bread.',
    is_following: false,
    follows_you: false,
  };

  async function showProfile(self: boolean) {
    loggedIn = true;
    user = { ...me, role: 'Administrator', permissions: 0xff };
    const shown = self ? profile : { ...profile, id: 5, username: 'bo', email: undefined };
    routes = (c) => {
      if (c.url === `/api/users/${shown.username}`) return json(200, shown);
      if (c.url.startsWith(`/api/users/${shown.username}/posts`))
        return json(200, { items: [], _meta: { page: 1, per_page: 25, total_pages: 0, total_items: 0 }, _links: {} });
      if (c.url === '/api/tasks') return json(200, { items: [] });
      return undefined;
    };
    const Profile = (await import('../src/pages/Profile')).default;
    await show(`/user/${shown.username}`, <Profile params={{ username: shown.username }} />);
  }

  const buttons = () => [...root.querySelectorAll('.profile .actions a')].map((a) => a.textContent);

  it('an administrator sees one "Edit profile" on her own profile, and no "Last seen"', async () => {
    await showProfile(true);
    expect(buttons()).toEqual(['Edit profile']);
    expect(root.textContent).not.toContain('Last seen');
  });

  it('on someone else\'s profile she sees the admin edit and when they were last seen', async () => {
    await showProfile(false);
    expect(buttons()).toContain('Edit profile [Admin]');
    expect(buttons()).not.toContain('Edit profile');
    expect(root.textContent).toContain('Last seen');
  });

  it('shows About as text with its line breaks and http(s) links, never as HTML', async () => {
    await showProfile(false);
    const about = root.querySelector('.about')!;
    expect(about.querySelector('b')).toBeNull();
    expect(about.textContent).toBe('Baker.\nHi <b>there</b>, see https://example.com/bread.');
    const link = about.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://example.com/bread');
    expect(link.getAttribute('rel')).toBe('nofollow ugc noopener');
  });
});

describe('linkPieces', () => {
  it('links http(s) URLs only, leaving sentence punctuation outside', () => {
    expect(linkPieces('a (https://x.org/a_(b)) and http://y.org, javascript:alert(1) ftp://z')).toEqual([
      { text: 'a (' },
      { href: 'https://x.org/a_(b)' },
      { text: ') and ' },
      { href: 'http://y.org' },
      { text: ', javascript:alert(1) ftp://z' },
    ]);
    expect(linkPieces('no links')).toEqual([{ text: 'no links' }]);
  });
});

describe('ExportPanel (defect 12)', () => {
  const done = {
    id: 't1',
    name: 'export_posts',
    description: 'Exporting posts',
    status: 'complete',
    progress: 100,
    error: null,
    created_at: '2026-01-01T10:00:00Z',
    finished_at: '2026-01-01T10:01:00Z',
    result_url: '/api/tasks/t1/result',
  };

  async function showPanel(tasks: unknown[], post: () => Response) {
    loggedIn = true;
    routes = (c) => {
      if (c.url === '/api/tasks' && c.method === 'GET') return json(200, { items: tasks });
      if (c.url === '/api/tasks' && c.method === 'POST') return post();
      return undefined;
    };
    const { ExportPanel } = await import('../src/components/ExportPanel');
    await show('/user/ana', <ExportPanel />);
  }

  const start = () => root.querySelector('.export-start button') as HTMLButtonElement;

  it('says a copy is emailed, and confirms every start', async () => {
    await showPanel([], () => json(202, { ...done, id: 't2', status: 'queued', progress: 0, finished_at: null, result_url: null }));
    expect(root.querySelector('#export-email-note')!.textContent).toBe('We’ll also email you a copy.');
    expect(start().getAttribute('aria-describedby')).toBe('export-email-note');
    await act(async () => start().click());
    await flush();
    expect(root.querySelector('.export-notice')!.textContent).toContain('Your export has started');
  });

  it('offers the last export and says so when one is already running', async () => {
    await showPanel([done], () => json(409, { error: 'Conflict', message: 'An export is already in progress.' }));
    expect(root.textContent).toContain('Your last export, from');
    expect(start().textContent).toBe('Export again');
    await act(async () => start().click());
    await flush();
    expect(root.querySelector('.export-notice')!.textContent).toBe('An export task is currently in progress.');
  });
});
