import { useState } from 'preact/hooks';
import { api, Permission, type Comment } from '../api';
import { PageHeading } from '../components/PageHeading';
import { requireAuth } from '../components/RequireAuth';
import { Empty, ErrorState, Loading, MoreButton } from '../components/States';
import { toast } from '../components/toast';
import { useI18n } from '../i18n';
import { useList } from '../lib/hooks';
import { CommentItem } from '../components/CommentItem';

function Moderate() {
  const { t } = useI18n();
  const list = useList<Comment>('/comments');
  const [busy, setBusy] = useState<number | null>(null);

  async function toggle(c: Comment) {
    setBusy(c.id);
    try {
      const updated = await api.patch<Comment>(`/comments/${c.id}`, { disabled: !c.disabled });
      list.setItems((items) => items.map((i) => (i.id === c.id ? { ...i, ...updated } : i)));
    } catch (e) {
      toast((e as Error).message, 'error');
    } finally {
      setBusy(null);
    }
  }

  return (
    <section>
      <PageHeading title={t('moderate.title')} />
      {list.error && list.items.length === 0 ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.loading && list.items.length === 0 ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <Empty>{t('moderate.empty')}</Empty>
      ) : (
        <ol class="comment-list">
          {list.items.map((c) => (
            <CommentItem key={c.id} comment={c}>
              <p class="post-foot">
                <a href={`/post/${c.post_id}#comment-${c.id}`}>{t('moderate.on', { id: c.post_id })}</a>
                {c.disabled && <span class="tag">{t('moderate.disabledTag')}</span>}
                <button
                  type="button"
                  class={`btn btn-small ${c.disabled ? '' : 'btn-danger'}`}
                  disabled={busy === c.id}
                  onClick={() => toggle(c)}
                >
                  {c.disabled ? t('moderate.enable') : t('moderate.disable')}
                </button>
              </p>
            </CommentItem>
          ))}
        </ol>
      )}
      <MoreButton hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </section>
  );
}

export default requireAuth(Moderate, Permission.MODERATE);
