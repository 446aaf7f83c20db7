import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type BriefUser, type Collection, type NotificationRecord } from '../api';
import { PageHeading } from '../components/PageHeading';
import { RelativeTime } from '../components/RelativeTime';
import { requireAuth } from '../components/RequireAuth';
import { Empty, ErrorState, Loading } from '../components/States';
import { UserLink } from '../components/UserLink';
import { Avatar } from '../components/Avatar';
import { Trans, useI18n } from '../i18n';
import { useCatchUp, useRealtime, useRealtimeEvent } from '../realtime';

const EVENTS = new Set(['new_follower', 'new_comment']);
const MAX_PAGES = 10;

interface EventData {
  user?: BriefUser | string;
  post_id?: number;
  comment_id?: number;
  /** Plain text, cut short by the server (absent from notifications stored before they existed). */
  comment_excerpt?: string;
  post_excerpt?: string;
}

const keyOf = (n: NotificationRecord) => `${n.name}:${n.timestamp}`;

function toIso(ts: number) {
  return new Date(ts * 1000).toISOString();
}

function Notifications() {
  const { t } = useI18n();
  const { clearEventBadge } = useRealtime();
  const [items, setItems] = useState<NotificationRecord[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    let live = true;
    (async () => {
      setError(null);
      try {
        const all: NotificationRecord[] = [];
        let path: string | null = '/notifications';
        let query: Record<string, number> | undefined = { since: 0 };
        for (let i = 0; path && i < MAX_PAGES; i++) {
          const res: Collection<NotificationRecord> = await api.get<Collection<NotificationRecord>>(path, query);
          all.push(...res.items);
          path = res._links?.next ?? null;
          query = undefined;
        }
        if (!live) return;
        const events = all.filter((n) => EVENTS.has(n.name));
        // A reload (after a reconnect) adds what was missed to what is shown: those already shown keep
        // their "New" mark for this visit, and one pushed while the reload was under way stays.
        setItems((prev) => {
          const byKey = new Map(events.map((n) => [keyOf(n), n]));
          for (const n of prev ?? []) byKey.set(keyOf(n), n);
          return [...byKey.values()].sort((a, b) => b.timestamp - a.timestamp);
        });
        // Seeing them is reading them; the "New" marks stay for this visit.
        if (events.some((n) => !n.read_at)) {
          await api.post('/notifications/read', {});
          clearEventBadge();
        }
      } catch (e) {
        if (live) setError(e instanceof ApiError ? e : new ApiError(0, String(e)));
      }
    })();
    return () => {
      live = false;
    };
  }, [nonce, clearEventBadge]);

  // What arrived while the socket was down comes with the socket's catch-up, not live: read it all again.
  useCatchUp('/notifications', () => setNonce((n) => n + 1));
  useRealtimeEvent('notification', (n) => {
    if (!n.live || !EVENTS.has(n.name)) return;
    setItems((prev) => (prev && !prev.some((i) => keyOf(i) === keyOf(n)) ? [{ ...n, read_at: null }, ...prev] : prev));
    void api.post('/notifications/read', {}).then(clearEventBadge, () => {});
  });

  return (
    <section>
      <PageHeading title={t('notifications.title')} />
      {error ? (
        <ErrorState error={error} onRetry={() => setNonce((n) => n + 1)} />
      ) : !items ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty>{t('notifications.empty')}</Empty>
      ) : (
        <ul class="notifications">
          {items.map((n) => (
            <li key={keyOf(n)} class={`card notification ${n.read_at ? '' : 'unread'}`}>
              <NotificationBody n={n} />
              <span class="muted small">
                <RelativeTime iso={toIso(n.timestamp)} />
              </span>
              {!n.read_at && <span class="tag">{t('notifications.unread')}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function NotificationBody({ n }: { n: NotificationRecord }) {
  const { t } = useI18n();
  const d = (n.data ?? {}) as EventData;
  const user: BriefUser | null =
    typeof d.user === 'string'
      ? { id: 0, username: d.user, name: null, avatar_url: '' }
      : (d.user ?? null);
  if (!user) return <p>{t('notifications.unknown')}</p>;
  const who = <UserLink user={user} class="strong" />;
  if (n.name === 'new_follower') {
    return (
      <p class="grow">
        <Avatar user={user} size={28} /> <Trans k="notifications.newFollower" values={{ username: who }} />
      </p>
    );
  }
  // Excerpts are plain text rendered as text nodes: nothing in them is markup.
  return (
    <div class="grow">
      <p>
        <Avatar user={user} size={28} /> <Trans k="notifications.newComment" values={{ username: who }} />
      </p>
      {d.comment_excerpt && <blockquote class="notification-excerpt">{d.comment_excerpt}</blockquote>}
      <p class="small muted">
        {d.post_excerpt && <span class="notification-post">{t('notifications.onPost', { post: d.post_excerpt })} · </span>}
        <a href={`/post/${d.post_id}#comment-${d.comment_id}`}>{t('notifications.viewComment')}</a>
      </p>
    </div>
  );
}

export default requireAuth(Notifications);
