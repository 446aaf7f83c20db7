import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { io, type Socket } from 'socket.io-client';
import { api, type Collection, type Message, type NotificationRecord, type Post, type TaskProgressData } from '../api';
import { useSession } from '../session';

/** A notification plus whether it arrived live (toast-worthy) or from the catch-up fetch. */
export type NotificationEvent = NotificationRecord & { live: boolean };

export interface RealtimeEvents {
  notification: NotificationEvent;
  message: Message;
  post: Post;
  /** After every (re)connect and catch-up: `post` pushes are not stored, so feeds reload their top. */
  resync: { reconnect: boolean };
}

type Listener<K extends keyof RealtimeEvents> = (payload: RealtimeEvents[K]) => void;

export interface Realtime {
  /** null while the first connection is being made (or when logged out), then true/false. */
  connected: boolean | null;
  unreadMessages: number;
  newNotifications: number;
  tasks: Record<string, TaskProgressData>;
  subscribe<K extends keyof RealtimeEvents>(event: K, fn: Listener<K>): () => void;
  /** The notifications page calls this after POST /api/notifications/read. */
  clearEventBadge: () => void;
}

const EVENT_NAMES = new Set(['new_follower', 'new_comment']);
const MAX_CATCH_UP_PAGES = 20;

const RealtimeContext = createContext<Realtime | null>(null);

export function RealtimeProvider(props: { children: ComponentChildren }) {
  const { me } = useSession();
  const userId = me?.id ?? null;
  const [connected, setConnected] = useState<boolean | null>(null);
  const [unread, setUnread] = useState<number | null>(null);
  const [eventKeys, setEventKeys] = useState<Set<string> | null>(null);
  const [tasks, setTasks] = useState<Record<string, TaskProgressData>>({});
  const listeners = useRef(new Map<keyof RealtimeEvents, Set<Listener<never>>>());

  // Stable across renders so subscribers do not churn every time a badge count changes.
  const subscribe = useMemo<Realtime['subscribe']>(
    () => (event, fn) => {
      let set = listeners.current.get(event);
      if (!set) listeners.current.set(event, (set = new Set()));
      set.add(fn as Listener<never>);
      return () => {
        set.delete(fn as Listener<never>);
      };
    },
    [],
  );

  function emit<K extends keyof RealtimeEvents>(event: K, payload: RealtimeEvents[K]) {
    for (const fn of listeners.current.get(event) ?? []) {
      try {
        (fn as Listener<K>)(payload);
      } catch (e) {
        console.error(e);
      }
    }
  }

  useEffect(() => {
    setConnected(null);
    setUnread(null);
    setEventKeys(null);
    setTasks({});
    if (userId === null) return;

    let since = 0;
    let everConnected = false;
    let forceRefresh = false;
    let retries = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let catchUp: Promise<void> = Promise.resolve();
    let disposed = false;

    function apply(n: NotificationRecord, live: boolean) {
      if (n.timestamp > since) since = n.timestamp;
      if (n.name === 'unread_message_count') setUnread(Number(n.data) || 0);
      else if (n.name === 'task_progress') {
        const d = n.data as TaskProgressData;
        if (d?.task_id) setTasks((t) => ({ ...t, [d.task_id]: d }));
      } else if (EVENT_NAMES.has(n.name)) {
        // Events arrive both live and in the catch-up; name+timestamp identifies one either way.
        const key = `${n.name}:${n.timestamp}`;
        setEventKeys((prev) => {
          const next = new Set(prev ?? []);
          if (n.read_at) next.delete(key);
          else next.add(key);
          return next;
        });
      }
      emit('notification', { ...n, live });
    }

    async function fetchMissed() {
      const first = since === 0;
      let path: string | null = '/notifications';
      let query: Record<string, number> | undefined = { since };
      for (let page = 0; path && page < MAX_CATCH_UP_PAGES; page++) {
        const res: Collection<NotificationRecord> = await api.get<Collection<NotificationRecord>>(path, query);
        if (disposed) return;
        for (const n of res.items) apply(n, false);
        path = res._links?.next ?? null;
        query = undefined;
      }
      // The first catch-up returns every unread event: from then on the badge counts what we hold.
      if (first) setEventKeys((prev) => prev ?? new Set());
    }

    const socket: Socket = io({
      path: '/socket.io',
      autoConnect: false,
      // A callback, so every reconnect presents a token that is valid now, not the one from page load.
      auth: (cb) => {
        const p = forceRefresh ? api.refresh() : api.freshToken();
        forceRefresh = false;
        p.then(
          (token) => cb({ token: token ?? '' }),
          () => cb({ token: '' }),
        );
      },
    });

    function scheduleReconnect() {
      clearTimeout(retryTimer);
      const delay = Math.min(30_000, 1000 * 2 ** retries) * (0.75 + Math.random() / 2);
      retries++;
      retryTimer = setTimeout(() => {
        if (!disposed && !socket.connected) socket.connect();
      }, delay);
    }

    socket.on('connect', () => {
      retries = 0;
      setConnected(true);
      const reconnect = everConnected;
      everConnected = true;
      catchUp = catchUp
        .then(fetchMissed)
        .catch((e) => console.warn('notification catch-up failed', e))
        .then(() => {
          if (!disposed) emit('resync', { reconnect });
        });
    });
    socket.on('disconnect', (reason) => {
      if (disposed) return;
      setConnected(false);
      // The server dropped us on purpose (token revoked or expired): come back with a new token.
      if (reason === 'io server disconnect') {
        forceRefresh = true;
        scheduleReconnect();
      }
    });
    socket.on('connect_error', () => {
      if (disposed) return;
      setConnected(false);
      // A refusal from the server's connect handler is final for socket.io; transport errors retry on
      // their own. Only the former needs a fresh token and a manual retry.
      if (!socket.active) {
        forceRefresh = true;
        scheduleReconnect();
      }
    });
    socket.on('notification', (n: NotificationRecord) => apply(n, true));
    socket.on('message', (m: Message) => emit('message', m));
    socket.on('post', (p: Post) => emit('post', p));
    socket.connect();

    return () => {
      disposed = true;
      clearTimeout(retryTimer);
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [userId]);

  const value = useMemo<Realtime>(
    () => ({
      connected: userId === null ? null : connected,
      unreadMessages: unread ?? me?.unread_message_count ?? 0,
      newNotifications: eventKeys ? eventKeys.size : (me?.new_notification_count ?? 0),
      tasks,
      subscribe,
      clearEventBadge: () => setEventKeys(new Set()),
    }),
    [userId, connected, unread, eventKeys, tasks, me?.unread_message_count, me?.new_notification_count, subscribe],
  );

  return <RealtimeContext.Provider value={value}>{props.children}</RealtimeContext.Provider>;
}

export function useRealtime(): Realtime {
  const r = useContext(RealtimeContext);
  if (!r) throw new Error('useRealtime outside RealtimeProvider');
  return r;
}

/** Subscribe for the lifetime of a component; the handler may change between renders. */
export function useRealtimeEvent<K extends keyof RealtimeEvents>(event: K, handler: Listener<K>) {
  const { subscribe } = useRealtime();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => subscribe(event, (p) => ref.current(p)), [subscribe, event]);
}
