import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { relativeTime } from '../src/lib/time';
import { safeNext } from '../src/components/RequireAuth';
import { useList, type List } from '../src/lib/hooks';
import { fakeFetch, json } from './helpers';

describe('safeNext (return address after login)', () => {
  it('accepts same-site paths only', () => {
    expect(safeNext('/post/3#comments')).toBe('/post/3#comments');
    expect(safeNext('/settings?tab=1')).toBe('/settings?tab=1');
    expect(safeNext('//evil.test/x')).toBe('/');
    expect(safeNext('/\\evil.test')).toBe('/');
    expect(safeNext('https://evil.test')).toBe('/');
    expect(safeNext('javascript:alert(1)')).toBe('/');
    expect(safeNext(undefined)).toBe('/');
  });
});

describe('relativeTime', () => {
  const now = Date.parse('2026-06-01T12:00:00Z');
  it('says "just now" (null) under 45 s and uses Intl beyond', () => {
    expect(relativeTime('2026-06-01T11:59:30Z', now, 'en')).toBeNull();
    expect(relativeTime('2026-06-01T11:57:00Z', now, 'en')).toBe('3 minutes ago');
    expect(relativeTime('2026-06-01T09:00:00Z', now, 'en')).toBe('3 hours ago');
    expect(relativeTime('2026-05-31T12:00:00Z', now, 'en')).toBe('yesterday');
    expect(relativeTime('2026-06-01T11:57:00Z', now, 'es')).toBe('hace 3 minutos');
  });
});

describe('useList', () => {
  afterEach(() => vi.unstubAllGlobals());

  async function mountList(path: string) {
    let list!: List<{ id: number }>;
    function Probe() {
      list = useList<{ id: number }>(path);
      return null;
    }
    const root = document.createElement('div');
    await act(async () => render(<Probe />, root));
    return () => list;
  }

  it('follows the keyset cursor with ?before= and stops at a null cursor', async () => {
    const f = fakeFetch((c) => {
      if (c.url === '/api/feed') return json(200, { items: [{ id: 9 }, { id: 8 }], _meta: { per_page: 2, next_cursor: 8 } });
      if (c.url === '/api/feed?before=8') return json(200, { items: [{ id: 7 }], _meta: { per_page: 2, next_cursor: null } });
      return json(404, {});
    });
    vi.stubGlobal('fetch', f.fetch);
    const list = await mountList('/feed');
    await vi.waitFor(() => expect(list().items).toHaveLength(2));
    expect(list().hasMore).toBe(true);
    await act(async () => list().loadMore());
    await vi.waitFor(() => expect(list().items.map((i) => i.id)).toEqual([9, 8, 7]));
    expect(list().hasMore).toBe(false);
    expect(f.calls.map((c) => c.url)).toEqual(['/api/feed', '/api/feed?before=8']);
  });

  it('falls back to _links.next for page-numbered collections', async () => {
    const f = fakeFetch((c) =>
      c.url.endsWith('page=2')
        ? json(200, { items: [{ id: 3 }], _meta: { page: 2, per_page: 2, total_pages: 2, total_items: 3 }, _links: { next: null } })
        : json(200, {
            items: [{ id: 1 }, { id: 2 }],
            _meta: { page: 1, per_page: 2, total_pages: 2, total_items: 3 },
            _links: { next: '/api/posts/1/comments?page=2' },
          }),
    );
    vi.stubGlobal('fetch', f.fetch);
    const list = await mountList('/posts/1/comments');
    await vi.waitFor(() => expect(list().items).toHaveLength(2));
    expect(list().total).toBe(3);
    await act(async () => list().loadMore());
    await vi.waitFor(() => expect(list().items).toHaveLength(3));
    expect(f.calls[1].url).toBe('/api/posts/1/comments?page=2');
    expect(list().hasMore).toBe(false);
  });
});
