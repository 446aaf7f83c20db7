import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Collection, type Query } from '../api';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
  setData: (update: T | ((prev: T | undefined) => T | undefined)) => void;
}

function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, String((e as Error)?.message ?? e));
}

interface GetRequest {
  path: string;
  query?: Query;
}

/** A GET as one string, so effects depend on the path and query by value (a query object is new each render). */
const requestKey = (path: string | null, query?: Query): string | null =>
  path === null ? null : JSON.stringify({ path, query: query ?? {} });
const parseRequest = (key: string): GetRequest => JSON.parse(key) as GetRequest;

/** GET one resource; refetches when `path` changes and cancels the stale request. */
export function useResource<T>(path: string | null, query?: Query): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [nonce, setNonce] = useState(0);
  const key = requestKey(path, query);

  useEffect(() => {
    if (key === null) return;
    const request = parseRequest(key);
    const ctl = new AbortController();
    setLoading(true);
    setError(null);
    api.get<T>(request.path, request.query, ctl.signal).then(
      (d) => {
        setData(d);
        setLoading(false);
      },
      (e) => {
        if (ctl.signal.aborted) return;
        setError(asApiError(e));
        setLoading(false);
      },
    );
    return () => ctl.abort();
  }, [key, nonce]);

  return { data, error, loading, reload: useCallback(() => setNonce((n) => n + 1), []), setData };
}

export interface List<T> {
  items: T[];
  error: ApiError | null;
  loading: boolean;
  /** Whether a further page exists (cursor or page link). */
  hasMore: boolean;
  total: number | null;
  loadMore: () => void;
  reload: () => void;
  setItems: (update: (prev: T[]) => T[]) => void;
}

/**
 * A growing list over a collection endpoint. Prefers the keyset cursor (`_meta.next_cursor` →
 * `?before=`) so deep pages stay cheap, and falls back to `_links.next` for page-numbered lists.
 */
export function useList<T>(path: string | null, query?: Query): List<T> {
  const [items, setItems] = useState<T[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [total, setTotal] = useState<number | null>(null);
  const next = useRef<GetRequest | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const gen = useRef(0);
  const [nonce, setNonce] = useState(0);
  const key = requestKey(path, query);

  /** Fetches `page` of the list that `first` starts; the keyset cursor continues from `first`'s query. */
  const fetchPage = useCallback(async (first: GetRequest, page: GetRequest, replace: boolean) => {
    const mine = ++gen.current;
    setLoading(true);
    setError(null);
    try {
      const res = await api.get<Collection<T>>(page.path, page.query);
      if (mine !== gen.current) return;
      setItems((prev) => (replace ? res.items : [...prev, ...res.items]));
      setTotal(res._meta?.total_items ?? null);
      const cursor = res._meta?.next_cursor;
      if (cursor !== undefined && cursor !== null) {
        next.current = { path: first.path, query: { ...first.query, before: cursor } };
      } else if (cursor === undefined && res._links?.next) {
        next.current = { path: res._links.next };
      } else {
        next.current = null;
      }
      setHasMore(next.current !== null);
    } catch (e) {
      if (mine === gen.current) setError(asApiError(e));
    } finally {
      if (mine === gen.current) setLoading(false);
    }
  }, []);

  // A new list starts empty; a reload of the same one keeps showing what it has until the answer comes
  // (live pages reload after every reconnect: no flash of "Loading", no lost scroll position).
  const shownKey = useRef<string | null>(null);
  useEffect(() => {
    if (key === null) return;
    if (shownKey.current !== key) {
      shownKey.current = key;
      setItems([]);
      next.current = null;
      setHasMore(false);
    }
    const first = parseRequest(key);
    void fetchPage(first, first, true);
  }, [key, nonce, fetchPage]);

  const loadMore = useCallback(() => {
    if (key !== null && next.current && !loading) void fetchPage(parseRequest(key), next.current, false);
  }, [key, fetchPage, loading]);

  return {
    items,
    error,
    loading,
    hasMore,
    total,
    loadMore,
    reload: useCallback(() => setNonce((n) => n + 1), []),
    setItems,
  };
}

/** Form submission state: busy flag plus the last ApiError, for field-level messages. */
export function useSubmit<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const ref = useRef(fn);
  ref.current = fn;
  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await ref.current(...args);
    } catch (e) {
      setError(asApiError(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { run, busy, error, setError };
}

/** Keeps a value in localStorage; falls back to memory when storage is unavailable. */
export function useStoredState<T extends string>(key: string, initial: T, allowed: readonly T[]) {
  const [value, setValue] = useState<T>(() => {
    try {
      const v = localStorage.getItem(key) as T | null;
      return v && allowed.includes(v) ? v : initial;
    } catch {
      return initial;
    }
  });
  const set = useCallback(
    (v: T) => {
      setValue(v);
      try {
        localStorage.setItem(key, v);
      } catch {
        // Storage disabled: the value lasts for this visit.
      }
    },
    [key],
  );
  return [value, set] as const;
}
