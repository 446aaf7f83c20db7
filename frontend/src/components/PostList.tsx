import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import type { Post } from '../api';
import { useI18n } from '../i18n';
import type { List } from '../lib/hooks';
import { InfiniteMore } from './InfiniteMore';
import { PostItem } from './PostItem';
import { Empty, ErrorState, Loading } from './States';

/**
 * Loading, error and empty states for any list of posts, which grows by infinite scroll (with a
 * "Load more" button for keyboards). A post deleted from its menu leaves the list, and focus
 * moves to the post that took its place (or the one before), not to the top of the page.
 */
export function PostList(props: {
  list: List<Post>;
  empty: ComponentChildren;
  freshIds?: ReadonlySet<number>;
  /** useLivePostList's `watching`: shown as data-live, which the browser journeys wait for. */
  live?: boolean;
}) {
  const { list } = props;
  const root = useRef<HTMLDivElement>(null);
  if (list.error && list.items.length === 0) return <ErrorState error={list.error} onRetry={list.reload} />;
  if (list.loading && list.items.length === 0) return <Loading />;
  if (list.items.length === 0) return <Empty>{props.empty}</Empty>;

  function onDeleted(post: Post) {
    const at = list.items.findIndex((p) => p.id === post.id);
    const next = list.items[at + 1] ?? list.items[at - 1];
    list.setItems((items) => items.filter((p) => p.id !== post.id));
    // After the re-render: the article of `next` is still in the DOM, the deleted one is gone.
    requestAnimationFrame(() => {
      const el = next && root.current?.querySelector<HTMLElement>(`[data-post-id="${next.id}"]`);
      (el ?? root.current)?.focus();
    });
  }

  return (
    <>
      <div class="posts" ref={root} tabIndex={-1} data-live={props.live ? 'true' : undefined}>
        {list.items.map((p) => (
          <PostItem key={p.id} post={p} fresh={props.freshIds?.has(p.id)} onDeleted={onDeleted} />
        ))}
      </div>
      {list.error && <ErrorState error={list.error} onRetry={list.loadMore} />}
      <InfiniteMore
        hasMore={list.hasMore}
        loading={list.loading}
        failed={!!list.error}
        count={list.items.length}
        onLoad={list.loadMore}
        announce="list.morePosts"
        onEnd={(index) => root.current?.querySelectorAll<HTMLElement>('article')[index]?.focus()}
      />
    </>
  );
}

/** "Show N new posts": pushed or caught-up posts wait here rather than shift what the reader is reading. */
export function NewPostsBanner(props: { count: number; onShow: () => void }) {
  const { tn } = useI18n();
  if (props.count === 0) return null;
  return (
    <button type="button" class="new-posts" onClick={props.onShow}>
      {tn('feed.newPosts', props.count)}
    </button>
  );
}
