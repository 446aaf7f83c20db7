import { h, type ComponentType } from 'preact';
// preact-iso's lazy module installs the hook through which a thrown promise suspends its Router (which
// keeps the previous page on screen until the new one is ready). The package declares itself free of
// side effects, so a bare `import 'preact-iso/lazy'` would be dropped from the build: lazyRoute uses
// the module's export (below) to keep it, hook included.
import preactIsoLazy from 'preact-iso/lazy';
import { useEffect, useReducer, useState } from 'preact/hooks';
import { Loading } from '../components/States';
import { RouteLoadFailed } from '../components/RouteLoadFailed';
import { focusHeading } from './focus';

type Loader<P> = () => Promise<{ default: ComponentType<P> }>;

/**
 * A route component whose code is its own chunk, like preact-iso's lazy(), except that a failed
 * download is not final. preact-iso caches the rejected promise: offline, the Router kept the old
 * page under the new URL, and the route stayed dead until a full reload. Here a failure shows
 * RouteLoadFailed in the page's place, which retries on its button and on the `online` event; a
 * later visit to the route tries again too.
 *
 * The first load suspends (the Router keeps the previous page until this one is ready, and focuses
 * its heading); a retry shows Loading instead, since the failure page is already on screen.
 */
export function lazyRoute<P extends object>(load: Loader<P>): ComponentType<P> {
  if (typeof preactIsoLazy !== 'function') throw new Error('preact-iso/lazy is missing: routes cannot suspend');
  let component: ComponentType<P> | null = null;
  let failed = false;
  let pending: Promise<void> | null = null;

  // The promise handed to the Router never rejects: a rejection would leave it suspended for good.
  function start(): Promise<void> {
    if (!pending) {
      failed = false;
      pending = load().then(
        (m) => {
          component = m.default;
          pending = null;
        },
        (e: unknown) => {
          console.error(e);
          failed = true;
          pending = null;
        },
      );
    }
    return pending;
  }

  function LazyRoute(props: P) {
    const [, rerender] = useReducer((n: number) => n + 1, 0);
    // A new visit to a route whose download failed before starts over rather than showing the old failure.
    useState(() => {
      if (failed) start();
    });
    const [retried, setRetried] = useState(false);
    const outcome = component !== null ? 'loaded' : failed ? 'failed' : 'waiting';

    // After a retry the Router is not involved, and the Retry button that had focus is gone: move
    // focus to the heading of what came (the page, or the failure again).
    useEffect(() => {
      if (retried && outcome !== 'waiting') focusHeading();
    }, [retried, outcome]);

    if (component) return h(component, props);
    if (failed) {
      const retry = () => {
        setRetried(true);
        void start().then(rerender);
      };
      return h(RouteLoadFailed, { onRetry: retry });
    }
    const loading = start();
    void loading.then(rerender);
    if (retried) return h(Loading, { label: undefined });
    throw loading;
  }
  LazyRoute.displayName = 'LazyRoute';
  return LazyRoute;
}
