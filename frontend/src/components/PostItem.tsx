import type { Post } from '../api';
import { Permission } from '../api';
import { Trans, useI18n } from '../i18n';
import { useSession } from '../session';
import { Avatar } from './Avatar';
import { RelativeTime } from './RelativeTime';
import { SafeHtml } from './SafeHtml';
import { Translate } from './Translate';
import { UserLink } from './UserLink';

export function PostItem(props: { post: Post; fresh?: boolean; permalink?: boolean }) {
  const { t, tn } = useI18n();
  const { me, can } = useSession();
  const p = props.post;
  const mayEdit = !!me && (me.id === p.author.id || can(Permission.ADMIN));
  return (
    <article class={`post card ${props.fresh ? 'post-fresh' : ''}`} aria-labelledby={`post-${p.id}-by`}>
      <div class="post-avatar">
        <Avatar user={p.author} size={44} />
      </div>
      <div class="post-main">
        <p class="post-meta" id={`post-${p.id}-by`}>
          <Trans
            k="post.by"
            values={{ user: <UserLink user={p.author} class="strong" />, when: <RelativeTime iso={p.timestamp} /> }}
          />
          {p.edited_at && (
            <span class="muted">
              {' · '}
              <Trans k="post.edited" values={{ when: <RelativeTime iso={p.edited_at} /> }} />
            </span>
          )}
        </p>
        <SafeHtml html={p.body_html} class="prose post-body" />
        <Translate post={p} />
        {!props.permalink && (
          <p class="post-foot">
            <a href={`/post/${p.id}`}>{t('post.permalink')}</a>
            <a href={`/post/${p.id}#comments`}>{tn('post.comments', p.comment_count)}</a>
            {mayEdit && <a href={`/post/${p.id}?edit=1`}>{t('app.edit')}</a>}
          </p>
        )}
      </div>
    </article>
  );
}
