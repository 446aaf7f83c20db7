import type { ComponentChildren } from 'preact';
import type { Comment } from '../api';
import { Trans, useI18n } from '../i18n';
import { Avatar } from './Avatar';
import { RelativeTime } from './RelativeTime';
import { SafeHtml } from './SafeHtml';
import { UserLink } from './UserLink';

/**
 * One comment. A disabled one keeps its place in the thread with the moderation notice; moderators
 * also get its body (the API sends body_html only to them).
 */
export function CommentItem(props: { comment: Comment; children?: ComponentChildren }) {
  const { t } = useI18n();
  const c = props.comment;
  return (
    <li class={`comment ${c.disabled ? 'comment-disabled' : ''}`} id={`comment-${c.id}`}>
      <Avatar user={c.author} size={32} />
      <div class="comment-main">
        <p class="post-meta">
          <Trans k="post.by" values={{ user: <UserLink user={c.author} class="strong" />, when: <RelativeTime iso={c.timestamp} /> }} />
        </p>
        {c.disabled && <p class="muted disabled-note">{t('comments.disabled')}</p>}
        {c.body_html && <SafeHtml html={c.body_html} class="prose comment-body" />}
        {props.children}
      </div>
    </li>
  );
}
