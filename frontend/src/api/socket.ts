import { io as openSocket, type Socket } from 'socket.io-client';
import type { ApiClient } from './client';
import type {
  ClientConfig,
  Collection,
  Comment,
  Message,
  NotificationRecord,
  Post,
  PostStats,
  TaskProgressData,
} from './types';

/** A notification plus whether it arrived live (toast-worthy) or from the catch-up fetch. */
export type NotificationEvent = NotificationRecord & { live: boolean };

export interface Resync {
  /** false only after the first connection of a login: every later one follows an interruption. */
  reconnect: boolean;
  /**
   * Counts the moments after which pushes may have been missed (each connect, each server `resync`).
   * A page whose data predates the generation it last saw reloads; see `liveGeneration`.
   */
  generation: number;
}

export interface RealtimeEvents {
  notification: NotificationEvent;
  message: Message;
  post: Post;
  /** A new comment on a watched post (SPEC §10). */
  comment: Comment;
  /** A watched post's counts changed. */
  post_stats: PostStats;
  /**
   * After every (re)connect and after the server's `resync` (its Redis link came back), once the
   * notification catch-up is done: `post`, `comment` and `post_stats` pushes are not stored, so pages
   * reload what they show if it may have missed some.
   */
  resync: Resync;
  /** Which watched rooms the server has joined changed (see `isWatching`). */
  watching: null;
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

/** Rooms a page can ask for: a post's comments and counts, an author's new posts. */
export type WatchKind = 'post' | 'user';

export type Transport = 'polling' | 'websocket';

export interface RealtimeSocketOptions {
  /** socket.io-client's `io`; tests pass a scripted one. */
  io?: typeof openSocket;
}

const INITIAL_STATE: RealtimeState = { connected: null, unreadMessages: null, unreadEvents: null, tasks: {} };
const EVENT_NAMES = new Set(['new_follower', 'new_comment']);
const MAX_CATCH_UP_PAGES = 20;
const MAX_RETRY_DELAY_MS = 30_000;
/** `liveGeneration` while no connection is up: older than any generation. */
export const NOT_LIVE = -1;
const WATCH_KINDS: readonly WatchKind[] = ['post', 'user'];
// The server takes 1..100 ids per watch event and holds at most 500 rooms per socket.
const WATCH_BATCH = 100;
const MAX_WATCHED = 500;
const ACK_TIMEOUT_MS = 5000;
const TRANSPORTS: readonly Transport[] = ['polling', 'websocket'];

type WatchSets = Record<WatchKind, Set<number>>;
const watchSets = (): WatchSets => ({ post: new Set(), user: new Set() });

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The operator's transports from /api/client-config, or undefined for socket.io's default. */
function transportsOf(config: ClientConfig | undefined): Transport[] | undefined {
  const wanted = (config?.socket_transports ?? []).filter((t): t is Transport => TRANSPORTS.includes(t as Transport));
  return wanted.length ? wanted : undefined;
}

/**
 * The one Socket.IO connection of SPEC §4, for whoever `api` is logged in as: it reads the transports from
 * /api/client-config, connects with the access token, comes back with a fresh token after the server
 * refuses or drops it, joins again the post and author rooms pages watch (the server forgets them with the
 * connection), catches up through `GET /api/notifications?since=` after every (re)connect and every server
 * `resync`, and hands pushes to subscribers. Subscribers, watches and state watchers outlive connections, so
 * a UI subscribes once and survives logout/login.
 */
export function createRealtimeSocket(api: ApiClient, options: RealtimeSocketOptions = {}) {
  const io = options.io ?? openSocket;
  const listeners = new Map<keyof RealtimeEvents, Set<RealtimeListener<never>>>();
  const watchers = new Set<(state: RealtimeState) => void>();
  // What pages want watched: id -> how many of them ask.
  const wanted: Record<WatchKind, Map<number, number>> = { post: new Map(), user: new Map() };
  let state = INITIAL_STATE;
  let connection: Connection | null = null;
  let config: Promise<ClientConfig | undefined> | null = null;
  let generation = 0;
  let liveGeneration = NOT_LIVE;

  interface Connection {
    close(): void;
    /** Sends the watch/unwatch events that make the server's rooms match `wanted`. */
    sync(): void;
    isWatching(kind: WatchKind, ids: readonly number[]): boolean;
  }

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

  /** Asked once per page load; a failure is asked again on the next connection. */
  function clientConfig(): Promise<ClientConfig | undefined> {
    config ??= api.get<ClientConfig>('/client-config').catch((e) => {
      console.warn('client-config unavailable, using the default transports', e);
      config = null;
      return undefined;
    });
    return config;
  }

  function open(): Connection {
    let since = 0;
    let everConnected = false;
    let forceRefresh = false;
    let retries = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let disposed = false;
    let socket: Socket | null = null;
    // Rooms asked for on this connection, and those the server has answered for (joined or refused).
    let asked = watchSets();
    let answered = watchSets();
    let flushQueued = false;
    // Catch-ups run one at a time; triggers that arrive before the queued one starts fetching join it.
    let catchUp: Promise<void> = Promise.resolve();
    let queued: { reconnect: boolean; waits: Promise<unknown>[] } | null = null;

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

    /**
     * Catch up by `since`, then tell pages to reload (`resync`). `ready` holds the fetch back until the
     * watched rooms are joined again, so nothing falls between what the fetch reads and what the rooms
     * will push.
     */
    function requestCatchUp(reconnect: boolean, ready?: Promise<unknown>) {
      if (queued) {
        queued.reconnect ||= reconnect;
        if (ready) queued.waits.push(ready);
        return;
      }
      const job = { reconnect, waits: ready ? [ready] : [] };
      queued = job;
      catchUp = catchUp.then(async () => {
        for (let seen = 0; seen < job.waits.length; ) {
          const waits = job.waits.slice(seen);
          seen = job.waits.length;
          await Promise.all(waits);
        }
        queued = null;
        if (disposed) return;
        try {
          await fetchMissed();
        } catch (e) {
          console.warn('notification catch-up failed', e);
        }
        if (!disposed) emit('resync', { reconnect: job.reconnect, generation });
      });
    }

    /** Emits a watch event; resolves once the server answered (or did not in time). */
    function send(event: string, ids: number[]): Promise<void> {
      const s = socket!;
      return new Promise((resolve) => {
        s.timeout(ACK_TIMEOUT_MS).emit(event, { ids }, (err: Error | null, ack?: { ok: boolean; error?: string }) => {
          if (err) console.warn(`${event}: no answer`, err);
          else if (!ack?.ok) console.warn(`${event} refused: ${ack?.error ?? 'unknown error'}`);
          resolve();
        });
      });
    }

    function sync(): Promise<unknown> {
      const s = socket;
      if (!s?.connected || disposed) return Promise.resolve();
      const conn = asked;
      const waits: Promise<void>[] = [];
      let room = 0;
      for (const kind of WATCH_KINDS) room += asked[kind].size;
      for (const kind of WATCH_KINDS) {
        const want = wanted[kind];
        const drop = [...asked[kind]].filter((id) => !want.has(id));
        for (const id of drop) asked[kind].delete(id);
        for (const id of answered[kind]) if (!want.has(id)) answered[kind].delete(id);
        room -= drop.length;
        for (const ids of chunks(drop, WATCH_BATCH)) void send(`unwatch_${kind}`, ids);
        let add = [...want.keys()].filter((id) => !asked[kind].has(id));
        // Past the server's limit nothing would be joined: ask for what fits, count the rest as answered.
        const fits = Math.max(0, MAX_WATCHED - room);
        for (const id of add.slice(fits)) answered[kind].add(id);
        add = add.slice(0, fits);
        room += add.length;
        for (const ids of chunks(add, WATCH_BATCH)) {
          for (const id of ids) asked[kind].add(id);
          waits.push(
            send(`watch_${kind}`, ids).then(() => {
              if (asked !== conn) return; // an answer from a connection that has since gone
              for (const id of ids) if (asked[kind].has(id)) answered[kind].add(id);
              emit('watching', null);
            }),
          );
        }
      }
      return Promise.all(waits);
    }

    function isWatching(kind: WatchKind, ids: readonly number[]): boolean {
      // Without a live connection there is nothing to wait for: the next connect's resync covers it.
      if (!socket?.connected) return true;
      return ids.every((id) => answered[kind].has(id));
    }

    function scheduleReconnect() {
      clearTimeout(retryTimer);
      const delay = Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** retries) * (0.75 + Math.random() / 2);
      retries++;
      retryTimer = setTimeout(() => {
        if (!disposed && socket && !socket.connected) socket.connect();
      }, delay);
    }

    function start(transports: Transport[] | undefined) {
      if (disposed) return;
      const s: Socket = io({
        path: '/socket.io',
        autoConnect: false,
        ...(transports ? { transports } : {}),
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
      socket = s;

      s.on('connect', () => {
        retries = 0;
        // The server forgot this socket's rooms with the last connection: ask again, from scratch.
        asked = watchSets();
        answered = watchSets();
        generation++;
        liveGeneration = generation;
        update({ connected: true });
        const reconnect = everConnected;
        everConnected = true;
        requestCatchUp(reconnect, sync());
        emit('watching', null);
      });
      // The worker's link to Redis came back: pushes published meanwhile never reached us.
      s.on('resync', () => {
        generation++;
        liveGeneration = generation;
        requestCatchUp(true);
      });
      s.on('disconnect', (reason) => {
        if (disposed) return;
        liveGeneration = NOT_LIVE;
        update({ connected: false });
        emit('watching', null);
        // The server dropped us on purpose (token revoked or expired): come back with a new token.
        if (reason === 'io server disconnect') {
          forceRefresh = true;
          scheduleReconnect();
        }
      });
      s.on('connect_error', () => {
        if (disposed) return;
        update({ connected: false });
        // A refusal from the server's connect handler is final for socket.io; transport errors retry on
        // their own. Only the former needs a fresh token and a manual retry.
        if (!s.active) {
          forceRefresh = true;
          scheduleReconnect();
        }
      });
      s.on('notification', (n: NotificationRecord) => apply(n, true));
      s.on('message', (m: Message) => emit('message', m));
      s.on('post', (p: Post) => emit('post', p));
      s.on('comment', (c: Comment) => emit('comment', c));
      s.on('post_stats', (st: PostStats) => emit('post_stats', st));
      s.connect();
    }

    void clientConfig().then((c) => start(transportsOf(c)));

    return {
      close() {
        disposed = true;
        clearTimeout(retryTimer);
        liveGeneration = NOT_LIVE;
        socket?.removeAllListeners();
        socket?.disconnect();
      },
      sync() {
        // Changes made in one go (a list re-rendering its ids) leave as one batch.
        if (flushQueued) return;
        flushQueued = true;
        queueMicrotask(() => {
          flushQueued = false;
          void sync();
        });
      },
      isWatching,
    };
  }

  /** Connect as the user `api` holds a token for, dropping any earlier connection and its state. */
  function connect() {
    disconnect();
    connection = open();
  }

  /** Close the connection (logout) and forget what it said. Subscriptions, watches and watchers stay. */
  function disconnect() {
    connection?.close();
    connection = null;
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

  /**
   * Hear the pushes of these posts (`comment`, `post_stats`) or authors (`post`) for as long as the
   * returned function is not called. Counted per id, so pages may ask for the same id; kept across
   * reconnects (the socket asks the server again each time).
   */
  function watchRooms(kind: WatchKind, ids: readonly number[]): () => void {
    const mine = [...new Set(ids)].filter((id) => Number.isInteger(id) && id > 0);
    const counts = wanted[kind];
    for (const id of mine) counts.set(id, (counts.get(id) ?? 0) + 1);
    connection?.sync();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const id of mine) {
        const n = (counts.get(id) ?? 1) - 1;
        if (n > 0) counts.set(id, n);
        else counts.delete(id);
      }
      connection?.sync();
    };
  }

  /** Whether the server has joined these rooms on the current connection (true when there is none). */
  function isWatching(kind: WatchKind, ids: readonly number[]): boolean {
    return connection ? connection.isWatching(kind, ids) : true;
  }

  /** The notifications page calls this after POST /api/notifications/read. */
  function clearEventBadge() {
    update({ unreadEvents: new Set() });
  }

  return {
    get state(): RealtimeState {
      return state;
    },
    /**
     * The generation of the connection that is up and hearing every push, or NOT_LIVE. A page that
     * loads while it is G has missed nothing until a `resync` with a generation above G.
     */
    get liveGeneration(): number {
      return liveGeneration;
    },
    connect,
    disconnect,
    watch,
    subscribe,
    watchRooms,
    isWatching,
    clearEventBadge,
  };
}

export type RealtimeSocket = ReturnType<typeof createRealtimeSocket>;
