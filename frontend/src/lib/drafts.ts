// Unsent text, kept per user and per place (the composer, a post's comment box, a conversation's
// message box, a post's edit form) so that navigating away, reloading or a crash loses nothing.
// localStorage is per browser profile, not per account: the user id in the key is what keeps one
// person's drafts from ever showing for someone who logs in after them.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useSession } from '../session';

const PREFIX = 'inkwell.draft';
/** Typing writes at most this often; a pending write is flushed on unmount and on page hide. */
export const DRAFT_WRITE_DELAY_MS = 400;

/** The place names callers use, so that two forms never share a draft by accident. */
export const draftPlaces = {
  newPost: 'post:new',
  editPost: (postId: number) => `post:${postId}:edit`,
  comment: (postId: number) => `post:${postId}:comment`,
  message: (username: string) => `message:${username.toLowerCase()}`,
};

export function draftStorageKey(userId: number, place: string): string {
  return `${PREFIX}.${userId}.${place}`;
}

function read(key: string | null): string | null {
  if (key === null) return null;
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage disabled: drafts last as long as the page
  }
}

function write(key: string, value: string | null) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Full or disabled storage: the text is still in the form.
  }
}

export interface Draft {
  value: string;
  set: (value: string) => void;
  /**
   * Forgets the stored draft (after a successful send, or Cancel). The form then shows `shown`:
   * by default `initial` (Cancel of an edit), '' after a new text was sent, the saved text after an edit.
   */
  clear: (shown?: string) => void;
}

/**
 * The text of a form at `place`, restored from the user's stored draft if one exists, else
 * `initial` (e.g. the post being edited). A draft equal to `initial` is not kept. Without a
 * place or a logged-in user it is plain state.
 */
export function useDraft(place: string | undefined, initial = ''): Draft {
  const { me } = useSession();
  const key = place && me ? draftStorageKey(me.id, place) : null;
  const [state, setState] = useState(() => ({ key, value: read(key) ?? initial }));
  const pending = useRef<{ key: string; value: string | null } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const initialRef = useRef(initial);
  initialRef.current = initial;

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const p = pending.current;
    pending.current = null;
    if (p) write(p.key, p.value);
  }, []);

  // Another place (the thread of another peer, another user) in the same mounted form: its own
  // draft shows at once (derived here, so the old text never shows under the new key), the old
  // place's pending write is saved, and the state follows after the commit.
  const current = state.key === key ? state : { key, value: read(key) ?? initial };
  useLayoutEffect(() => {
    flush();
    setState((s) => (s.key === key ? s : { key, value: read(key) ?? initialRef.current }));
  }, [key, flush]);

  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  const set = useCallback(
    (value: string) => {
      setState({ key, value });
      if (key === null) return;
      pending.current = { key, value: value === initialRef.current || value === '' ? null : value };
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, DRAFT_WRITE_DELAY_MS);
    },
    [key, flush],
  );
  const clear = useCallback(
    (shown?: string) => {
      clearTimeout(timer.current);
      pending.current = null;
      if (key !== null) write(key, null);
      setState({ key, value: shown ?? initialRef.current });
    },
    [key],
  );

  return { value: current.value, set, clear };
}
