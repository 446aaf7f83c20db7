import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Me } from '../api';
import { PageHeading } from './PageHeading';
import { Loading } from './States';
import { useI18n, type MessageKey } from '../i18n';
import { useSession } from '../session';

/**
 * Shared by /confirm/:token and /change-email/:token: POST the emailed token once, then say how it went.
 * A ref guards against a double POST (the token is single-use).
 */
export function TokenAction(props: {
  token: string;
  endpoint: string;
  keys: { title: MessageKey; working: MessageKey; done: MessageKey; invalid: MessageKey };
  /** What to offer when the link is invalid or expired (a way to get a new one), below the message. */
  whenInvalid?: ComponentChildren;
}) {
  const { t } = useI18n();
  const { me, updateMe } = useSession();
  const [state, setState] = useState<'working' | 'done' | 'invalid'>('working');
  const [detail, setDetail] = useState('');
  const sent = useRef(false);
  const { endpoint, token } = props;

  useEffect(() => {
    // Runs again when the session changes, but the token is single-use: only the first run sends it.
    if (sent.current) return;
    sent.current = true;
    api.post<Partial<Me> | undefined>(endpoint, { token }).then(
      async () => {
        setState('done');
        // Refresh confirmed/email in the session so the banner and settings update at once.
        if (me) {
          try {
            updateMe(await api.get<Me>('/me'));
          } catch {
            // Not fatal: the next refresh brings it.
          }
        }
      },
      (e) => {
        setDetail(e?.status === 400 || e?.status === 404 || e?.status === 422 ? '' : (e?.message ?? ''));
        setState('invalid');
      },
    );
  }, [endpoint, token, me, updateMe]);

  return (
    <section class="narrow">
      <PageHeading title={t(props.keys.title)} />
      {state === 'working' && <Loading label={t(props.keys.working)} />}
      {state === 'done' && (
        <p class="notice notice-success" role="status">
          {t(props.keys.done)} <a href="/">{t('nav.home')}</a>
        </p>
      )}
      {state === 'invalid' && (
        <div role="alert">
          <p class="form-error">{t(props.keys.invalid)}</p>
          {detail && <p class="muted">{detail}</p>}
        </div>
      )}
      {state === 'invalid' && props.whenInvalid}
    </section>
  );
}
