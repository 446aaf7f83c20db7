// A post's pictures (issue [5/8], SPEC §9): the previews under the body (sized, lazy, named
// buttons) and the full-size viewer they open (a modal dialog driven by the keyboard).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, type ComponentChildren } from 'preact';
import { act } from 'preact/test-utils';
import type { Post, ServerHtml } from '../src/api';
import { PostItem } from '../src/components/PostItem';
import { PostPictures, type Picture } from '../src/components/PostPictures';
import { SessionProvider } from '../src/session';
import { fakeFetch, json, me, tokenBody } from './helpers';

let root: HTMLElement;

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function pic(id: number, alt: string | null, width = 640, height = 480): Picture {
  return { id, alt, width, height, url: `/media/full-${id}.webp`, preview_url: `/media/preview-${id}.webp` };
}

const THREE = [pic(1, 'A red barn'), pic(2, null, 400, 600), pic(3, 'Cows in the snow')];

beforeEach(() => {
  const f = fakeFetch((c) => (c.url === '/api/tokens' ? json(200, tokenBody('T')) : json(404, { error: 'Not Found' })));
  vi.stubGlobal('fetch', f.fetch);
  root = document.createElement('div');
  document.body.appendChild(root);
});

afterEach(async () => {
  await act(() => render(null, root));
  root.remove();
  vi.unstubAllGlobals();
});

async function mount(node: ComponentChildren) {
  await act(async () => {
    render(node, root);
    await settle();
  });
}

/** Lets the page run until `condition` holds (the viewer's chunk is a dynamic import). */
async function until(condition: () => boolean) {
  for (let i = 0; i < 200 && !condition(); i++) {
    await act(settle);
  }
  expect(condition()).toBe(true);
}

const buttons = () => [...root.querySelectorAll<HTMLButtonElement>('.post-picture')];
const viewer = () => root.querySelector<HTMLDialogElement>('dialog.viewer');
const count = () => viewer()!.querySelector('.viewer-count [aria-hidden="true"]')!.textContent;
const shown = () => viewer()!.querySelector<HTMLImageElement>('.viewer-image')!;
const caption = () => viewer()!.querySelector('figcaption')?.textContent ?? null;

async function open(n: number) {
  const button = buttons()[n - 1];
  await act(async () => {
    button.focus();
    button.click();
    await settle();
  });
  await until(() => viewer() !== null);
}

async function press(key: string) {
  const target = (document.activeElement as HTMLElement) ?? viewer()!;
  await act(async () => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    await settle();
  });
}

describe('the pictures under a post', () => {
  it('shows one picture alone, as a sized, lazily loaded preview in a named button', async () => {
    await mount(<PostPictures media={[pic(7, 'A cat on a wall', 1200, 800)]} />);
    expect(root.querySelector('.post-pictures')!.classList.contains('post-pictures-1')).toBe(true);
    const img = root.querySelector('img')!;
    expect(img.getAttribute('src')).toBe('/media/preview-7.webp');
    expect(img.getAttribute('alt')).toBe('A cat on a wall');
    expect(img.getAttribute('width')).toBe('1200');
    expect(img.getAttribute('height')).toBe('800');
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(img.getAttribute('decoding')).toBe('async');
    const [button] = buttons();
    expect(button.tagName).toBe('BUTTON');
    expect(button.getAttribute('type')).toBe('button');
    expect(button.getAttribute('aria-label')).toBe('Open picture 1 of 1: A cat on a wall');
  });

  it('puts two to four in a grid, each named by its place, an old picture without alt too', async () => {
    await mount(<PostPictures media={THREE} />);
    expect(root.querySelector('.post-pictures')!.classList.contains('post-pictures-3')).toBe(true);
    expect(buttons().map((b) => b.getAttribute('aria-label'))).toEqual([
      'Open picture 1 of 3: A red barn',
      'Open picture 2 of 3',
      'Open picture 3 of 3: Cows in the snow',
    ]);
    const imgs = [...root.querySelectorAll('img')];
    expect(imgs.map((i) => i.getAttribute('alt'))).toEqual(['A red barn', '', 'Cows in the snow']);
    expect(imgs[1].getAttribute('width')).toBe('400');
    expect(imgs[1].getAttribute('height')).toBe('600');
  });

  it('renders nothing for a post without pictures', async () => {
    await mount(<PostPictures media={[]} />);
    expect(root.innerHTML).toBe('');
  });

  it('appear in the post card under the body', async () => {
    const post: Post = {
      id: 5,
      body: 'Hello',
      body_html: '<p>Hello</p>' as ServerHtml,
      language: 'en',
      timestamp: '2026-01-01T10:00:00Z',
      edited_at: null,
      comment_count: 0,
      like_count: 0,
      liked: null,
      bookmarked: null,
      content_warning: null,
      media: [pic(1, 'A red barn'), pic(2, 'A blue door')],
      media_ids: [1, 2],
      author: { id: me.id, username: 'ana', name: 'Ana', avatar_url: '/api/users/ana/avatar.svg' },
    };
    await mount(
      <SessionProvider>
        <PostItem post={post} />
      </SessionProvider>,
    );
    const grid = root.querySelector('.post-pictures')!;
    expect(grid.classList.contains('post-pictures-2')).toBe(true);
    expect(root.querySelectorAll('.post-picture').length).toBe(2);
    // After the body in document order.
    const body = root.querySelector('.post-body')!;
    expect(body.compareDocumentPosition(grid) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});

describe('the viewer', () => {
  it('opens at the chosen picture, full size, with its caption, its place and focus on Close', async () => {
    await mount(<PostPictures media={THREE} />);
    expect(viewer()).toBeNull(); // its code is not even loaded until asked for
    await open(3);
    expect(viewer()!.open).toBe(true);
    expect(viewer()!.getAttribute('aria-label')).toBe('Picture viewer');
    expect(shown().getAttribute('src')).toBe('/media/full-3.webp');
    expect(shown().getAttribute('alt')).toBe('Cows in the snow');
    expect(caption()).toBe('Cows in the snow');
    expect(count()).toBe('3 / 3');
    expect(viewer()!.querySelector('.viewer-count .sr-only')!.textContent).toBe('Picture 3 of 3');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Close');
  });

  it('moves with the arrow keys, wrapping at both ends, and jumps with Home and End', async () => {
    await mount(<PostPictures media={THREE} />);
    await open(2);
    expect(count()).toBe('2 / 3');
    expect(caption()).toBeNull(); // no alt text, no caption
    await press('ArrowRight');
    expect(count()).toBe('3 / 3');
    await press('ArrowRight'); // past the last: back to the first
    expect(count()).toBe('1 / 3');
    expect(caption()).toBe('A red barn');
    await press('ArrowLeft'); // before the first: the last
    expect(count()).toBe('3 / 3');
    await press('Home');
    expect(count()).toBe('1 / 3');
    expect(shown().getAttribute('src')).toBe('/media/full-1.webp');
    await press('End');
    expect(count()).toBe('3 / 3');
  });

  it('has Previous and Next buttons (none for a single picture)', async () => {
    await mount(<PostPictures media={THREE} />);
    await open(1);
    const next = viewer()!.querySelector<HTMLButtonElement>('[aria-label="Next picture"]')!;
    const previous = viewer()!.querySelector<HTMLButtonElement>('[aria-label="Previous picture"]')!;
    await act(async () => next.click());
    expect(count()).toBe('2 / 3');
    await act(async () => previous.click());
    await act(async () => previous.click());
    expect(count()).toBe('3 / 3');
    await act(() => render(null, root));
    await mount(<PostPictures media={[pic(9, 'Alone')]} />);
    await open(1);
    expect(viewer()!.querySelector('[aria-label="Next picture"]')).toBeNull();
    expect(count()).toBe('1 / 1');
  });

  it('closes on Esc and gives focus back to the picture that opened it', async () => {
    await mount(<PostPictures media={THREE} />);
    await open(2);
    await press('ArrowRight');
    await press('Escape');
    expect(viewer()).toBeNull();
    expect(document.activeElement).toBe(buttons()[1]);
  });

  it('closes on its Close button and on a click on the dark surround, not on the picture', async () => {
    await mount(<PostPictures media={THREE} />);
    await open(1);
    await act(async () => shown().click());
    expect(viewer()).not.toBeNull();
    await act(async () => viewer()!.querySelector<HTMLElement>('.viewer-figure')!.click());
    expect(viewer()).toBeNull();
    expect(document.activeElement).toBe(buttons()[0]);
    await open(3);
    await act(async () => viewer()!.querySelector<HTMLButtonElement>('[aria-label="Close"]')!.click());
    expect(viewer()).toBeNull();
    expect(document.activeElement).toBe(buttons()[2]);
  });
});
