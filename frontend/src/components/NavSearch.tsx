import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { useI18n } from '../i18n';
import { LIMITS } from '../lib/limits';

/** The search box in the navigation: submits to /search (which keeps the chosen tab). */
export function NavSearch() {
  const { t } = useI18n();
  const { path, query, route } = useLocation();
  const onSearchPage = path === '/search';
  const [q, setQ] = useState(onSearchPage ? query.q ?? '' : '');

  // Follow the page's query (a tab switch, Back) so the box shows what is being searched.
  useEffect(() => {
    if (onSearchPage) setQ(query.q ?? '');
  }, [onSearchPage, query.q]);

  function submit(e: Event) {
    e.preventDefault();
    const words = q.trim();
    if (!words) return;
    const params = new URLSearchParams({ q: words });
    if (onSearchPage && query.type === 'users') params.set('type', 'users');
    route(`/search?${params}`);
  }

  return (
    <form class="nav-search" role="search" aria-label={t('nav.search')} onSubmit={submit}>
      <label class="sr-only" for="nav-search-q">
        {t('nav.search')}
      </label>
      <input
        id="nav-search-q"
        name="q"
        type="search"
        maxLength={LIMITS.searchQuery}
        placeholder={t('nav.searchPlaceholder')}
        value={q}
        onInput={(e) => setQ(e.currentTarget.value)}
      />
    </form>
  );
}
