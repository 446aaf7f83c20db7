import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n';
import type { ApiError } from '../api';

export function Loading(props: { label?: string }) {
  const { t } = useI18n();
  return (
    <p class="state state-loading" role="status">
      <span class="spinner" aria-hidden="true" /> {props.label ?? t('app.loading')}
    </p>
  );
}

export function ErrorState(props: { error: ApiError | Error; onRetry?: () => void }) {
  const { t } = useI18n();
  const e = props.error as ApiError;
  const text = e.status === 0 ? t('app.networkError') : e.message || t('app.error');
  return (
    <div class="state state-error" role="alert">
      <p>{text}</p>
      {props.onRetry && (
        <button type="button" class="btn" onClick={props.onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}

export function Empty(props: { children: ComponentChildren }) {
  return <p class="state state-empty">{props.children}</p>;
}

/** The "load more" footer shared by every list. */
export function MoreButton(props: { hasMore: boolean; loading: boolean; onClick: () => void }) {
  const { t } = useI18n();
  if (!props.hasMore) return null;
  return (
    <div class="more">
      <button type="button" class="btn" disabled={props.loading} aria-busy={props.loading} onClick={props.onClick}>
        {props.loading ? t('app.loading') : t('app.loadMore')}
      </button>
    </div>
  );
}
