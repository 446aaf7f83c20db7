import type { Post } from '../api';
import { PageHeading } from '../components/PageHeading';
import { PostList } from '../components/PostList';
import { useI18n } from '../i18n';
import { useList } from '../lib/hooks';
import { useLivePostList } from '../realtime/posts';

export default function Explore() {
  const { t } = useI18n();
  const list = useList<Post>('/posts');
  // Counts stay current; explore has no pushes of new posts (only followed authors' are pushed).
  const live = useLivePostList(list, '/posts');
  return (
    <section>
      <PageHeading title={t('explore.title')} />
      <PostList list={list} empty={t('explore.empty')} live={live.watching} />
    </section>
  );
}
