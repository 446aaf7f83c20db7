import { io as openSocket, type Socket } from 'socket.io-client';
import type { ApiClient } from './client';
import type { Collection, Message, NotificationRecord, Post, TaskProgressData } from './types';

/** A notification plus whether it arrived live (toast-worthy) or from the catch-up fetch. */
export type NotificationEvent = NotificationRecord & { live: boolean };

export interface RealtimeEvents {
  notification: NotificationEvent;
  message: Message;
  post: Post;
  /** After every (re)connect and catch-up: `post` pushes are not stored, so feeds reload their top. */
  resync: { reconnect: boolean };
}

export type RealtimeListener<K extends keyof RealtimeEvents> = (payload: RealtimeEvents[K]) => void;

/** What the pushes have said so far; replaced (never mutated) on every change. */
export interface RealtimeState {
  /** null while the first connection is being made (or when disconnected on purpose), then true/false. */
  connected: boolean | null;
  /** The last `unread_message_count`; null until one arrives. */
  unreadMessages: number | null;
  /** Unread `new_follower`/`new_comment` events by name and timestamp; null until the first catch-up ends. */
  unreadEvents: ReadonlySet<string> | null;
  tasks: Readonly<Record<string, TaskProgressData>>;
}

export interface RealtimeSocketOptions {
  /** socket.io-client's `io`; tests pass a scripted one. */
  io?: typeof openSocket;
}

const INITIAL_STATE: RealtimeState = { connected: null, unreadMessages: null, unreadEvents: null, tasks: {} };
const EVENT_NAMES = new Set(['new_follower', 'new_comment']);
const MAX_CATCH_UP_PAGES = 20;
const MAX_RETRY_DELAY_MS = 30_000;

/**
 * The one Socket.IO connection of SPEC §4, for whoever `api` is logged in as: it connects with the
 * access token, comes back with a fresh token after the server refuses or drops it, catches up through
 * `GET /api/notifications?since=` after every (re)connect, and hands pushes to subscribers. Subscribers
 * and state watchers outlive connections, so a UI subscribes once and survives logout/login.
 */
export function createRealtimeSocket(api: ApiClient, options: RealtimeSocketOptions = {}) {
  const io = options.io ?? openSocket;
  const listeners = new Map<keyof RealtimeEvents, Set<RealtimeListener<never>>>();
  const watchers = new Set<(state: RealtimeState) => void>();
  let state = INITIAL_STATE;
  let closeConnection: (() => void) | null = null;

  function setState(next: RealtimeState) {
    state = next;
    for (const watch of watchers) watch(state);
  }

  function update(patch: Partial<RealtimeState>) {
    setState({ ...state, ...patch });
  }

  function emit<K extends keyof RealtimeEvents>(event: K, payload: RealtimeEvents[K]) {
    for (const fn of listeners.get(event) ?? []) {
      try {
        (fn as RealtimeListener<K>)(payload);
      } catch (e) {
        // One broken subscriber must not starve the others of the push.
        console.error(e);
      }
    }
  }

  function open(): () => void {
    let since = 0;
    let everConnected = false;
    let forceRefresh = false;
    let retries = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let catchUp: Promise<void> = Promise.resolve();
    let disposed = false;

    function apply(n: NotificationRecord, live: boolean) {
      if (n.timestamp > since) since = n.timestamp;
      if (n.name === 'unread_message_count') update({ unreadMessages: Number(n.data) || 0 });
      else if (n.name === 'task_progress') {
        const d = n.data as TaskProgressData;
        if (d?.task_id) update({ tasks: { ...state.tasks, [d.task_id]: d } });
      } else if (EVENT_NAMES.has(n.name)) {
        // Events arrive both live and in the catch-up; name+timestamp identifies one either way.
        const key = `${n.name}:${n.timestamp}`;
        const unread = new Set(state.unreadEvents ?? []);
        if (n.read_at) unread.delete(key);
        else unread.add(key);
        update({ unreadEvents: unread });
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
      if (first && state.unreadEvents === null) update({ unreadEvents: new Set() });
    }

    const socket: Socket = io({
      path: '/socket.io',
      autoConnect: false,
      // A callback, so every reconnect presents a token that is valid now, not the one from page load.
      auth: (cb) => {
        const token = forceRefresh ? api.refresh() : api.freshToken();
        forceRefresh = false;
        token.then(
          (t) => cb({ token: t ?? '' }),
          () => cb({ token: '' }),
        );
      },
    });

    function scheduleReconnect() {
      clearTimeout(retryTimer);
      const delay = Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** retries) * (0.75 + Math.random() / 2);
      retries++;
      retryTimer = setTimeout(() => {
        if (!disposed && !socket.connected) socket.connect();
      }, delay);
    }

    socket.on('connect', () => {
      retries = 0;
      update({ connected: true });
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
      update({ connected: false });
      // The server dropped us on purpose (token revoked or expired): come back with a new token.
      if (reason === 'io server disconnect') {
        forceRefresh = true;
        scheduleReconnect();
      }
    });
    socket.on('connect_error', () => {
      if (disposed) return;
      update({ connected: false });
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
  }

  /** Connect as the user `api` holds a token for, dropping any earlier connection and its state. */
  function connect() {
    disconnect();
    closeConnection = open();
  }

  /** Close the connection (logout) and forget what it said. Subscriptions and watchers stay. */
  function disconnect() {
    closeConnection?.();
    closeConnection = null;
    if (state !== INITIAL_STATE) setState(INITIAL_STATE);
  }

  /** Calls `fn` with every new state; returns the function that stops it. */
  function watch(fn: (state: RealtimeState) => void): () => void {
    watchers.add(fn);
    return () => {
      watchers.delete(fn);
    };
  }

  function subscribe<K extends keyof RealtimeEvents>(event: K, fn: RealtimeListener<K>): () => void {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(fn as RealtimeListener<never>);
    return () => {
      set.delete(fn as RealtimeListener<never>);
    };
  }

  /** The notifications page calls this after POST /api/notifications/read. */
  function clearEventBadge() {
    update({ unreadEvents: new Set() });
  }

  return {
    get state(): RealtimeState {
      return state;
    },
    connect,
    disconnect,
    watch,
    subscribe,
    clearEventBadge,
  };
}

export type RealtimeSocket = ReturnType<typeof createRealtimeSocket>;
