import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api, Permission, type Comment, type Post } from '../api';
import { MarkdownForm } from '../components/MarkdownForm';
import { PageHeading } from '../components/PageHeading';
import { PostItem } from '../components/PostItem';
import { Empty, ErrorState, Loading, MoreButton } from '../components/States';
import { toast } from '../components/toast';
import { CommentItem } from '../components/CommentItem';
import { useI18n } from '../i18n';
import { useList, useResource } from '../lib/hooks';
import { useSession } from '../session';

export default function PostPage(props: { params?: { id?: string }; id?: string }) {
  const id = props.params?.id ?? props.id ?? '';
  const { t } = useI18n();
  const { query, route } = useLocation();
  const { me, can } = useSession();
  const post = useResource<Post>(/^\d+$/.test(id) ? `/posts/${id}` : null);
  const [editing, setEditing] = useState(query.edit === '1');

  if (!/^\d+$/.test(id) || post.error?.status === 404) {
    return (
      <section>
        <PageHeading title={t('post.notFound')} />
        <a href="/">{t('notFound.home')}</a>
      </section>
    );
  }
  if (post.error) return <ErrorState error={post.error} onRetry={post.reload} />;
  const p = post.data;
  const mayEdit = !!p && !!me && (me.id === p.author.id || can(Permission.ADMIN));

  async function onDelete() {
    if (!p || !confirm(t('post.deleteConfirm'))) return;
    try {
      await api.del(`/posts/${p.id}`);
      toast(t('post.deleted'), 'success');
      route('/');
    } catch (e) {
      toast((e as Error).message, 'error');
    }
  }

  return (
    <section>
      <PageHeading title={p ? t('post.title', { username: p.author.username }) : t('app.loading')} visuallyHidden />
      {!p ? (
        <Loading />
      ) : editing && mayEdit ? (
        <EditPost
          post={p}
          onDone={(updated) => {
            if (updated) post.setData(updated);
            setEditing(false);
          }}
        />
      ) : (
        <>
          <PostItem post={p} permalink />
          {mayEdit && (
            <p class="actions">
              <button type="button" class="btn" onClick={() => setEditing(true)}>
                {t('post.edit')}
              </button>
              <button type="button" class="btn btn-danger" onClick={onDelete}>
                {t('post.delete')}
              </button>
            </p>
          )}
        </>
      )}
      {p && <Comments post={p} onCount={(n) => post.setData((d) => d && { ...d, comment_count: n })} />}
    </section>
  );
}

function EditPost(props: { post: Post; onDone: (p?: Post) => void }) {
  const { t } = useI18n();
  return (
    <MarkdownForm
      kind="post"
      label={t('post.edit')}
      submitLabel={t('app.save')}
      sentMessage={t('post.updated')}
      initialBody={props.post.body}
      send={(body) => api.patch<Post>(`/posts/${props.post.id}`, { body })}
      onSent={props.onDone}
      onCancel={() => props.onDone()}
      rows={8}
      autoFocus
    />
  );
}

function Comments(props: { post: Post; onCount: (n: number) => void }) {
  const { t } = useI18n();
  const { me, can } = useSession();
  const list = useList<Comment>(`/posts/${props.post.id}/comments`);
  useScrollToHash(!list.loading);

  function onCommented(c: Comment) {
    // Comments are oldest first: the new one belongs at the end once every page is loaded.
    if (!list.hasMore) list.setItems((items) => [...items, c]);
    props.onCount(props.post.comment_count + 1);
  }

  return (
    <section id="comments" class="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">{t('comments.title')}</h2>
      {list.error && list.items.length === 0 ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.loading && list.items.length === 0 ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <Empty>{t('comments.empty')}</Empty>
      ) : (
        <ol class="comment-list">
          {list.items.map((c) => (
            <CommentItem key={c.id} comment={c} />
          ))}
        </ol>
      )}
      <MoreButton hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
      {me && can(Permission.COMMENT) ? (
        <MarkdownForm
          kind="comment"
          label={t('comments.label')}
          submitLabel={t('comments.submit')}
          sentMessage={t('comments.published')}
          send={(body) => api.post<Comment>(`/posts/${props.post.id}/comments`, { body })}
          onSent={onCommented}
          rows={3}
        />
      ) : (
        !me && (
          <p>
            <a href={`/login?next=${encodeURIComponent(`/post/${props.post.id}#comments`)}`}>
              {t('comments.loginToComment')}
            </a>
          </p>
        )
      )}
    </section>
  );
}

/** Links like /post/1#comments arrive by client-side navigation, so the browser never scrolls: do it. */
function useScrollToHash(ready: boolean) {
  useEffect(() => {
    if (!ready || !location.hash) return;
    const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    el?.scrollIntoView({ block: 'start' });
  }, [ready]);
}
