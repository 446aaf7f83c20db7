import { useState } from 'preact/hooks';
import { api, type Collection, type Post, type PostStats } from '../api';
import type { List } from '../lib/hooks';
import { useCatchUp, useRealtimeEvent, useWatchPosts } from '.';

const COUNTS = ['comment_count', 'like_count'] as const;
// A catch-up re-reads this many of the newest posts at most: their counts, and any newer ones.
const MAX_REFRESH = 100;

/** `p` with the counts a `post_stats` push carries for it (those absent stay as they are). */
export function withStats<T extends { id: number }>(p: T, s: PostStats): T {
  if (p.id !== s.id) return p;
  const next: Record<string, unknown> = { ...p };
  for (const k of COUNTS) if (typeof s[k] === 'number') next[k] = s[k];
  return next as T;
}

export interface LivePostList {
  /** Newer posts waiting behind the "N new posts" banner, newest first. */
  pending: Post[];
  /** Ids to highlight once shown. */
  fresh: ReadonlySet<number>;
  /** Moves the pending posts to the top of the list. */
  showPending: () => void;
  markFresh: (ids: number[]) => void;
  /**
   * Whether the rooms of every post shown are joined (or there is no connection, whose connect
   * catches up): from then on no count change is missed.
   */
  watching: boolean;
}

/**
 * A list of posts that stays true while it is open (SPEC §10, §13): the counts of the posts it shows
 * follow `post_stats`, pushed posts that `accept` takes wait behind a banner instead of shifting what the
 * reader is looking at, and after any interruption the newest posts of `path` are read again (`post`
 * and `post_stats` pushes are not stored): their counts refreshed, the newer ones queued.
 */
export function useLivePostList(list: List<Post>, path: string | null, accept?: (p: Post) => boolean): LivePostList {
  const [queue, setQueue] = useState<{ path: string | null; posts: Post[] }>({ path, posts: [] });
  const [fresh, setFresh] = useState<ReadonlySet<number>>(new Set());
  const pending = queue.path === path ? queue.posts : [];

  function enqueue(posts: Post[]) {
    if (!accept) return;
    const known = new Set(list.items.map((p) => p.id));
    const take = posts.filter((p) => !known.has(p.id) && accept(p));
    if (!take.length) return;
    setQueue((prev) => {
      const mine = prev.path === path ? prev.posts : [];
      const ids = new Set(mine.map((p) => p.id));
      const add = take.filter((p) => !ids.has(p.id));
      return add.length ? { path, posts: [...add, ...mine].sort((a, b) => b.id - a.id) } : prev;
    });
  }

  const watching = useWatchPosts([...list.items, ...pending].map((p) => p.id));
  useRealtimeEvent('post', (p) => enqueue([p]));
  useRealtimeEvent('post_stats', (s) => {
    if (list.items.some((p) => p.id === s.id)) list.setItems((items) => items.map((p) => withStats(p, s)));
    if (pending.some((p) => p.id === s.id)) {
      setQueue((prev) => ({ ...prev, posts: prev.posts.map((p) => withStats(p, s)) }));
    }
  });
  useCatchUp(path, () => {
    if (path === null) return;
    const shown = list.items;
    if (shown.length === 0) {
      list.reload();
      return;
    }
    const perPage = Math.min(MAX_REFRESH, Math.max(shown.length, 25));
    api.get<Collection<Post>>(path, { per_page: perPage }).then(
      (res) => {
        const byId = new Map(res.items.map((p) => [p.id, p]));
        list.setItems((items) => items.map((p) => byId.get(p.id) ?? p));
        const newest = Math.max(...shown.map((p) => p.id));
        enqueue(res.items.filter((p) => p.id > newest));
      },
      () => {
        // The next interruption or a reload of the page catches up.
      },
    );
  });

  return {
    pending,
    fresh,
    showPending() {
      setFresh(new Set(pending.map((p) => p.id)));
      list.setItems((items) => [...pending, ...items.filter((i) => !pending.some((p) => p.id === i.id))]);
      setQueue({ path, posts: [] });
    },
    markFresh: (ids) => setFresh(new Set(ids)),
    watching,
  };
}
