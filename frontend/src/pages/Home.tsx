import { api, Permission, type Me, type Post } from '../api';
import { MarkdownForm } from '../components/MarkdownForm';
import { draftPlaces } from '../lib/drafts';
import { PageHeading } from '../components/PageHeading';
import { NewPostsBanner, PostList } from '../components/PostList';
import { useI18n } from '../i18n';
import { useList, useStoredState } from '../lib/hooks';
import { useLivePostList } from '../realtime/posts';
import { useSession } from '../session';

const FEEDS = ['following', 'all'] as const;
type FeedKind = (typeof FEEDS)[number];

export default function Home() {
  const { me } = useSession();
  return me ? <Feed me={me} /> : <Welcome />;
}

/** Anonymous visitors get explore plus an invitation. */
function Welcome() {
  const { t } = useI18n();
  const list = useList<Post>('/posts');
  return (
    <section>
      <PageHeading title={t('app.name')} />
      <div class="card hero">
        <p class="lead">{t('home.welcome')}</p>
        <p>{t('home.signupPrompt')}</p>
        <p class="actions">
          <a class="btn btn-primary" href="/register">
            {t('nav.register')}
          </a>
          <a class="btn" href="/login">
            {t('nav.login')}
          </a>
        </p>
      </div>
      <h2>{t('explore.title')}</h2>
      <PostList list={list} empty={t('explore.empty')} />
    </section>
  );
}

function Feed({ me }: { me: Me }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [kind, setKind] = useStoredState<FeedKind>('inkwell.feed', 'following', FEEDS);
  const path = kind === 'all' ? '/posts' : '/feed';
  const list = useList<Post>(path);
  // Own posts are added by the composer; pushed ones wait behind a banner.
  const live = useLivePostList(list, path, (p) => p.author.id !== me.id);

  return (
    <section>
      <PageHeading title={t('home.greeting', { name: me.name || me.username })} />
      {/* Unconfirmed accounts cannot post (403); the banner above tells them how to fix that. */}
      {me.confirmed !== false && can(Permission.WRITE) && (
        <MarkdownForm
          kind="post"
          class="card composer"
          draftKey={draftPlaces.newPost}
          label={t('composer.label')}
          submitLabel={t('composer.submit')}
          sentMessage={t('composer.published')}
          pictures={{}}
          // media_ids only when there are pictures: a text post sends exactly what it always did.
          send={(body, media_ids) => api.post<Post>('/posts', media_ids?.length ? { body, media_ids } : { body })}
          onSent={(p) => {
            live.markFresh([p.id]);
            list.setItems((items) => [p, ...items.filter((i) => i.id !== p.id)]);
          }}
        />
      )}
      <div class="tabs" role="group" aria-label={t('feed.filter')}>
        {FEEDS.map((k) => (
          <button key={k} type="button" class="tab" aria-pressed={kind === k} onClick={() => setKind(k)}>
            {t(k === 'all' ? 'feed.all' : 'feed.following')}
          </button>
        ))}
      </div>
      <NewPostsBanner count={live.pending.length} onShow={live.showPending} />
      <PostList
        list={list}
        empty={t(kind === 'all' ? 'explore.empty' : 'feed.empty')}
        freshIds={live.fresh}
        live={live.watching}
      />
    </section>
  );
}
