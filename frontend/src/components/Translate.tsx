import { useState } from 'preact/hooks';
import { api, ApiError, type Post, type Translation } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';

type State = { status: 'idle' } | { status: 'busy' } | { status: 'done'; text: string } | { status: 'failed'; reason: string };

/**
 * "Translate" under a post written in another language than the UI's (Microblog ch14). Offered only
 * when the API reports a provider (`translation_available` in /api/me), so it never leads to a 503.
 * The translation is machine output about user text: it renders as plain text, never as HTML.
 */
export function Translate(props: { post: Post }) {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const [state, setState] = useState<State>({ status: 'idle' });
  const language = (props.post.language ?? '').toLowerCase().split(/[-_]/)[0];
  if (!me?.translation_available || !language || language === locale) return null;

  async function run() {
    setState({ status: 'busy' });
    try {
      const res = await api.post<Translation>('/translate', {
        text: props.post.body,
        source_language: language,
        dest_language: locale,
      });
      setState({ status: 'done', text: res.text });
    } catch (e) {
      const reason = e instanceof ApiError && e.status !== 0 ? e.message : t('app.networkError');
      setState({ status: 'failed', reason });
    }
  }

  return (
    <div class="translate" data-post-id={props.post.id}>
      {state.status === 'busy' ? (
        <span class="translate-busy muted small" role="status">
          <span class="spinner" aria-hidden="true" /> {t('post.translating')}
        </span>
      ) : state.status === 'done' ? (
        <div class="translation" lang={locale} aria-live="polite">
          <p class="muted small translation-label">{t('post.translation')}</p>
          <p class="translation-text">{state.text}</p>
          <button type="button" class="btn-link small" onClick={() => setState({ status: 'idle' })}>
            {t('post.hideTranslation')}
          </button>
        </div>
      ) : (
        <>
          {state.status === 'failed' && (
            <p class="translate-error" role="alert">
              {t('post.translateFailed', { reason: state.reason })}
            </p>
          )}
          <button type="button" class="btn-link small translate-btn" onClick={() => void run()}>
            {t('post.translate')}
          </button>
        </>
      )}
    </div>
  );
}
