import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n';
import { PageHeading } from './PageHeading';

/** In a page's place when its code could not be downloaded (offline, a deploy in between). */
export function RouteLoadFailed(props: { onRetry: () => void }) {
  const { t } = useI18n();
  const retry = useRef(props.onRetry);
  retry.current = props.onRetry;

  // Coming back online is the likeliest cure: try again without waiting for a click.
  useEffect(() => {
    const onOnline = () => retry.current();
    addEventListener('online', onOnline);
    return () => removeEventListener('online', onOnline);
  }, []);

  return (
    <section class="state route-failed">
      <PageHeading title={t('shell.routeFailed')} />
      <p>{t('shell.routeFailedHint')}</p>
      <button type="button" class="btn btn-primary" onClick={props.onRetry}>
        {t('app.retry')}
      </button>
    </section>
  );
}
