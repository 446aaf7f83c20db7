import type { Post } from '../api';
import { api, Permission } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { Avatar } from './Avatar';
import { useConfirm } from './ConfirmDialog';
import { Folded } from './Folded';
import { Icon } from './Icon';
import { MenuButton } from './MenuButton';
import { PostPictures } from './PostPictures';
import { RelativeTime } from './RelativeTime';
import { SafeHtml } from './SafeHtml';
import { toast } from './toast';
import { Translate } from './Translate';
import { UserLink } from './UserLink';

/**
 * One post: who and when, the (folded when long) body, and a quiet row of actions with counts.
 * On its own page (`permalink`) the body is never folded and Edit asks the page (`onEdit`);
 * in a list Edit opens the post's page in edit mode. `onDeleted` runs after a confirmed delete.
 */
export function PostItem(props: {
  post: Post;
  fresh?: boolean;
  permalink?: boolean;
  onEdit?: () => void;
  onDeleted?: (post: Post) => void;
}) {
  const { t, tn, formatDate } = useI18n();
  const { me, can } = useSession();
  const { ask, dialog } = useConfirm();
  const p = props.post;
  const href = `/post/${p.id}`;
  const mayEdit = !!me && (me.id === p.author.id || can(Permission.ADMIN));
  const body = <SafeHtml html={p.body_html} class="prose post-body" />;

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(new URL(href, location.origin).href);
      toast(t('post.linkCopied'), 'success');
    } catch {
      toast(t('post.copyFailed'), 'error');
    }
  }

  async function remove() {
    const confirmed = await ask({
      title: t('post.deleteTitle'),
      body: <p>{t('post.deleteBody')}</p>,
      confirmLabel: t('app.delete'),
      danger: true,
    });
    if (!confirmed) return;
    try {
      await api.del(`/posts/${p.id}`);
      toast(t('post.deleted'), 'success');
      props.onDeleted?.(p);
    } catch (e) {
      toast((e as Error).message, 'error');
    }
  }

  return (
    <article
      class={`post card ${props.fresh ? 'post-fresh' : ''}`}
      aria-labelledby={`post-${p.id}-by`}
      data-post-id={p.id}
      tabIndex={-1}
    >
      <div class="post-avatar">
        <Avatar user={p.author} size={44} />
      </div>
      <div class="post-main">
        <header class="post-head" id={`post-${p.id}-by`}>
          <UserLink user={p.author} class="post-name">
            {p.author.name || p.author.username}
          </UserLink>{' '}
          <span class="post-handle">@{p.author.username}</span>
          <span class="post-when">
            <span aria-hidden="true"> · </span>
            <RelativeTime iso={p.timestamp} />
            {p.edited_at && (
              <>
                <span aria-hidden="true"> · </span>
                <span class="post-edited" title={t('post.edited', { when: formatDate(p.edited_at, 'datetime') })}>
                  {t('post.editedMark')}
                </span>
              </>
            )}
          </span>
        </header>
        {props.permalink ? body : <Folded>{body}</Folded>}
        {/* Outside the fold: a folded long post still shows its pictures. */}
        {p.media?.length > 0 && <PostPictures media={p.media} />}
        <Translate post={p} />
        <div class="post-actions">
          <a class="post-action" href={`${href}#comments`} aria-label={tn('post.comments', p.comment_count)}>
            <Icon name="comment" size={18} />
            <span aria-hidden="true">{p.comment_count}</span>
          </a>
          {/* [6/8] puts like and bookmark here, between the comments and the permalink. */}
          <span class="post-actions-slot" />
          {!props.permalink && (
            <a class="post-action" href={href} aria-label={t('post.permalink')} title={t('post.permalink')}>
              <Icon name="link" size={18} />
            </a>
          )}
          <MenuButton
            label={t('post.menu')}
            class="post-menu"
            buttonClass="post-action"
            button={<Icon name="more" size={18} />}
          >
            <button type="button" role="menuitem" tabIndex={-1} class="menu-item" onClick={copyLink}>
              <Icon name="link" size={18} />
              {t('post.copyLink')}
            </button>
            {mayEdit &&
              (props.onEdit ? (
                <button type="button" role="menuitem" tabIndex={-1} class="menu-item" onClick={props.onEdit}>
                  <Icon name="edit" size={18} />
                  {t('app.edit')}
                </button>
              ) : (
                // In a list, editing happens on the post's page.
                <a role="menuitem" tabIndex={-1} class="menu-item" href={`${href}?edit=1`}>
                  <Icon name="edit" size={18} />
                  {t('app.edit')}
                </a>
              ))}
            {mayEdit && (
              <button type="button" role="menuitem" tabIndex={-1} class="menu-item menu-item-danger" onClick={remove}>
                <Icon name="trash" size={18} />
                {t('app.delete')}
              </button>
            )}
          </MenuButton>
        </div>
      </div>
      {dialog}
    </article>
  );
}
