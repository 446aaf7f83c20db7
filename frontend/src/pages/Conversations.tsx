import type { Conversation } from '../api';
import { Avatar } from '../components/Avatar';
import { PageHeading } from '../components/PageHeading';
import { RelativeTime } from '../components/RelativeTime';
import { requireAuth } from '../components/RequireAuth';
import { Empty, ErrorState, Loading, MoreButton } from '../components/States';
import { useI18n } from '../i18n';
import { useList } from '../lib/hooks';
import { useCatchUp, useRealtimeEvent } from '../realtime';
import { useSession } from '../session';

function Conversations() {
  const { t, tn } = useI18n();
  const { me } = useSession();
  const list = useList<Conversation>('/conversations');

  // A new message or a changed unread count means the list order or counts moved: reload it.
  useRealtimeEvent('message', () => list.reload());
  useRealtimeEvent('notification', (n) => {
    if (n.name === 'unread_message_count' && n.live) list.reload();
  });
  useCatchUp('/conversations', list.reload);

  return (
    <section>
      <PageHeading title={t('messages.title')} />
      {list.error && list.items.length === 0 ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.loading && list.items.length === 0 ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <Empty>{t('messages.empty')}</Empty>
      ) : (
        <ul class="conversations">
          {list.items.map((c) => {
            const mine = c.last_message.sender.id === me?.id;
            const href = `/messages/${encodeURIComponent(c.peer.username)}`;
            return (
              <li key={c.peer.id} class={`card conversation ${c.unread_count ? 'unread' : ''}`}>
                <Avatar user={c.peer} size={44} />
                <div class="grow">
                  <a class="strong stretched" href={href}>
                    {c.peer.username}
                  </a>{' '}
                  <span class="muted small">
                    <RelativeTime iso={c.last_message.timestamp} />
                  </span>
                  <p class="snippet">{mine ? t('messages.you', { body: c.last_message.body }) : c.last_message.body}</p>
                </div>
                {c.unread_count > 0 && <span class="badge">{tn('messages.unread', c.unread_count)}</span>}
              </li>
            );
          })}
        </ul>
      )}
      <MoreButton hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </section>
  );
}

export default requireAuth(Conversations);
