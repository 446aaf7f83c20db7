import type { FollowEntry } from '../api';
import { Avatar } from '../components/Avatar';
import { FollowButton } from '../components/FollowButton';
import { PageHeading } from '../components/PageHeading';
import { Empty, ErrorState, Loading, MoreButton } from '../components/States';
import { UserLink } from '../components/UserLink';
import { useI18n } from '../i18n';
import { useList } from '../lib/hooks';

export default function FollowList(props: { params: { username: string }; kind: 'followers' | 'following' }) {
  const { t, formatDate } = useI18n();
  const { username } = props.params;
  const enc = encodeURIComponent(username);
  const list = useList<FollowEntry>(`/users/${enc}/${props.kind}`);
  const title = t(props.kind === 'followers' ? 'user.followersOf' : 'user.followedBy', { username });

  return (
    <section>
      <PageHeading title={title} />
      <p>
        <a href={`/user/${enc}`}>← {username}</a>
      </p>
      {list.error && list.items.length === 0 ? (
        list.error.status === 404 ? (
          <Empty>{t('user.notFound', { username })}</Empty>
        ) : (
          <ErrorState error={list.error} onRetry={list.reload} />
        )
      ) : list.loading && list.items.length === 0 ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <Empty>{t(props.kind === 'followers' ? 'user.noFollowers' : 'user.noFollowing')}</Empty>
      ) : (
        <ul class="user-list">
          {list.items.map((u) => (
            <li key={u.id} class="user-row card">
              <Avatar user={u} size={40} />
              <div class="grow">
                <UserLink user={u} class="strong" />
                {u.name && <span class="muted"> · {u.name}</span>}
                <div class="muted small">{t('user.since', { date: formatDate(u.since) })}</div>
              </div>
              <FollowButton small username={u.username} userId={u.id} following={!!u.is_following} />
            </li>
          ))}
        </ul>
      )}
      <MoreButton hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </section>
  );
}
