// The pictures attached to one form (the composer, a post's edit form): each uploads at once, with its
// progress, and needs alt text before the post may go out (SPEC §9). The list is plain data changed by
// `reduceAttachments` (tested on its own); `useAttachments` adds the network: uploads, alt-text saves,
// cancelling, and the media_ids to send, in the order shown.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import type { components } from '../api/schema';
import { schemaLimits } from '../api/schema-limits';

type MediaSchema = components['schemas']['Media'];
/** A picture as the API answers it (POST /api/media, a post's `media`). */
export type Media = { -readonly [K in keyof MediaSchema]-?: MediaSchema[K] };

/** SPEC §9: at most 4 pictures in a post (the API answers 422 past that). */
export const MAX_ATTACHMENTS = 4;
export const ALT_MAX = schemaLimits.MediaUpload.alt.maxLength;
/** What the file chooser offers: what the API decodes (it recognises the content, not the name). */
export const ACCEPTED_TYPES = 'image/jpeg,image/png,image/webp,image/gif';
/** Typing saves the alt text this long after the last key (and at once on leaving the field). */
export const ALT_SAVE_DELAY_MS = 800;

export type AttachmentStatus = 'uploading' | 'ready' | 'failed';

export interface Attachment {
  /** Local identity (a picture has no server id until its upload ends). */
  key: string;
  /** The file's name, to tell pictures apart before their preview exists. */
  name: string;
  status: AttachmentStatus;
  /** Fraction uploaded, 0 to 1. */
  progress: number;
  media: Media | null;
  /** The alt text in the field. */
  alt: string;
  /** The alt text the server has (null: none saved yet). */
  savedAlt: string | null;
  /** Already part of the post being edited: Remove leaves it to the post's PATCH, never deletes it. */
  attached: boolean;
  /** Why the upload (or the last alt-text save) failed, in the reader's language. */
  error: string | null;
}

export type AttachmentAction =
  | { type: 'add'; items: Attachment[] }
  | { type: 'progress'; key: string; progress: number }
  | { type: 'uploaded'; key: string; media: Media }
  | { type: 'failed'; key: string; error: string }
  | { type: 'alt'; key: string; alt: string }
  | { type: 'altSaved'; key: string; alt: string }
  | { type: 'altFailed'; key: string; error: string }
  | { type: 'remove'; key: string }
  /** After a send: everything shown is now part of the post. */
  | { type: 'attached' }
  | { type: 'reset'; items: Attachment[] };

let counter = 0;
function newKey(): string {
  counter += 1;
  return `a${counter}`;
}

export function uploadingItem(file: File): Attachment {
  return {
    key: newKey(),
    name: file.name,
    status: 'uploading',
    progress: 0,
    media: null,
    alt: '',
    savedAlt: null,
    attached: false,
    error: null,
  };
}

/** A picture the post already shows (its edit form). */
export function attachedItem(media: MediaSchema): Attachment {
  const m: Media = {
    id: media.id ?? 0,
    url: media.url ?? '',
    preview_url: media.preview_url ?? media.url ?? '',
    width: media.width ?? 0,
    height: media.height ?? 0,
    alt: media.alt ?? null,
  };
  return {
    key: newKey(),
    name: '',
    status: 'ready',
    progress: 1,
    media: m,
    alt: m.alt ?? '',
    savedAlt: m.alt ?? '',
    attached: true,
    error: null,
  };
}

export function reduceAttachments(list: readonly Attachment[], action: AttachmentAction): Attachment[] {
  const change = (key: string, f: (a: Attachment) => Attachment) => list.map((a) => (a.key === key ? f(a) : a));
  switch (action.type) {
    case 'add':
      return [...list, ...action.items].slice(0, MAX_ATTACHMENTS);
    case 'progress':
      // Progress never goes back (a retry after a token refresh starts the count again).
      return change(action.key, (a) => ({ ...a, progress: Math.max(a.progress, Math.min(1, action.progress)) }));
    case 'uploaded':
      return change(action.key, (a) => ({
        ...a,
        status: 'ready',
        progress: 1,
        media: action.media,
        savedAlt: action.media.alt ?? '',
        error: null,
      }));
    case 'failed':
      return change(action.key, (a) => ({ ...a, status: 'failed', error: action.error }));
    case 'alt':
      return change(action.key, (a) => ({ ...a, alt: action.alt }));
    case 'altSaved':
      return change(action.key, (a) => ({ ...a, savedAlt: action.alt, error: a.status === 'failed' ? a.error : null }));
    case 'altFailed':
      return change(action.key, (a) => ({ ...a, error: action.error }));
    case 'remove':
      return list.filter((a) => a.key !== action.key);
    case 'attached':
      return list.map((a) => ({ ...a, attached: true }));
    case 'reset':
      return action.items;
  }
}

/** How many of `count` new files fit beside `list`. */
export function roomFor(list: readonly Attachment[], count: number): number {
  return Math.max(0, Math.min(count, MAX_ATTACHMENTS - list.length));
}

export function missingAlt(a: Attachment): boolean {
  return a.alt.trim() === '';
}

/** Why the post may not go out yet (the first picture concerned), or null when it may. */
export type Blocker = { reason: 'uploading' | 'failed' | 'alt'; key: string } | null;

export function blocker(list: readonly Attachment[]): Blocker {
  const first = (p: (a: Attachment) => boolean) => list.find(p)?.key;
  const uploading = first((a) => a.status === 'uploading');
  if (uploading) return { reason: 'uploading', key: uploading };
  const failed = first((a) => a.status === 'failed');
  if (failed) return { reason: 'failed', key: failed };
  const alt = first(missingAlt);
  if (alt) return { reason: 'alt', key: alt };
  return null;
}

/** The media_ids of the post, in the order shown. */
export function mediaIds(list: readonly Attachment[]): number[] {
  return list.flatMap((a) => (a.status === 'ready' && a.media ? [a.media.id] : []));
}

function findItem(list: readonly Attachment[], key: string): Attachment | undefined {
  return list.find((a) => a.key === key);
}

function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.field('file') ?? e.field('alt') ?? e.message;
  return String(e);
}

function isAbort(e: unknown): boolean {
  return (e as Error)?.name === 'AbortError';
}

export interface Attachments {
  items: readonly Attachment[];
  blocker: Blocker;
  /** How many files the last add left out (past the fourth picture): said next to the pictures. */
  leftOut: number;
  /** Adds and starts uploading what fits; answers how many files were left out (past the fourth). */
  add: (files: readonly File[]) => number;
  remove: (key: string) => void;
  setAlt: (key: string, alt: string) => void;
  /** Saves the alt text now (the field was left). */
  saveAlt: (key: string) => void;
  /** Saves every unsaved alt text and waits for it: the server refuses a post whose picture has none. */
  sync: () => Promise<void>;
  ids: () => number[];
  /** After a send: empty for a new post (`keep` false), everything attached for an edited one. */
  sent: (keep: boolean) => void;
}

/** The attachments of one form; `initial` is the media of the post being edited. */
export function useAttachments(initial?: readonly MediaSchema[]): Attachments {
  const [items, setItems] = useState<readonly Attachment[]>(() => (initial ?? []).map(attachedItem));
  const [leftOut, setLeftOut] = useState(0);
  // The latest list, for callbacks that run after an await (uploads, saves) to read and change.
  const current = useRef(items);
  const uploads = useRef(new Map<string, AbortController>());
  const saving = useRef(new Map<string, Promise<void>>());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const dispatch = useCallback((action: AttachmentAction) => {
    current.current = reduceAttachments(current.current, action);
    setItems(current.current);
  }, []);

  const saveAlt = useCallback(
    (key: string): Promise<void> => {
      clearTimeout(timers.current.get(key));
      timers.current.delete(key);
      const a = findItem(current.current, key);
      if (!a || a.status !== 'ready' || !a.media) return Promise.resolve();
      const alt = a.alt.trim();
      if (alt === '' || alt === a.savedAlt) return saving.current.get(key) ?? Promise.resolve();
      // One save per picture at a time: the next starts when this one ends, with the text then shown.
      const previous = saving.current.get(key) ?? Promise.resolve();
      const run = previous
        .then(() => {
          const now = findItem(current.current, key);
          if (!now?.media || now.savedAlt === alt) return;
          return api.patch<Media>(`/media/${now.media.id}`, { alt }).then(
            () => dispatch({ type: 'altSaved', key, alt }),
            (e: unknown) => {
              dispatch({ type: 'altFailed', key, error: messageOf(e) });
              throw e;
            },
          );
        })
        .finally(() => {
          if (saving.current.get(key) === run) saving.current.delete(key);
        });
      saving.current.set(key, run);
      run.catch(() => {}); // shown on the picture; sync() rethrows it to the form
      return run;
    },
    [dispatch],
  );

  const upload = useCallback(
    async (key: string, file: File) => {
      const abort = new AbortController();
      uploads.current.set(key, abort);
      const form = new FormData();
      form.append('file', file);
      try {
        const media = await api.upload<Media>('/media', form, {
          onProgress: (progress) => dispatch({ type: 'progress', key, progress }),
          signal: abort.signal,
        });
        dispatch({ type: 'uploaded', key, media });
        // Alt text typed while the file was on its way goes out now.
        if (findItem(current.current, key)?.alt.trim()) void saveAlt(key).catch(() => {});
      } catch (e) {
        if (!isAbort(e)) dispatch({ type: 'failed', key, error: messageOf(e) });
      } finally {
        uploads.current.delete(key);
      }
    },
    [dispatch, saveAlt],
  );

  const add = useCallback(
    (files: readonly File[]) => {
      const fit = files.slice(0, roomFor(current.current, files.length));
      const added = fit.map(uploadingItem);
      dispatch({ type: 'add', items: added });
      added.forEach((a, i) => void upload(a.key, fit[i]));
      setLeftOut(files.length - fit.length);
      return files.length - fit.length;
    },
    [dispatch, upload],
  );

  const remove = useCallback(
    (key: string) => {
      const a = findItem(current.current, key);
      if (!a) return;
      uploads.current.get(key)?.abort();
      clearTimeout(timers.current.get(key));
      dispatch({ type: 'remove', key });
      setLeftOut(0);
      // A fresh upload nobody will post: delete it now rather than leave it to the 24 h clean-up.
      if (!a.attached && a.media) void api.del(`/media/${a.media.id}`).catch(() => {});
    },
    [dispatch],
  );

  const setAlt = useCallback(
    (key: string, alt: string) => {
      dispatch({ type: 'alt', key, alt });
      clearTimeout(timers.current.get(key));
      timers.current.set(
        key,
        setTimeout(() => void saveAlt(key).catch(() => {}), ALT_SAVE_DELAY_MS),
      );
    },
    [dispatch, saveAlt],
  );

  const sync = useCallback(async () => {
    await Promise.all(current.current.map((a) => saveAlt(a.key)));
  }, [saveAlt]);

  const sent = useCallback(
    (keep: boolean) => {
      dispatch(keep ? { type: 'attached' } : { type: 'reset', items: [] });
      setLeftOut(0);
    },
    [dispatch],
  );

  // Leaving the page cancels what is still uploading (nothing could post it) and pending saves.
  useEffect(() => {
    const running = uploads.current;
    const pending = timers.current;
    return () => {
      for (const abort of running.values()) abort.abort();
      for (const timer of pending.values()) clearTimeout(timer);
    };
  }, []);

  return {
    items,
    blocker: blocker(items),
    leftOut,
    add,
    remove,
    setAlt,
    saveAlt: (key) => void saveAlt(key).catch(() => {}),
    sync,
    ids: () => mediaIds(current.current),
    sent,
  };
}
