// Defect 2 of issue [4/8]: a route chunk that failed to download (offline) left the old page under
// the new URL, and stayed broken until a full reload. lazyRoute retries and shows an error state.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso/router';
import { lazyRoute } from '../src/lib/lazyRoute';

let root: HTMLElement;
let go: (url: string) => void;

function Old() {
  return <h1>Old page</h1>;
}
function NewPage(props: { greeting?: string }) {
  return <h1>New page {props.greeting}</h1>;
}
const loaded = { default: NewPage };
const offline = (): Promise<typeof loaded> =>
  Promise.reject(new TypeError('Failed to fetch dynamically imported module'));

function Nav() {
  go = useLocation().route;
  return null;
}

async function mount(load: () => Promise<{ default: typeof NewPage }>) {
  const Lazy = lazyRoute(load);
  await act(async () => {
    render(
      <LocationProvider>
        <Nav />
        <main id="main">
          <Router>
            <Route path="/" component={Old} />
            <Route path="/new" component={Lazy} greeting="hello" />
          </Router>
        </main>
      </LocationProvider>,
      root,
    );
  });
}

const heading = () => root.querySelector('h1')?.textContent;
const retryButton = () =>
  [...root.querySelectorAll('button')].find((b) => b.textContent === 'Try again') as HTMLButtonElement | undefined;

beforeEach(() => {
  history.replaceState(null, '', '/');
  root = document.createElement('div');
  document.body.appendChild(root);
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

afterEach(async () => {
  await act(() => render(null, root));
  root.remove();
});

describe('lazyRoute', () => {
  it('shows the page once its chunk arrives, with the route props', async () => {
    await mount(() => Promise.resolve(loaded));
    await act(async () => go('/new'));
    await vi.waitFor(() => expect(heading()).toBe('New page hello'));
  });

  it('replaces the old page with an error state when the chunk fails, and Retry loads it', async () => {
    const load = vi.fn(offline);
    await mount(load);
    expect(heading()).toBe('Old page');

    await act(async () => go('/new'));
    await vi.waitFor(() => expect(heading()).toBe('This page could not be loaded'));
    expect(location.pathname).toBe('/new');
    expect(root.textContent).not.toContain('Old page');

    load.mockImplementation(() => Promise.resolve(loaded));
    await act(async () => retryButton()!.click());
    await vi.waitFor(() => expect(heading()).toBe('New page hello'));
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('tries again by itself when the browser comes back online', async () => {
    const load = vi.fn(offline);
    await mount(load);
    await act(async () => go('/new'));
    await vi.waitFor(() => expect(retryButton()).toBeDefined());

    // Still offline: the failure stays, with its Retry button.
    await act(async () => retryButton()!.click());
    await vi.waitFor(() => expect(retryButton()).toBeDefined());
    expect(load).toHaveBeenCalledTimes(2);

    load.mockImplementation(() => Promise.resolve(loaded));
    await act(async () => {
      window.dispatchEvent(new Event('online'));
    });
    await vi.waitFor(() => expect(heading()).toBe('New page hello'));
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('starts over on a later visit instead of showing the old failure', async () => {
    const load = vi.fn(offline);
    await mount(load);
    await act(async () => go('/new'));
    await vi.waitFor(() => expect(retryButton()).toBeDefined());
    await act(async () => go('/'));
    await vi.waitFor(() => expect(heading()).toBe('Old page'));

    load.mockImplementation(() => Promise.resolve(loaded));
    await act(async () => go('/new'));
    await vi.waitFor(() => expect(heading()).toBe('New page hello'));
    expect(load).toHaveBeenCalledTimes(2);
  });
});
