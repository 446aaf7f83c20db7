// Pictures in the composer (issue [5/8]): paste, drop and the "Add pictures" button upload at once;
// posting waits for the uploads and for alt text on every picture, and sends media_ids in order.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, type ComponentProps } from 'preact';
import { act } from 'preact/test-utils';
import { api, ApiError } from '../src/api';
import { MarkdownForm } from '../src/components/MarkdownForm';
import type { Media } from '../src/lib/attachments';
import { SessionProvider, useSession } from '../src/session';
import { fakeFetch, json, tokenBody } from './helpers';

type Props = ComponentProps<typeof MarkdownForm<string>>;

let root: HTMLElement;
let status = '';

function SessionProbe() {
  status = useSession().status;
  return null;
}

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const png = (name: string) => new File([new Uint8Array([137, 80, 78, 71])], name, { type: 'image/png' });
const media = (id: number, alt: string | null = null): Media => ({
  id,
  url: `/media/${id}.webp`,
  preview_url: `/media/${id}-p.webp`,
  width: 64,
  height: 48,
  alt,
});

beforeEach(() => {
  status = '';
  const f = fakeFetch((c) => (c.url === '/api/tokens' ? json(200, tokenBody('T')) : json(404, { error: 'Not Found' })));
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

async function mount(props: Partial<Props> = {}) {
  const all: Props = {
    kind: 'post',
    label: 'Say something',
    submitLabel: 'Post',
    sentMessage: 'Sent',
    send: async (body) => `sent:${body}`,
    onSent: () => {},
    pictures: {},
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
    form: root.querySelector('form')!,
    textarea: root.querySelector<HTMLTextAreaElement>('textarea[name=body]')!,
    submit: root.querySelector<HTMLButtonElement>('.actions .btn-primary')!,
  };
}

async function type(el: HTMLTextAreaElement, text: string) {
  await act(() => {
    el.value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function paste(el: HTMLElement, files: File[]) {
  const event = new Event('paste', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'clipboardData', { value: { files, types: ['Files'] } });
  await act(async () => {
    el.dispatchEvent(event);
    await settle();
  });
  return event;
}

async function submitForm(form: HTMLFormElement) {
  await act(async () => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await settle();
  });
}

const altField = (n: number) => root.querySelectorAll('.attachment')[n - 1].querySelector<HTMLTextAreaElement>('textarea')!;

describe('pictures in the composer', () => {
  it('uploads a pasted image at once, with a named progress bar, then shows its preview', async () => {
    let progress!: (p: number) => void;
    let finish!: (m: Media) => void;
    const upload = vi.spyOn(api, 'upload').mockImplementation((_path, _form, options) => {
      progress = options!.onProgress!;
      return new Promise((resolve) => (finish = resolve as (m: Media) => void));
    });
    const { textarea } = await mount();
    const event = await paste(textarea, [png('cat.png')]);
    expect(event.defaultPrevented).toBe(true);
    expect(upload).toHaveBeenCalledTimes(1);
    expect(upload.mock.calls[0][0]).toBe('/media');
    expect((upload.mock.calls[0][1].get('file') as File).name).toBe('cat.png');
    await act(() => progress(0.4));
    const bar = root.querySelector('progress')!;
    expect(bar.getAttribute('aria-label')).toBe('Uploading picture 1 (cat.png)');
    expect(bar.value).toBeCloseTo(0.4);
    await act(async () => finish(media(11)));
    expect(root.querySelector('progress')).toBeNull();
    const img = root.querySelector<HTMLImageElement>('.attachment img')!;
    expect(img.getAttribute('src')).toBe('/media/11-p.webp');
    const alt = altField(1);
    expect(root.querySelector(`label[for="${alt.id}"]`)?.textContent).toBe('Alt text for picture 1');
    expect(alt.getAttribute('aria-describedby')).toContain(`${alt.id}-hint`);
    expect(document.getElementById(`${alt.id}-hint`)?.textContent).toBe('Describe this picture for people who cannot see it.');
  });

  it('leaves a paste of plain text to the textarea', async () => {
    const upload = vi.spyOn(api, 'upload');
    const { textarea } = await mount();
    const event = await paste(textarea, []);
    expect(event.defaultPrevented).toBe(false);
    expect(upload).not.toHaveBeenCalled();
  });

  it('refuses to post while a picture lacks alt text, says why, and takes focus to the field', async () => {
    vi.spyOn(api, 'upload').mockResolvedValue(media(21));
    const patch = vi.spyOn(api, 'patch').mockImplementation(async (_p, body) => ({ ...media(21), ...(body as object) }));
    const send = vi.fn(async (body: string, ids?: number[]) => `sent:${body}:${ids?.join(',')}`);
    const { form, textarea, submit } = await mount({ send });
    await type(textarea, 'Look at this');
    await paste(textarea, [png('cat.png')]);
    expect(submit.getAttribute('aria-disabled')).toBe('true');
    const hint = document.getElementById(submit.getAttribute('aria-describedby')!)!;
    expect(hint.textContent).toBe('Describe every picture before posting.');

    await submitForm(form);
    expect(send).not.toHaveBeenCalled();
    const alt = altField(1);
    await vi.waitFor(() => expect(document.activeElement).toBe(alt));
    expect(alt.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector('.attachment .field-error')?.textContent).toBe('Describe this picture before posting.');

    await type(alt, 'A cat on a mat');
    expect(submit.hasAttribute('aria-disabled')).toBe(false);
    await submitForm(form);
    // The alt text reaches the server before the post that needs it.
    expect(patch).toHaveBeenCalledWith('/media/21', { alt: 'A cat on a mat' });
    expect(send).toHaveBeenCalledWith('Look at this', [21]);
    expect(patch.mock.invocationCallOrder[0]).toBeLessThan(send.mock.invocationCallOrder[0]);
    // Posted: the pictures go with the text.
    expect(root.querySelectorAll('.attachment')).toHaveLength(0);
    expect(textarea.value).toBe('');
  });

  it('waits for uploads to finish before posting', async () => {
    vi.spyOn(api, 'upload').mockImplementation(() => new Promise(() => {}));
    const send = vi.fn(async () => 'sent');
    const { form, textarea, submit } = await mount({ send });
    await type(textarea, 'Soon');
    await paste(textarea, [png('big.png')]);
    expect(document.getElementById(submit.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Wait until the pictures have uploaded.',
    );
    await submitForm(form);
    expect(send).not.toHaveBeenCalled();
  });

  it("shows the server's refusal on that file and asks for it to be removed", async () => {
    vi.spyOn(api, 'upload').mockRejectedValue(
      new ApiError(415, 'Ese archivo no es una imagen que podamos usar.', 'Unsupported Media Type'),
    );
    const { form, textarea, submit } = await mount();
    await type(textarea, 'Oops');
    await paste(textarea, [png('notes.png')]);
    expect(root.querySelector('.attachment [role=alert]')?.textContent).toBe('Ese archivo no es una imagen que podamos usar.');
    expect(document.getElementById(submit.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Remove the pictures that could not be uploaded.',
    );
    await submitForm(form);
    const remove = root.querySelector<HTMLButtonElement>('.attachment-remove')!;
    expect(document.activeElement).toBe(remove);
    expect(remove.getAttribute('aria-label')).toBe('Remove picture 1');
    await act(() => remove.click());
    expect(root.querySelectorAll('.attachment')).toHaveLength(0);
    expect(submit.hasAttribute('aria-disabled')).toBe(false);
  });

  it('takes at most four pictures and says how many were left out', async () => {
    vi.spyOn(api, 'upload').mockImplementation(() => new Promise(() => {}));
    const { textarea } = await mount();
    await paste(textarea, ['1', '2', '3'].map((n) => png(`${n}.png`)));
    await paste(textarea, ['4', '5', '6'].map((n) => png(`${n}.png`)));
    expect(root.querySelectorAll('.attachment')).toHaveLength(4);
    expect(root.querySelector('.attachment-notice')?.textContent).toBe('A post can have up to 4 pictures: 2 were left out.');
  });

  it('attaches by the toolbar button and by dropping files on the form', async () => {
    const upload = vi.spyOn(api, 'upload').mockImplementation(() => new Promise(() => {}));
    const { form } = await mount();
    const button = root.querySelector<HTMLButtonElement>('button[aria-label="Add pictures"]')!;
    const input = root.querySelector<HTMLInputElement>('input[type=file]')!;
    expect(input.accept).toBe('image/jpeg,image/png,image/webp,image/gif');
    expect(input.multiple).toBe(true);
    const opened = vi.spyOn(input, 'click').mockImplementation(() => {});
    await act(() => button.click());
    expect(opened).toHaveBeenCalled();
    Object.defineProperty(input, 'files', { value: [png('chosen.png')], configurable: true });
    await act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [png('dropped.png')], types: ['Files'] } });
    await act(() => void form.dispatchEvent(drop));
    expect(drop.defaultPrevented).toBe(true);
    expect(upload.mock.calls.map((c) => (c[1].get('file') as File).name)).toEqual(['chosen.png', 'dropped.png']);
  });

  it("edits a post's pictures: shows them, removes one, and sends the new list", async () => {
    const send = vi.fn(async (_body: string, ids?: number[]) => `sent:${ids?.join(',')}`);
    const { form } = await mount({
      send,
      initialBody: 'Two pictures',
      pictures: { initial: [media(1, 'One'), media(2, 'Two')] },
      onCancel: () => {},
    });
    expect([...root.querySelectorAll<HTMLTextAreaElement>('.attachment textarea')].map((t) => t.value)).toEqual(['One', 'Two']);
    await act(() => root.querySelector<HTMLButtonElement>('button[aria-label="Remove picture 1"]')!.click());
    await submitForm(form);
    expect(send).toHaveBeenCalledWith('Two pictures', [2]);
  });

  it('has no picture button, and leaves pastes alone, in a form without pictures', async () => {
    const upload = vi.spyOn(api, 'upload');
    const { textarea } = await mount({ pictures: undefined, kind: 'comment' });
    expect(root.querySelector('button[aria-label="Add pictures"]')).toBeNull();
    await paste(textarea, [png('cat.png')]);
    expect(upload).not.toHaveBeenCalled();
  });
});
