// A tiny module-level store: any code (pages, the socket listener) can raise a toast without context.
export type ToastKind = 'info' | 'success' | 'error';
export interface ToastItem {
  id: number;
  text: string;
  kind: ToastKind;
  href?: string;
  /** Toasts about the same thing share a key: a new one replaces the old instead of stacking. */
  key?: string;
  /** How many toasts this one stands for (1, or more once others with its key were folded in). */
  count: number;
}

export interface ToastOptions {
  /** Milliseconds before it goes away by itself; 0 keeps it until dismissed. */
  ttl?: number;
  /** See ToastItem.key. */
  key?: string;
}

let items: ToastItem[] = [];
let seq = 0;
const subs = new Set<(items: ToastItem[]) => void>();

function publish() {
  for (const s of subs) s(items);
}

/**
 * Raises a toast. `text` may be a function of the count, for toasts that coalesce under a key
 * ("3 new messages from ana"). A coalesced toast gets a new id, so the live region announces it
 * again (it is an addition) and its timer starts over.
 */
export function toast(
  text: string | ((count: number) => string),
  kind: ToastKind = 'info',
  href?: string,
  options: ToastOptions = {},
): number {
  const { ttl = 6000, key } = options;
  const previous = key === undefined ? undefined : items.find((t) => t.key === key);
  const count = (previous?.count ?? 0) + 1;
  const id = ++seq;
  const item: ToastItem = { id, text: typeof text === 'function' ? text(count) : text, kind, href, key, count };
  // Keep the stack short: a burst of pushes must not bury the page.
  items = [...items.filter((t) => t !== previous).slice(-3), item];
  publish();
  if (ttl > 0) setTimeout(() => dismiss(id), ttl);
  return id;
}

export function dismiss(id: number) {
  items = items.filter((t) => t.id !== id);
  publish();
}

export function subscribeToasts(fn: (items: ToastItem[]) => void): () => void {
  subs.add(fn);
  fn(items);
  return () => {
    subs.delete(fn);
  };
}
