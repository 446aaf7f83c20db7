import { Permission, type Post, type User } from '../api';
import { Avatar } from '../components/Avatar';
import { ExportPanel } from '../components/ExportPanel';
import { FollowButton } from '../components/FollowButton';
import { LinkifiedText } from '../components/LinkifiedText';
import { PageHeading } from '../components/PageHeading';
import { NewPostsBanner, PostList } from '../components/PostList';
import { RelativeTime } from '../components/RelativeTime';
import { ErrorState, Loading } from '../components/States';
import { Trans, useI18n } from '../i18n';
import { useList, useResource } from '../lib/hooks';
import { useCatchUp, useWatchUser } from '../realtime';
import { useLivePostList } from '../realtime/posts';
import { useSession } from '../session';

export default function Profile(props: { params: { username: string } }) {
  const username = props.params.username;
  const { t, tn, formatDate } = useI18n();
  const { me, can } = useSession();
  const enc = encodeURIComponent(username);
  const user = useResource<User>(`/users/${enc}`);
  const postsPath = `/users/${enc}/posts`;
  const posts = useList<Post>(postsPath);
  const u = user.data;
  const self = !!me && !!u && me.id === u.id;
  // New posts by this author arrive whether or not the reader follows them, and wait behind a banner.
  const authorId = u && u.username.toLowerCase() === username.toLowerCase() ? u.id : null;
  useWatchUser(authorId);
  const live = useLivePostList(posts, postsPath, (p) => p.author.id === authorId);
  // The header's counts (posts, followers) may have moved while the connection was down.
  useCatchUp(`/users/${enc}`, user.reload);

  if (user.error?.status === 404) {
    return (
      <section>
        <PageHeading title={t('user.notFound', { username })} />
        <a href="/explore">{t('nav.explore')}</a>
      </section>
    );
  }

  return (
    <section>
      <PageHeading title={u?.username ?? username} visuallyHidden />
      {user.error ? (
        <ErrorState error={user.error} onRetry={user.reload} />
      ) : !u ? (
        <Loading />
      ) : (
        <div class="card profile">
          <Avatar user={u} size={128} />
          <div class="profile-main">
            <p class="profile-name" aria-hidden="true">
              {u.username}
            </p>
            {u.name && <p class="lead">{u.name}</p>}
            {u.location && <p class="muted">{u.location}</p>}
            {u.about_me && <LinkifiedText text={u.about_me} class="about" />}
            {u.email && (can(Permission.ADMIN) || self) && (
              <p class="muted">
                <a href={`mailto:${u.email}`}>{u.email}</a>
              </p>
            )}
            <p class="muted small">
              {t('user.memberSince', { date: formatDate(u.member_since) })}
              {/* You are here now: "last seen" only says something about other people. */}
              {!self && (
                <>
                  {' · '}
                  <Trans k="user.lastSeen" values={{ when: <RelativeTime iso={u.last_seen} /> }} />
                </>
              )}
            </p>
            <p class="stats">
              <span>{tn('user.posts', u.post_count)}</span>
              <span>{tn('user.commentsCount', u.comment_count)}</span>
              <a href={`/user/${enc}/followers`}>{tn('user.followers', u.follower_count)}</a>
              <a href={`/user/${enc}/following`}>{t('user.following', { count: u.following_count })}</a>
              {u.follows_you && !self && <span class="tag">{t('user.followsYou')}</span>}
              {u.role !== 'User' && <span class="tag">{t('user.role', { role: u.role })}</span>}
            </p>
            <div class="actions">
              <FollowButton
                username={u.username}
                userId={u.id}
                following={!!u.is_following}
                onChange={(f) =>
                  user.setData((d) => d && { ...d, is_following: f, follower_count: d.follower_count + (f ? 1 : -1) })
                }
              />
              {me && !self && (
                <a class="btn" href={`/messages/${enc}`}>
                  {t('user.sendMessage')}
                </a>
              )}
              {self && (
                <a class="btn" href="/settings">
                  {t('user.editProfile')}
                </a>
              )}
              {/* An administrator's own profile is edited in Settings: one button, not two. */}
              {can(Permission.ADMIN) && !self && (
                <a class="btn" href={`/admin/users/${u.id}`}>
                  {t('user.editAdmin')}
                </a>
              )}
            </div>
            {self && <ExportPanel />}
          </div>
        </div>
      )}
      <h2>{t('user.postsBy', { username: u?.username ?? username })}</h2>
      <NewPostsBanner count={live.pending.length} onShow={live.showPending} />
      <PostList
        list={posts}
        empty={t('user.noPosts', { username: u?.username ?? username })}
        freshIds={live.fresh}
        live={live.watching}
      />
    </section>
  );
}

