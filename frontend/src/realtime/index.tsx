import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, type TaskProgressData } from '../api';
import { createRealtimeSocket, type RealtimeEvents, type RealtimeListener } from '../api/socket';
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
}

const RealtimeContext = createContext<Realtime | null>(null);

/** Connects the one socket (src/api/socket.ts) while someone is logged in and shares what it says. */
export function RealtimeProvider(props: { children: ComponentChildren }) {
  const { me } = useSession();
  const userId = me?.id ?? null;
  const [socket] = useState(() => createRealtimeSocket(api));
  const [state, setState] = useState(socket.state);

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
    }),
    [socket, state, userId, unreadFromLogin, eventsFromLogin],
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
