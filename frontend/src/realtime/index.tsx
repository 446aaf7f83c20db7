import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, type TaskProgressData } from '../api';
import { createRealtimeSocket, type RealtimeEvents, type RealtimeListener, type WatchKind } from '../api/socket';
import { useSession } from '../session';

export type { NotificationEvent, RealtimeEvents } from '../api/socket';

export interface Realtime {
  /** null while the first connection is being made (or when logged out), then true/false. */
  connected: boolean | null;
  unreadMessages: number;
  newNotifications: number;
  tasks: Record<string, TaskProgressData>;
  subscribe<K extends keyof RealtimeEvents>(event: K, fn: RealtimeListener<K>): () => void;
  /** The notifications page calls this after POST /api/notifications/read. */
  clearEventBadge: () => void;
  /** See RealtimeSocket.liveGeneration; read when a page loads what it shows. */
  liveGeneration: () => number;
  watchRooms: (kind: WatchKind, ids: readonly number[]) => () => void;
  isWatching: (kind: WatchKind, ids: readonly number[]) => boolean;
}

const RealtimeContext = createContext<Realtime | null>(null);

/** Connects the one socket (src/api/socket.ts) while someone is logged in and shares what it says. */
export function RealtimeProvider(props: { children: ComponentChildren }) {
  const { me } = useSession();
  const userId = me?.id ?? null;
  const [socket] = useState(() => createRealtimeSocket(api));
  const [state, setState] = useState(socket.state);
  // Stable for the socket's lifetime: hooks record it in effects that must not re-run on every push.
  const liveGeneration = useCallback(() => socket.liveGeneration, [socket]);

  useEffect(() => socket.watch(setState), [socket]);

  useEffect(() => {
    if (userId === null) return;
    socket.connect();
    return socket.disconnect;
  }, [socket, userId]);

  const unreadFromLogin = me?.unread_message_count;
  const eventsFromLogin = me?.new_notification_count;
  const value = useMemo<Realtime>(
    () => ({
      connected: userId === null ? null : state.connected,
      // Until the socket reports, the counts the session arrived with stand in.
      unreadMessages: state.unreadMessages ?? unreadFromLogin ?? 0,
      newNotifications: state.unreadEvents ? state.unreadEvents.size : (eventsFromLogin ?? 0),
      tasks: state.tasks,
      subscribe: socket.subscribe,
      clearEventBadge: socket.clearEventBadge,
      liveGeneration,
      watchRooms: socket.watchRooms,
      isWatching: socket.isWatching,
    }),
    [socket, state, userId, unreadFromLogin, eventsFromLogin, liveGeneration],
  );

  return <RealtimeContext.Provider value={value}>{props.children}</RealtimeContext.Provider>;
}

export function useRealtime(): Realtime {
  const r = useContext(RealtimeContext);
  if (!r) throw new Error('useRealtime outside RealtimeProvider');
  return r;
}

/** Subscribe for the lifetime of a component; the handler may change between renders. */
export function useRealtimeEvent<K extends keyof RealtimeEvents>(event: K, handler: RealtimeListener<K>) {
  const { subscribe } = useRealtime();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => subscribe(event, (p) => latest.current(p)), [subscribe, event]);
}

/**
 * Calls `reload` when what a page shows may have missed pushes (SPEC §13): on the first `resync` after a
 * reconnect or a server resync that happened since the page loaded `key` (a key of what it fetched; null
 * while it fetches nothing). A page that loaded while the connection was already up and stayed up is not
 * reloaded, so an ordinary first connect reloads only pages that loaded before it.
 */
export function useCatchUp(key: string | null, reload: () => void) {
  const { subscribe, liveGeneration } = useRealtime();
  const loaded = useRef<{ key: string | null; generation: number }>({ key: null, generation: 0 });
  const latest = useRef(reload);
  latest.current = reload;
  // Recorded in an effect of the same commit as the page's fetch: no push can slip in between.
  useEffect(() => {
    loaded.current = { key, generation: liveGeneration() };
  }, [key, liveGeneration]);
  useEffect(
    () =>
      subscribe('resync', ({ generation }) => {
        const l = loaded.current;
        if (l.key === null || l.generation >= generation) return;
        l.generation = liveGeneration();
        latest.current();
      }),
    [subscribe, liveGeneration],
  );
}

/**
 * Joins the rooms of `ids` (posts or authors) while mounted, again after every reconnect. Returns true
 * once the server has joined them, or when there is no live connection to wait for (then the next
 * connect's resync is the catch-up): a page that loads after that misses no push. Stays true for these ids.
 */
function useWatch(kind: WatchKind, ids: readonly number[]): boolean {
  const { watchRooms, isWatching, subscribe } = useRealtime();
  const key = [...new Set(ids)].sort((a, b) => a - b).join(',');
  const [readyKey, setReadyKey] = useState<string | null>(null);
  useEffect(() => {
    const list = key ? key.split(',').map(Number) : [];
    const release = watchRooms(kind, list);
    const check = () => {
      if (isWatching(kind, list)) setReadyKey(key);
    };
    const stop = subscribe('watching', check);
    check();
    return () => {
      stop();
      release();
    };
  }, [kind, key, watchRooms, isWatching, subscribe]);
  return readyKey === key;
}

/** Live `comment` and `post_stats` for these posts (SPEC §10). */
export function useWatchPosts(ids: readonly number[]): boolean {
  return useWatch('post', ids);
}

/** Live `post` events for this author's new posts, followed or not. */
export function useWatchUser(id: number | null | undefined): boolean {
  return useWatch('user', id ? [id] : []);
}
