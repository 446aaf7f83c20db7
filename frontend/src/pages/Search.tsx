import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import type { SearchResult, SearchType } from '../api';
import { Avatar } from '../components/Avatar';
import { PageHeading } from '../components/PageHeading';
import { RelativeTime } from '../components/RelativeTime';
import { SafeHtml } from '../components/SafeHtml';
import { Empty, ErrorState, Loading, MoreButton } from '../components/States';
import { UserLink } from '../components/UserLink';
import { useI18n } from '../i18n';
import { useList } from '../lib/hooks';
import { LIMITS } from '../lib/limits';

const TYPES: SearchType[] = ['posts', 'users'];

function Hit(props: { hit: SearchResult }) {
  const { t } = useI18n();
  const hit = props.hit;
  // Snippets are escaped by the server with only <mark> added: SafeHtml is their one way in.
  if (hit.type === 'post') {
    const p = hit.post;
    return (
      <li class="search-hit card" data-type="post" data-id={p.id}>
        <Avatar user={p.author} size={40} />
        <div class="grow">
          <p class="post-meta">
            <UserLink user={p.author} class="strong" /> · <RelativeTime iso={p.timestamp} />
          </p>
          <SafeHtml html={hit.snippet} class="search-snippet" />
          <a href={`/post/${p.id}`} class="small">
            {t('post.permalink')}
          </a>
        </div>
      </li>
    );
  }
  const u = hit.user;
  return (
    <li class="search-hit card" data-type="user" data-id={u.id}>
      <Avatar user={u} size={40} />
      <div class="grow">
        <UserLink user={u} class="strong" />
        {u.name && <span class="muted"> · {u.name}</span>}
        <SafeHtml html={hit.snippet} class="search-snippet" />
      </div>
    </li>
  );
}

export default function Search() {
  const { t, tn } = useI18n();
  const { query, route } = useLocation();
  const q = (query.q ?? '').trim();
  const type: SearchType = query.type === 'users' ? 'users' : 'posts';
  const list = useList<SearchResult>(q ? '/search' : null, { q, type });
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);

  const go = (words: string, kind: SearchType) =>
    route(`/search?${new URLSearchParams(kind === 'posts' ? { q: words } : { q: words, type: kind })}`);

  function submit(e: Event) {
    e.preventDefault();
    if (draft.trim()) go(draft.trim(), type);
  }

  return (
    <section class="search-page">
      <PageHeading title={q ? t('search.resultsFor', { q }) : t('search.title')} />
      {/* Named apart from the header's "Site search": two search landmarks need two names. */}
      <form class="search-form" role="search" aria-label={t('search.formLabel')} onSubmit={submit}>
        <label for="search-q">{t('search.label')}</label>
        <input
          id="search-q"
          name="q"
          type="search"
          maxLength={LIMITS.searchQuery}
          value={draft}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
        <button type="submit" class="btn btn-primary">
          {t('search.submit')}
        </button>
      </form>
      <div class="tabs" role="group" aria-label={t('search.kindLabel')}>
        {TYPES.map((kind) => (
          <button
            key={kind}
            type="button"
            class="tab"
            data-type={kind}
            aria-pressed={kind === type}
            onClick={() => kind !== type && q && go(q, kind)}
            disabled={!q && kind !== type}
          >
            {t(kind === 'posts' ? 'search.posts' : 'search.users')}
          </button>
        ))}
      </div>
      {!q ? (
        <Empty>{t('search.prompt')}</Empty>
      ) : list.error && list.items.length === 0 ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.loading && list.items.length === 0 ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <Empty>{t(type === 'posts' ? 'search.noPosts' : 'search.noUsers', { q })}</Empty>
      ) : (
        <>
          {list.total !== null && (
            <p class="muted search-count" role="status">
              {tn('search.count', list.total)}
            </p>
          )}
          <ul class="search-results">
            {list.items.map((hit) => (
              <Hit key={`${hit.type}-${hit.type === 'post' ? hit.post.id : hit.user.id}`} hit={hit} />
            ))}
          </ul>
          {list.error && <ErrorState error={list.error} onRetry={list.loadMore} />}
          <MoreButton hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
        </>
      )}
    </section>
  );
}
