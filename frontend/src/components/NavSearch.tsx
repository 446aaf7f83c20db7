import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { useI18n } from '../i18n';
import { LIMITS } from '../lib/limits';
import { Icon } from './Icon';

/**
 * The header's way to search: a box on wide screens, an icon link to /search on phones (CSS picks).
 * Not shown on /search itself, whose own form is the one search landmark there.
 */
export function NavSearch() {
  const { t } = useI18n();
  const { path, route } = useLocation();
  const [q, setQ] = useState('');

  if (path === '/search') return null;

  function submit(e: Event) {
    e.preventDefault();
    const words = q.trim();
    if (!words) return;
    setQ('');
    route(`/search?${new URLSearchParams({ q: words })}`);
  }

  return (
    <>
      <form class="nav-search" role="search" aria-label={t('nav.search')} onSubmit={submit}>
        <label class="sr-only" for="nav-search-q">
          {t('nav.search')}
        </label>
        <Icon name="search" size={18} class="nav-search-icon" />
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
      <a class="icon-button nav-search-link" href="/search" aria-label={t('nav.search')}>
        <Icon name="search" />
      </a>
    </>
  );
}
