import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api, Permission, type Collection, type Comment, type Post, type Query } from '../api';
import { MarkdownForm } from '../components/MarkdownForm';
import { draftPlaces } from '../lib/drafts';
import { PageHeading } from '../components/PageHeading';
import { PostItem } from '../components/PostItem';
import { Empty, ErrorState, Loading, MoreButton } from '../components/States';
import { CommentItem } from '../components/CommentItem';
import { useI18n } from '../i18n';
import { useList, useResource } from '../lib/hooks';
import { useCatchUp, useRealtime, useRealtimeEvent, useWatchPosts } from '../realtime';
import { withStats } from '../realtime/posts';
import { useSession } from '../session';

export default function PostPage(props: { params?: { id?: string }; id?: string }) {
  const id = props.params?.id ?? props.id ?? '';
  const { t } = useI18n();
  const { query, route } = useLocation();
  const { connected } = useRealtime();
  const isLive = () => connected === true;
  const { me, can } = useSession();
  const postId = /^\d+$/.test(id) ? Number(id) : null;
  // Comments and counts are pushed to the post's room: join it before reading, so that nothing can fall
  // between what the page reads and what the room pushes (without a connection the page reads at once,
  // and the connect's catch-up reloads it).
  const watching = useWatchPosts(postId ? [postId] : []);
  const postPath = postId && watching ? `/posts/${postId}` : null;
  const post = useResource<Post>(postPath);
  const [editing, setEditing] = useState(query.edit === '1');
  useCatchUp(postPath, post.reload);
  useRealtimeEvent('post_stats', (s) => {
    if (s.id === postId) post.setData((d) => d && withStats(d, s));
  });

  if (postId === null || post.error?.status === 404) {
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
        // Edit and Delete are in the post's "⋯" menu (Delete asks in our own dialog first).
        <PostItem post={p} permalink onEdit={() => setEditing(true)} onDeleted={() => route('/')} />
      )}
      {p && (
        <Comments
          post={p}
          onOwnComment={() => {
            // Live, the room's post_stats brings the count; without a connection, count it here until the
            // catch-up reads it.
            if (!isLive()) post.setData((d) => d && { ...d, comment_count: d.comment_count + 1 });
          }}
        />
      )}
    </section>
  );
}

function EditPost(props: { post: Post; onDone: (p?: Post) => void }) {
  const { t } = useI18n();
  return (
    <MarkdownForm
      kind="post"
      draftKey={draftPlaces.editPost(props.post.id)}
      label={t('post.edit')}
      submitLabel={t('app.save')}
      sentMessage={t('post.updated')}
      initialBody={props.post.body}
      pictures={{ initial: props.post.media }}
      // The whole list, in order: pictures left out are removed from the post.
      send={(body, media_ids) => api.patch<Post>(`/posts/${props.post.id}`, { body, media_ids })}
      onSent={props.onDone}
      onCancel={() => props.onDone()}
      rows={8}
      autoFocus
    />
  );
}

// A catch-up reads the comments from the page holding the last one shown, this many at a time.
const CATCH_UP_PAGE = 100;

/** Comments: those pushed to the post's room and one's own join the list, each once, oldest first. */
function Comments(props: { post: Post; onOwnComment: () => void }) {
  const { t, tn } = useI18n();
  const { me, can } = useSession();
  const path = `/posts/${props.post.id}/comments`;
  const list = useList<Comment>(path);
  const [arrived, setArrived] = useState<{ path: string; items: Comment[] }>({ path, items: [] });
  const extra = arrived.path === path ? arrived.items : [];
  useScrollToHash(!list.loading);

  // New comments belong after the last page: until every page is loaded, they wait for "load more".
  const byId = new Map<number, Comment>();
  for (const c of list.hasMore ? [] : extra) byId.set(c.id, c);
  for (const c of list.items) byId.set(c.id, c);
  const comments = [...byId.values()].sort((a, b) => a.id - b.id);

  function add(items: Comment[]) {
    setArrived((prev) => {
      const mine = prev.path === path ? prev.items : [];
      const known = new Set(mine.map((c) => c.id));
      const fresh = items.filter((c) => !known.has(c.id));
      return fresh.length || prev.path !== path ? { path, items: [...mine, ...fresh] } : prev;
    });
  }

  useRealtimeEvent('comment', (c) => {
    if (c.post_id === props.post.id) add([c]);
  });
  // Comments are not stored for their readers: after an interruption, read from where this page is to
  // the end (the API pages them oldest first).
  useCatchUp(path, () => {
    if (list.hasMore) return; // "load more" reads them
    void readFrom(Math.floor(Math.max(0, comments.length - 1) / CATCH_UP_PAGE) + 1);
  });
  async function readFrom(page: number) {
    let next: string | null = path;
    let query: Query | undefined = { per_page: CATCH_UP_PAGE, page };
    try {
      for (let n = 0; next && n < 10; n++) {
        const res: Collection<Comment> = await api.get<Collection<Comment>>(next, query);
        add(res.items);
        next = res._links?.next ?? null;
        query = undefined;
      }
    } catch {
      list.reload();
    }
  }

  return (
    <section id="comments" class="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">{t('comments.title')}</h2>
      <p class="muted" aria-live="polite">
        {tn('post.comments', props.post.comment_count)}
      </p>
      {list.error && comments.length === 0 ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.loading && comments.length === 0 ? (
        <Loading />
      ) : comments.length === 0 ? (
        <Empty>{t('comments.empty')}</Empty>
      ) : (
        <ol class="comment-list">
          {comments.map((c) => (
            <CommentItem key={c.id} comment={c} />
          ))}
        </ol>
      )}
      <MoreButton hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
      {me && can(Permission.COMMENT) ? (
        <MarkdownForm
          kind="comment"
          draftKey={draftPlaces.comment(props.post.id)}
          label={t('comments.label')}
          submitLabel={t('comments.submit')}
          sentMessage={t('comments.published')}
          send={(body) => api.post<Comment>(path, { body })}
          onSent={(c) => {
            add([c]);
            props.onOwnComment();
          }}
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
