import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { Post, ServerHtml } from '../src/api';
import { fakeFetch, json, tokenBody, type Call } from './helpers';

const author = { id: 2, username: 'bo', name: null, avatar_url: '/api/users/bo/avatar.svg' };
const spanishPost: Post = {
  id: 7,
  body: 'Hola a todos, hoy salí a correr por el parque.',
  body_html: '<p>Hola a todos, hoy salí a correr por el parque.</p>' as ServerHtml,
  language: 'es',
  timestamp: '2026-01-01T00:00:00Z',
  edited_at: null,
  comment_count: 0,
  like_count: 0,
  liked: null,
  bookmarked: null,
  content_warning: null,
  media: [],
  media_ids: [],
  author,
};

async function flush() {
  for (let i = 0; i < 5; i++) await act(async () => await new Promise((r) => setTimeout(r, 0)));
}

/** Logged in (refresh succeeds) with `translation_available` as given; other calls go to `extra`. */
function server(available: boolean, extra: (c: Call) => Response | undefined = () => undefined) {
  return fakeFetch((c) => {
    if (c.url === '/api/tokens' && c.method === 'PUT') {
      return json(200, { ...tokenBody('T'), user: { ...tokenBody('T').user, translation_available: available } });
    }
    return extra(c) ?? json(404, { error: 'Not Found', message: 'nope' });
  });
}

async function renderPost(fetcher: ReturnType<typeof fakeFetch>, post = spanishPost) {
  vi.stubGlobal('fetch', fetcher.fetch);
  vi.resetModules();
  const { SessionProvider } = await import('../src/session');
  const { PostItem } = await import('../src/components/PostItem');
  const root = document.createElement('div');
  document.body.appendChild(root);
  await act(async () => {
    render(
      <SessionProvider>
        <PostItem post={post} />
      </SessionProvider>,
      root,
    );
  });
  await flush();
  return root;
}

describe('Translate on posts', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('is offered only when the API has a provider and the language differs', async () => {
    expect((await renderPost(server(false))).querySelector('.translate-btn')).toBeNull();
    expect((await renderPost(server(true), { ...spanishPost, language: 'en' })).querySelector('.translate-btn')).toBeNull();
    expect((await renderPost(server(true), { ...spanishPost, language: '' })).querySelector('.translate-btn')).toBeNull();
    expect((await renderPost(server(true))).querySelector('.translate-btn')).not.toBeNull();
  });

  it('shows a spinner, then the translation as plain text', async () => {
    let answer: (r: Response) => void = () => {};
    const fetcher = server(true, (c) =>
      c.url === '/api/translate' ? (new Promise<Response>((r) => (answer = r)) as unknown as Response) : undefined,
    );
    const root = await renderPost(fetcher);
    await act(async () => (root.querySelector('.translate-btn') as HTMLButtonElement).click());
    expect(root.querySelector('.translate-busy .spinner')).not.toBeNull();
    const call = fetcher.calls.find((c) => c.url === '/api/translate')!;
    expect(call.body).toEqual({ text: spanishPost.body, source_language: 'es', dest_language: 'en' });
    await act(async () => answer(json(200, { text: '<b id="x">Hello</b> everyone' })));
    await flush();
    const text = root.querySelector('.translation-text')!;
    expect(text.textContent).toBe('<b id="x">Hello</b> everyone');
    expect(root.querySelector('#x')).toBeNull();
    expect(root.querySelector('.translation')!.getAttribute('lang')).toBe('en');
  });

  it('explains a failure and lets the user retry', async () => {
    const fetcher = server(true, (c) =>
      c.url === '/api/translate'
        ? json(504, { error: 'Gateway Timeout', message: 'The translation service timed out.' })
        : undefined,
    );
    const root = await renderPost(fetcher);
    await act(async () => (root.querySelector('.translate-btn') as HTMLButtonElement).click());
    await flush();
    const alert = root.querySelector('.translate-error[role="alert"]')!;
    expect(alert.textContent).toBe('The translation failed: The translation service timed out.');
    expect(root.querySelector('.translate-btn')).not.toBeNull();
  });
});

describe('the search page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
    history.replaceState(null, '', '/');
  });

  const hits = {
    posts: {
      items: [
        {
          type: 'post',
          snippet: '&lt;script&gt;x&lt;/script&gt; <mark>running</mark> late',
          post: { ...spanishPost, id: 9, language: 'en' },
        },
      ],
      _meta: { page: 1, per_page: 25, total_pages: 1, total_items: 1 },
      _links: { self: '/api/search?q=running', next: null, prev: null },
    },
    users: {
      items: [
        {
          type: 'user',
          snippet: '<mark>jane</mark>.doe',
          user: { ...author, id: 3, username: 'jane.doe', name: 'Jane', post_count: 0 },
        },
      ],
      _meta: { page: 1, per_page: 25, total_pages: 1, total_items: 1 },
      _links: { self: '/api/search?q=jane&type=users', next: null, prev: null },
    },
  };

  async function renderSearch(url: string) {
    history.replaceState(null, '', url);
    const fetcher = fakeFetch((c) => {
      if (c.url.startsWith('/api/search')) {
        return json(200, c.url.includes('type=users') ? hits.users : hits.posts);
      }
      return json(401, { error: 'Unauthorized', message: 'no' });
    });
    vi.stubGlobal('fetch', fetcher.fetch);
    vi.resetModules();
    const { LocationProvider } = await import('preact-iso/router');
    const { SessionProvider } = await import('../src/session');
    const Search = (await import('../src/pages/Search')).default;
    const root = document.createElement('div');
    document.body.appendChild(root);
    await act(async () => {
      render(
        <LocationProvider>
          <SessionProvider>
            <Search />
          </SessionProvider>
        </LocationProvider>,
        root,
      );
    });
    await flush();
    return { root, fetcher };
  }

  it('asks for words before searching', async () => {
    const { root, fetcher } = await renderSearch('/search');
    expect(root.textContent).toContain('Type one or more words');
    expect(fetcher.calls.some((c) => c.url.startsWith('/api/search'))).toBe(false);
  });

  it('renders snippets through SafeHtml: <mark> only, escaped markup stays text', async () => {
    const { root, fetcher } = await renderSearch('/search?q=running');
    expect(fetcher.calls.find((c) => c.url.startsWith('/api/search'))!.url).toBe('/api/search?q=running&type=posts');
    const snippet = root.querySelector('.search-hit[data-type="post"] .search-snippet')!;
    expect(snippet.querySelector('mark')!.textContent).toBe('running');
    expect(snippet.querySelector('script')).toBeNull();
    expect(snippet.textContent).toContain('<script>x</script>');
    expect(root.querySelector('.search-count')!.textContent).toBe('1 result');
    expect(root.querySelector('.tab[data-type="posts"]')!.getAttribute('aria-pressed')).toBe('true');
    expect((root.querySelector('#search-q') as HTMLInputElement).value).toBe('running');
  });

  it('shows people on the users tab', async () => {
    const { root } = await renderSearch('/search?q=jane&type=users');
    const hit = root.querySelector('.search-hit[data-type="user"]')!;
    expect(hit.querySelector('.search-snippet mark')!.textContent).toBe('jane');
    expect(root.querySelector('.tab[data-type="users"]')!.getAttribute('aria-pressed')).toBe('true');
  });
});
