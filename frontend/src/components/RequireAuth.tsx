import type { ComponentType } from 'preact';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { Loading } from './States';
import { PageHeading } from './PageHeading';

/** Where to send someone who must log in first; `next` brings them back afterwards. */
export function loginUrl(current: string): string {
  return `/login?next=${encodeURIComponent(current)}`;
}

/** Only same-site paths are accepted as a return address: no open redirect via `?next=`. */
export function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

/** Wraps a page so it renders only for a logged-in user holding `permission` (if given). */
export function requireAuth<P extends object>(Page: ComponentType<P>, permission = 0): ComponentType<P> {
  return function Guarded(props: P) {
    const { status, can } = useSession();
    const { url, route } = useLocation();
    const { t } = useI18n();
    useEffect(() => {
      if (status === 'anonymous') route(loginUrl(url), true);
    }, [status, url, route]);
    if (status !== 'authenticated') return <Loading />;
    if (permission && !can(permission)) {
      return (
        <section>
          <PageHeading title={t('app.forbidden')} />
        </section>
      );
    }
    return <Page {...props} />;
  };
}
