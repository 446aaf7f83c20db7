import { describe, expect, it, vi, afterEach } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { SafeHtml } from '../src/components/SafeHtml';
import type { Comment, Post, ServerHtml } from '../src/api';
import { fakeFetch, json } from './helpers';

// Every source file, as text, straight from Vite (no Node fs needed).
const sources = import.meta.glob('../src/**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;
const rel = (p: string) => p.replace('../src/', '');

describe('the sanitised-HTML path', () => {
  it('finds the sources it is checking', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    expect(Object.keys(sources).map(rel)).toContain('components/SafeHtml.tsx');
  });

  it('uses dangerouslySetInnerHTML only in components/SafeHtml.tsx', () => {
    const users = Object.entries(sources)
      .filter(([, text]) => text.includes('dangerouslySetInnerHTML'))
      .map(([p]) => rel(p));
    expect(users).toEqual(['components/SafeHtml.tsx']);
  });

  it('never writes HTML through other DOM sinks', () => {
    const sinks = /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|createContextualFragment|new Function\(|\beval\(/;
    const offenders = Object.entries(sources)
      .filter(([, text]) => sinks.test(text))
      .map(([p]) => rel(p));
    expect(offenders).toEqual([]);
  });

  it('mints ServerHtml nowhere: only API response types carry it', () => {
    const casts = Object.entries(sources)
      .filter(([, text]) => /as\s+ServerHtml|<ServerHtml>/.test(text))
      .map(([p]) => rel(p));
    expect(casts).toEqual([]);
  });

  it('SafeHtml renders exactly the server HTML it is given, in one wrapper', () => {
    const root = document.createElement('div');
    const html = '<p>Hello <strong>world</strong> <a href="https://x.test" rel="nofollow noopener noreferrer">x</a></p>';
    render(<SafeHtml html={html as ServerHtml} />, root);
    expect(root.children).toHaveLength(1);
    expect(root.firstElementChild!.innerHTML).toBe(html);
    expect(root.firstElementChild!.className).toBe('prose');
  });
});

describe('posts and comments render body_html, never body, as HTML', () => {
  afterEach(() => vi.unstubAllGlobals());

  async function renderWithSession(node: preact.ComponentChildren) {
    vi.stubGlobal('fetch', fakeFetch(() => json(401, { error: 'Unauthorized' })).fetch);
    const { SessionProvider } = await import('../src/session');
    const root = document.createElement('div');
    await act(async () => {
      render(<SessionProvider>{node}</SessionProvider>, root);
    });
    return root;
  }

  const author = { id: 2, username: 'bo', name: null, avatar_url: '/api/users/bo/avatar.svg' };

  it('PostItem shows body_html and not the raw Markdown', async () => {
    const { PostItem } = await import('../src/components/PostItem');
    const post: Post = {
      id: 5,
      body: '<img src=x onerror="alert(1)"> **raw**',
      body_html: '<p><strong>rendered</strong></p>' as ServerHtml,
      language: 'en',
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
    const root = await renderWithSession(<PostItem post={post} />);
    const body = root.querySelector('.post-body')!;
    expect(body.innerHTML).toBe('<p><strong>rendered</strong></p>');
    expect(root.querySelector('img[src="x"]')).toBeNull();
    expect(root.textContent).not.toContain('**raw**');
  });

  it('a username full of markup is text, not HTML', async () => {
    const { PostItem } = await import('../src/components/PostItem');
    const evil = { ...author, username: '<b id="pwn">bo</b>' };
    const post = {
      id: 6,
      body: 'x',
      body_html: '<p>x</p>' as ServerHtml,
      language: '',
      timestamp: '2026-01-01T00:00:00Z',
      edited_at: null,
      comment_count: 0,
      like_count: 0,
      liked: null,
      bookmarked: null,
      content_warning: null,
      media: [],
      media_ids: [],
      author: evil,
    };
    const root = await renderWithSession(<PostItem post={post} />);
    expect(root.querySelector('#pwn')).toBeNull();
    expect(root.textContent).toContain('<b id="pwn">bo</b>');
  });

  it('a disabled comment without body shows the moderation notice', async () => {
    const { CommentItem } = await import('../src/components/CommentItem');
    const c: Comment = {
      id: 1,
      post_id: 5,
      body: null,
      body_html: null,
      disabled: true,
      timestamp: '2026-01-01T00:00:00Z',
      author,
    };
    const root = await renderWithSession(<CommentItem comment={c} />);
    expect(root.textContent).toContain('This comment has been disabled by a moderator.');
    expect(root.querySelector('.comment-body')).toBeNull();
  });
});
