// A form's pictures (issue [5/8], lib/attachments.ts): the list's rules on their own, then the hook
// with the network (uploads with progress, alt-text saves, cancelling, media_ids in order).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { api, ApiError } from '../src/api';
import {
  ALT_SAVE_DELAY_MS,
  MAX_ATTACHMENTS,
  attachedItem,
  blocker,
  mediaIds,
  reduceAttachments,
  uploadingItem,
  useAttachments,
  type Attachment,
  type Attachments,
  type Media,
} from '../src/lib/attachments';

const file = (name: string) => new File([new Uint8Array([1])], name, { type: 'image/png' });
const media = (id: number, alt: string | null = null): Media => ({
  id,
  url: `/media/${id}.webp`,
  preview_url: `/media/${id}-p.webp`,
  width: 40,
  height: 30,
  alt,
});

function ready(list: Attachment[], key: string, id: number) {
  return reduceAttachments(list, { type: 'uploaded', key, media: media(id) });
}

describe('the attachment list', () => {
  it('keeps at most four pictures, in the order added', () => {
    const items = ['a', 'b', 'c', 'd', 'e'].map((n) => uploadingItem(file(`${n}.png`)));
    const list = reduceAttachments([], { type: 'add', items });
    expect(list.map((a) => a.name)).toEqual(['a.png', 'b.png', 'c.png', 'd.png']);
    expect(MAX_ATTACHMENTS).toBe(4);
  });

  it('tracks progress forward only, and the upload ending', () => {
    const item = uploadingItem(file('a.png'));
    let list = reduceAttachments([], { type: 'add', items: [item] });
    list = reduceAttachments(list, { type: 'progress', key: item.key, progress: 0.6 });
    expect(list[0].progress).toBe(0.6);
    list = reduceAttachments(list, { type: 'progress', key: item.key, progress: 0.1 }); // a retry restarting
    expect(list[0].progress).toBe(0.6);
    expect(blocker(list)).toEqual({ reason: 'uploading', key: item.key });
    list = ready(list, item.key, 9);
    expect(list[0]).toMatchObject({ status: 'ready', progress: 1, media: { id: 9 } });
  });

  it('requires alt text (not just spaces) on every picture before posting', () => {
    const [a, b] = [uploadingItem(file('a.png')), uploadingItem(file('b.png'))];
    let list = reduceAttachments([], { type: 'add', items: [a, b] });
    list = ready(ready(list, a.key, 1), b.key, 2);
    expect(blocker(list)).toEqual({ reason: 'alt', key: a.key });
    list = reduceAttachments(list, { type: 'alt', key: a.key, alt: 'A cat' });
    list = reduceAttachments(list, { type: 'alt', key: b.key, alt: '   ' });
    expect(blocker(list)).toEqual({ reason: 'alt', key: b.key });
    list = reduceAttachments(list, { type: 'alt', key: b.key, alt: 'A dog' });
    expect(blocker(list)).toBeNull();
  });

  it('blocks on a failed upload until it is removed', () => {
    const [a, b] = [uploadingItem(file('a.png')), uploadingItem(file('b.txt'))];
    let list = reduceAttachments([], { type: 'add', items: [a, b] });
    list = reduceAttachments(ready(list, a.key, 1), { type: 'alt', key: a.key, alt: 'A cat' });
    list = reduceAttachments(list, { type: 'failed', key: b.key, error: 'Not a picture' });
    expect(blocker(list)).toEqual({ reason: 'failed', key: b.key });
    list = reduceAttachments(list, { type: 'remove', key: b.key });
    expect(blocker(list)).toBeNull();
    expect(mediaIds(list)).toEqual([1]);
  });

  it('gives the media ids in the order shown, without the removed ones', () => {
    const items = ['a', 'b', 'c'].map((n) => uploadingItem(file(`${n}.png`)));
    let list = reduceAttachments([], { type: 'add', items });
    // They finish in another order than they were added: the order shown is what counts.
    list = ready(ready(ready(list, items[2].key, 30), items[0].key, 10), items[1].key, 20);
    expect(mediaIds(list)).toEqual([10, 20, 30]);
    list = reduceAttachments(list, { type: 'remove', key: items[1].key });
    expect(mediaIds(list)).toEqual([10, 30]);
  });

  it("takes an edited post's pictures as attached, with their alt text", () => {
    const a = attachedItem(media(5, 'A boat'));
    expect(a).toMatchObject({ status: 'ready', attached: true, alt: 'A boat', savedAlt: 'A boat' });
    expect(blocker([a])).toBeNull();
  });
});

let root: HTMLElement;
let handle: Attachments;
function Probe(props: { initial?: Media[] }) {
  handle = useAttachments(props.initial);
  return null;
}

async function mount(initial?: Media[]) {
  await act(() => render(<Probe initial={initial} />, root));
}

describe('useAttachments', () => {
  beforeEach(() => {
    root = document.createElement('div');
    document.body.appendChild(root);
  });
  afterEach(async () => {
    await act(() => render(null, root));
    root.remove();
    vi.useRealTimers();
  });

  it('uploads each file at once, with progress, and says how many were left out past four', async () => {
    const progressOf: Record<string, (p: number) => void> = {};
    const finish: Record<string, (m: Media) => void> = {};
    const upload = vi.spyOn(api, 'upload').mockImplementation((_path, form, options) => {
      const name = (form.get('file') as File).name;
      progressOf[name] = options!.onProgress!;
      return new Promise((resolve) => (finish[name] = resolve as (m: Media) => void));
    });
    await mount();
    let leftOut = 0;
    await act(() => {
      leftOut = handle.add(['1', '2', '3', '4', '5', '6'].map((n) => file(`${n}.png`)));
    });
    expect(leftOut).toBe(2);
    expect(handle.leftOut).toBe(2);
    expect(upload).toHaveBeenCalledTimes(4);
    expect(upload.mock.calls[0][0]).toBe('/media');
    await act(() => progressOf['2.png'](0.5));
    expect(handle.items.map((a) => a.progress)).toEqual([0, 0.5, 0, 0]);
    expect(handle.blocker?.reason).toBe('uploading');
    await act(async () => finish['1.png'](media(1)));
    expect(handle.items[0]).toMatchObject({ status: 'ready', media: { id: 1 } });
  });

  it('shows a refused upload on its picture', async () => {
    vi.spyOn(api, 'upload').mockRejectedValue(
      new ApiError(415, 'That file is not a picture.', 'Unsupported Media Type', { file: ['Not a JPEG, PNG, WebP or GIF.'] }),
    );
    await mount();
    await act(async () => void handle.add([file('notes.png')]));
    expect(handle.items[0]).toMatchObject({ status: 'failed', error: 'Not a JPEG, PNG, WebP or GIF.' });
    expect(handle.blocker?.reason).toBe('failed');
  });

  it('saves alt text a moment after typing, and sync() waits for the last one', async () => {
    vi.spyOn(api, 'upload').mockResolvedValue(media(3));
    const patch = vi.spyOn(api, 'patch').mockImplementation(async (_path, body) => ({ ...media(3), ...(body as object) }));
    await mount();
    await act(async () => void handle.add([file('a.png')]));
    vi.useFakeTimers();
    const key = handle.items[0].key;
    await act(() => handle.setAlt(key, 'A cat'));
    await act(() => handle.setAlt(key, 'A cat asleep'));
    expect(patch).not.toHaveBeenCalled();
    await act(async () => void vi.advanceTimersByTime(ALT_SAVE_DELAY_MS));
    expect(patch).toHaveBeenCalledTimes(1);
    expect(patch).toHaveBeenCalledWith('/media/3', { alt: 'A cat asleep' });
    vi.useRealTimers();
    // Typed and sent before the delay: sync() saves it first.
    await act(() => handle.setAlt(key, 'A cat asleep on a mat'));
    await act(() => handle.sync());
    expect(patch).toHaveBeenLastCalledWith('/media/3', { alt: 'A cat asleep on a mat' });
    expect(handle.items[0].savedAlt).toBe('A cat asleep on a mat');
    expect(handle.ids()).toEqual([3]);
  });

  it('sends alt text typed during the upload once the upload ends', async () => {
    let finish!: (m: Media) => void;
    vi.spyOn(api, 'upload').mockImplementation(() => new Promise((resolve) => (finish = resolve as (m: Media) => void)));
    const patch = vi.spyOn(api, 'patch').mockResolvedValue(media(4, 'Early'));
    await mount();
    await act(async () => void handle.add([file('a.png')]));
    await act(() => handle.setAlt(handle.items[0].key, 'Early'));
    await act(async () => finish(media(4)));
    await vi.waitFor(() => expect(patch).toHaveBeenCalledWith('/media/4', { alt: 'Early' }));
  });

  it('cancels an upload on Remove, and deletes a finished one nobody will post', async () => {
    const signals: AbortSignal[] = [];
    vi.spyOn(api, 'upload').mockImplementation((_p, form, options) => {
      signals.push(options!.signal!);
      return (form.get('file') as File).name === 'done.png' ? Promise.resolve(media(8)) : new Promise(() => {});
    });
    const del = vi.spyOn(api, 'del').mockResolvedValue(undefined);
    await mount();
    await act(async () => void handle.add([file('done.png'), file('slow.png')]));
    const [done, slow] = handle.items;
    await act(() => handle.remove(slow.key));
    expect(signals[1].aborted).toBe(true);
    await act(() => handle.remove(done.key));
    expect(del).toHaveBeenCalledWith('/media/8');
    expect(handle.items).toHaveLength(0);
  });

  it("never deletes an edited post's own picture on Remove: the post's new list leaves it out", async () => {
    const del = vi.spyOn(api, 'del').mockResolvedValue(undefined);
    await mount([media(1, 'One'), media(2, 'Two')]);
    expect(handle.ids()).toEqual([1, 2]);
    await act(() => handle.remove(handle.items[0].key));
    expect(del).not.toHaveBeenCalled();
    expect(handle.ids()).toEqual([2]);
  });

  it('empties after a new post is sent', async () => {
    vi.spyOn(api, 'upload').mockResolvedValue(media(3));
    await mount();
    await act(async () => void handle.add([file('a.png')]));
    await act(() => handle.sent(false));
    expect(handle.items).toEqual([]);
  });
});
