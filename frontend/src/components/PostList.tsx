import type { ComponentChildren } from 'preact';
import type { Post } from '../api';
import { useI18n } from '../i18n';
import type { List } from '../lib/hooks';
import { PostItem } from './PostItem';
import { Empty, ErrorState, Loading, MoreButton } from './States';

/** Loading, error, empty and "load more" states for any list of posts. */
export function PostList(props: { list: List<Post>; empty: ComponentChildren; freshIds?: ReadonlySet<number> }) {
  const { list } = props;
  if (list.error && list.items.length === 0) return <ErrorState error={list.error} onRetry={list.reload} />;
  if (list.loading && list.items.length === 0) return <Loading />;
  if (list.items.length === 0) return <Empty>{props.empty}</Empty>;
  return (
    <>
      <div class="posts">
        {list.items.map((p) => (
          <PostItem key={p.id} post={p} fresh={props.freshIds?.has(p.id)} />
        ))}
      </div>
      {list.error && <ErrorState error={list.error} onRetry={list.loadMore} />}
      <MoreButton hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
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
