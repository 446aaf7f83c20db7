import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useI18n, type PluralKey } from '../i18n';

// Start reading the next page this far before the reader reaches the end of the list.
const AHEAD_PX = 600;
const AHEAD = `${AHEAD_PX}px 0px`;

/**
 * The end of a growing list: a real "Load more" button (keyboards, no IntersectionObserver) that
 * also loads by itself when it scrolls near the viewport. The button is never disabled while a
 * page loads (a disabled button drops focus), pages append below what the reader sees, and a
 * polite status says how many items arrived. After an error it waits for the reader (Try again
 * or the button) instead of retrying in a loop.
 */
export function InfiniteMore(props: {
  hasMore: boolean;
  loading: boolean;
  failed: boolean;
  count: number;
  onLoad: () => void;
  announce: PluralKey;
  /** The last page arrived while the button had focus (and it is gone now): focus item `index`. */
  onEnd?: (index: number) => void;
}) {
  const { t, tn } = useI18n();
  const sentinel = useRef<HTMLDivElement>(null);
  const near = useRef(false);
  const requestedAt = useRef<number | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const focused = useRef(false);
  const [message, setMessage] = useState('');
  const latest = useRef(props);
  latest.current = props;

  const load = useCallback(() => {
    const { loading, hasMore, onLoad, count } = latest.current;
    if (loading || !hasMore) return;
    requestedAt.current = count;
    focused.current = document.activeElement === button.current;
    onLoad();
  }, []);

  useEffect(() => {
    const el = sentinel.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        near.current = entries.some((e) => e.isIntersecting);
        if (near.current && !latest.current.failed) load();
      },
      { rootMargin: AHEAD },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [props.hasMore, load]);

  // Before the effect below, which may ask for the next page at once (and move requestedAt).
  useEffect(() => {
    if (props.loading || requestedAt.current === null) return;
    const first = requestedAt.current;
    const added = props.count - first;
    requestedAt.current = null;
    const lost = !document.activeElement || document.activeElement === document.body;
    if (added > 0 && !props.hasMore && focused.current && lost) latest.current.onEnd?.(first);
    // A trailing no-break space alternates so that the same count twice is announced twice.
    if (added > 0) setMessage((prev) => tn(props.announce, added) + (prev.endsWith('\u00a0') ? '' : '\u00a0'));
  }, [props.loading, props.count, props.hasMore, props.announce, tn]);

  // The observer speaks only when the sentinel crosses the margin: a page too short to push it
  // out of view would stop the list, so keep loading while it is still near. Measured now, not
  // taken from the observer's last word, which predates the page just appended.
  useEffect(() => {
    if (props.loading || !props.hasMore || props.failed || !near.current) return;
    const el = sentinel.current;
    if (el && el.getBoundingClientRect().top <= window.innerHeight + AHEAD_PX) load();
  }, [props.loading, props.hasMore, props.failed, props.count, load]);

  return (
    <div class="more" ref={sentinel}>
      {props.hasMore && (
        <button
          ref={button}
          type="button"
          class="btn"
          aria-disabled={props.loading}
          aria-busy={props.loading}
          onClick={() => {
            // A click after a failure is the reader's retry: let the observer take over again.
            load();
          }}
        >
          {props.loading ? t('app.loading') : t('app.loadMore')}
        </button>
      )}
      <p class="sr-only" role="status" aria-live="polite">
        {message}
      </p>
    </div>
  );
}
