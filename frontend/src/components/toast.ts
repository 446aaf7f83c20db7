// A tiny module-level store: any code (pages, the socket listener) can raise a toast without context.
export type ToastKind = 'info' | 'success' | 'error';
export interface ToastItem {
  id: number;
  text: string;
  kind: ToastKind;
  href?: string;
}

let items: ToastItem[] = [];
let seq = 0;
const subs = new Set<(items: ToastItem[]) => void>();

function publish() {
  for (const s of subs) s(items);
}

export function toast(text: string, kind: ToastKind = 'info', href?: string, ttl = 6000): number {
  const id = ++seq;
  // Keep the stack short: a burst of pushes must not bury the page.
  items = [...items.slice(-3), { id, text, kind, href }];
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
