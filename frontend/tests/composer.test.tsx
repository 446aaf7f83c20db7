// The composer (issue [4/8]): Write/Preview tabs, the formatting toolbar and its shortcuts,
// Ctrl+Enter, blank text, drafts per user and place, focus after posting, auto-growing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, type ComponentProps } from 'preact';
import { act } from 'preact/test-utils';
import { MarkdownForm } from '../src/components/MarkdownForm';
import { DRAFT_WRITE_DELAY_MS, draftPlaces, draftStorageKey } from '../src/lib/drafts';
import { formatEdit, type FormatPlaceholders } from '../src/lib/markdownFormat';
import { SessionProvider, useSession } from '../src/session';
import { fakeFetch, json, me, tokenBody, type Call } from './helpers';

type Props = ComponentProps<typeof MarkdownForm<string>>;

let root: HTMLElement;
let calls: Call[];
let userId: number;

beforeEach(() => {
  userId = me.id;
  status = '';
  const f = fakeFetch((c) => {
    if (c.url === '/api/tokens') return json(200, { ...tokenBody('T'), user: { ...me, id: userId } });
    if (c.url === '/api/markdown') return json(200, { html: `<p><strong>${(c.body as { body: string }).body}</strong></p>` });
    return json(404, { error: 'Not Found' });
  });
  calls = f.calls;
  vi.stubGlobal('fetch', f.fetch);
  localStorage.clear();
  root = document.createElement('div');
  document.body.appendChild(root);
});

afterEach(async () => {
  await act(() => render(null, root));
  root.remove();
  vi.unstubAllGlobals();
});

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

let status = '';
/** Reports the session's status, so a mount can wait for the user its drafts are keyed by. */
function SessionProbe() {
  status = useSession().status;
  return null;
}

async function mount(props: Partial<Props> = {}) {
  const all: Props = {
    kind: 'post',
    label: 'Say something',
    submitLabel: 'Post',
    sentMessage: 'Sent',
    send: async (body) => `sent:${body}`,
    onSent: () => {},
    ...props,
  };
  await act(async () => {
    render(
      <SessionProvider>
        <SessionProbe />
        <MarkdownForm {...all} />
      </SessionProvider>,
      root,
    );
    await settle();
  });
  await vi.waitFor(() => expect(status).toBe('authenticated'));
  await act(settle);
  return {
    textarea: root.querySelector('textarea')!,
    submit: root.querySelector<HTMLButtonElement>('.actions .btn-primary')!,
    tab: (name: string) => [...root.querySelectorAll<HTMLButtonElement>('[role=tab]')].find((b) => b.textContent === name)!,
    tool: (name: string) => root.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`)!,
  };
}

async function type(textarea: HTMLTextAreaElement, text: string) {
  await act(() => {
    textarea.value = text;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function key(el: HTMLElement, init: KeyboardEventInit) {
  await act(async () => {
    el.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
    await settle();
  });
}

const markdownCalls = () => calls.filter((c) => c.url === '/api/markdown');

describe('Write / Preview tabs', () => {
  it('is a tablist whose one panel is named by the selected tab, and previews only on Preview', async () => {
    const { textarea, tab } = await mount();
    const tabs = root.querySelectorAll('[role=tablist] [role=tab]');
    expect([...tabs].map((t) => t.textContent)).toEqual(['Write', 'Preview']);
    expect(tab('Write').getAttribute('aria-selected')).toBe('true');
    expect(tab('Preview').getAttribute('aria-selected')).toBe('false');
    expect(tab('Preview').tabIndex).toBe(-1);
    const panels = root.querySelectorAll('[role=tabpanel]');
    expect(panels).toHaveLength(1);
    expect(panels[0].getAttribute('aria-labelledby')).toBe(tab('Write').id);
    expect(tab('Write').getAttribute('aria-controls')).toBe(panels[0].id);
    // Defect 16: no region of its own (two forms on a page made two "Preview" regions).
    expect(root.querySelectorAll('section, [role=region]')).toHaveLength(0);

    await type(textarea, 'hello');
    await act(settle);
    expect(markdownCalls()).toHaveLength(0); // nothing rendered (nor scheduled) while writing

    // Arrow keys move between tabs, selecting and focusing them.
    tab('Write').focus();
    await key(tab('Write'), { key: 'ArrowRight' });
    expect(tab('Preview').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(tab('Preview'));
    expect(root.querySelector('[role=tabpanel]')!.getAttribute('aria-labelledby')).toBe(tab('Preview').id);
    await vi.waitFor(() => expect(root.querySelector('.md-preview strong')?.textContent).toBe('hello'));
    expect(markdownCalls()).toHaveLength(1);
    expect(markdownCalls()[0].body).toEqual({ body: 'hello', kind: 'post' });
    expect(textarea.hidden).toBe(true);
    expect(root.querySelector('.md-toolbar')).toBeNull();

    await key(tab('Preview'), { key: 'Home' });
    expect(tab('Write').getAttribute('aria-selected')).toBe('true');
    expect(textarea.hidden).toBe(false);
    expect(textarea.value).toBe('hello');
  });

  it('says so when the preview cannot be rendered', async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch((c) => (c.url === '/api/tokens' ? json(200, tokenBody('T')) : json(503, { error: 'Service Unavailable' }))).fetch,
    );
    const { textarea, tab } = await mount();
    await type(textarea, 'x');
    await act(async () => tab('Preview').click());
    await vi.waitFor(() => expect(root.querySelector('.md-preview')!.textContent).toMatch(/not available/));
  });
});

describe('formatting', () => {
  const ph: FormatPlaceholders = { bold: 'bold text', italic: 'italic text', link: 'link text', code: 'code' };
  const apply = (value: string, start: number, end: number, kind: Parameters<typeof formatEdit>[3]) => {
    const e = formatEdit(value, start, end, kind, ph);
    const next = value.slice(0, e.start) + e.text + value.slice(e.end);
    return { next, selected: next.slice(e.selectStart, e.selectEnd) };
  };

  it('wraps the selection, or inserts a selected placeholder, and unwraps what it wrapped', () => {
    expect(apply('say hi now', 4, 6, 'bold')).toEqual({ next: 'say **hi** now', selected: 'hi' });
    expect(apply('say hi now', 4, 7, 'italic')).toEqual({ next: 'say _hi_ now', selected: 'hi' }); // space left out
    expect(apply('ab', 1, 1, 'bold')).toEqual({ next: 'a**bold text**b', selected: 'bold text' });
    expect(apply('say **hi** now', 6, 8, 'bold')).toEqual({ next: 'say hi now', selected: 'hi' });
    expect(apply('run ls', 4, 6, 'code')).toEqual({ next: 'run `ls`', selected: 'ls' });
    expect(apply('x\na\nb\ny', 2, 5, 'code')).toEqual({ next: 'x\n```\na\nb\n```\ny', selected: 'a\nb' });
    expect(apply('see a\nb', 4, 7, 'code')).toEqual({ next: 'see \n```\na\nb\n```', selected: 'a\nb' });
    expect(apply('go docs', 3, 7, 'link')).toEqual({ next: 'go [docs](https://)', selected: 'https://' });
    expect(apply('https://x.org', 0, 13, 'link')).toEqual({ next: '[link text](https://x.org)', selected: 'link text' });
    expect(apply('', 0, 0, 'link')).toEqual({ next: '[link text](https://)', selected: 'link text' });
  });

  it('applies from the toolbar and the shortcuts, keeping focus and selection in the text', async () => {
    const send = vi.fn(async (body: string) => body);
    const { textarea, tool } = await mount({ send });
    expect(['Bold', 'Italic', 'Link', 'Code'].map((n) => tool(n)?.type)).toEqual(['button', 'button', 'button', 'button']);
    await type(textarea, 'make it loud');
    textarea.setSelectionRange(8, 12);
    await act(async () => tool('Bold').click());
    expect(textarea.value).toBe('make it **loud**');
    expect(document.activeElement).toBe(textarea);
    expect(textarea.value.slice(textarea.selectionStart, textarea.selectionEnd)).toBe('loud');

    await key(textarea, { key: 'i', ctrlKey: true });
    expect(textarea.value).toBe('make it **_loud_**');
    textarea.setSelectionRange(0, 4);
    await key(textarea, { key: 'k', metaKey: true });
    expect(textarea.value).toBe('[make](https://) it **_loud_**');
    expect(textarea.value.slice(textarea.selectionStart, textarea.selectionEnd)).toBe('https://');
    // The form heard every edit: what is sent is what is shown.
    await key(textarea, { key: 'Enter', ctrlKey: true });
    expect(send).toHaveBeenCalledWith('[make](https://) it **_loud_**');
  });
});

describe('sending', () => {
  it('sends with Ctrl+Enter, never blank text, and keeps focus in the composer', async () => {
    const send = vi.fn(async (body: string) => `sent:${body}`);
    const { textarea, submit } = await mount({ send });
    await type(textarea, '  \n\t ');
    expect(submit.disabled).toBe(true);
    await key(textarea, { key: 'Enter', ctrlKey: true });
    expect(send).not.toHaveBeenCalled();

    await type(textarea, 'First');
    await key(textarea, { key: 'Enter', ctrlKey: true });
    expect(send).toHaveBeenCalledWith('First');
    expect(textarea.value).toBe('');

    await type(textarea, 'Second');
    submit.focus();
    await act(async () => {
      submit.click();
      await settle();
    });
    expect(send).toHaveBeenLastCalledWith('Second');
    expect(document.activeElement).toBe(textarea); // ready for the next post
  });

  it('grows the box with its text', async () => {
    const { textarea } = await mount();
    Object.defineProperty(textarea, 'scrollHeight', { configurable: true, get: () => 40 * textarea.value.split('\n').length });
    await type(textarea, 'a\nb\nc');
    expect(textarea.style.height).toBe('120px');
    await type(textarea, 'a');
    expect(textarea.style.height).toBe('40px');
  });
});

describe('drafts', () => {
  const stored = (place: string, id = me.id) => localStorage.getItem(draftStorageKey(id, place));

  it('keeps unsent text per user and place across a remount, and drops it once sent', async () => {
    const place = draftPlaces.comment(7);
    let form = await mount({ draftKey: place, kind: 'comment' });
    await type(form.textarea, 'Half a thought');
    expect(stored(place)).toBeNull(); // debounced: not on every keystroke
    await vi.waitFor(() => expect(stored(place)).toBe('Half a thought'), { timeout: DRAFT_WRITE_DELAY_MS * 5 });
    expect(stored(draftPlaces.comment(8))).toBeNull();

    // Navigating away and back (or reloading): the text is back.
    await act(() => render(null, root));
    form = await mount({ draftKey: place, kind: 'comment' });
    expect(form.textarea.value).toBe('Half a thought');
    await type(form.textarea, 'Half a thought, finished');
    await act(() => render(null, root)); // unmounting flushes the pending write
    expect(stored(place)).toBe('Half a thought, finished');

    form = await mount({ draftKey: place, kind: 'comment' });
    await act(async () => {
      form.submit.click();
      await settle();
    });
    expect(form.textarea.value).toBe('');
    expect(stored(place)).toBeNull();
  });

  it('never shows one user the draft of another', async () => {
    localStorage.setItem(draftStorageKey(me.id, draftPlaces.newPost), 'ana’s secret');
    userId = me.id + 1;
    const { textarea } = await mount({ draftKey: draftPlaces.newPost });
    expect(textarea.value).toBe('');
  });

  it('restores an edit over the stored text, and Cancel drops it', async () => {
    const place = draftPlaces.editPost(3);
    localStorage.setItem(draftStorageKey(me.id, place), 'Edited, unsaved');
    const onCancel = vi.fn();
    const { textarea } = await mount({ draftKey: place, initialBody: 'Original', onCancel });
    expect(textarea.value).toBe('Edited, unsaved');
    await act(async () => root.querySelector<HTMLButtonElement>('.actions .btn:not(.btn-primary)')!.click());
    expect(onCancel).toHaveBeenCalled();
    expect(stored(place)).toBeNull();
  });
});
