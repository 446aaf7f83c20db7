import { useState } from 'preact/hooks';
import { api } from '../api';
import { FormError, TextField } from '../components/Field';
import { PageHeading } from '../components/PageHeading';
import { useI18n } from '../i18n';
import { useSubmit } from '../lib/hooks';

export default function ResetPassword(props: { params: { token: string } }) {
  const { t } = useI18n();
  const [pw, setPw] = useState({ password: '', password2: '' });
  const [done, setDone] = useState(false);
  const mismatch = pw.password2 !== '' && pw.password !== pw.password2;
  const submit = useSubmit(async () => {
    await api.post('/auth/reset', { token: props.params.token, password: pw.password });
    setDone(true);
  });

  async function onSubmit(e: Event) {
    e.preventDefault();
    if (!mismatch) await submit.run();
  }

  const err = submit.error;
  // A bad token is reported as a 400/401/404 without a field: say so plainly.
  const badToken = err && !err.field('password') && [400, 401, 404, 422].includes(err.status);
  return (
    <section class="narrow">
      <PageHeading title={t('auth.reset.newTitle')} />
      {done ? (
        <p class="notice notice-success" role="status">
          {t('auth.reset.done')} <a href="/login">{t('nav.login')}</a>
        </p>
      ) : (
        <form class="card form" onSubmit={onSubmit} noValidate>
          <TextField
            label={t('auth.reset.password')}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            value={pw.password}
            error={err}
            onInput={(e) => setPw({ ...pw, password: e.currentTarget.value })}
          />
          <TextField
            label={t('auth.reset.password2')}
            name="password2"
            type="password"
            autoComplete="new-password"
            required
            value={pw.password2}
            localError={mismatch ? t('auth.register.mismatch') : null}
            onInput={(e) => setPw({ ...pw, password2: e.currentTarget.value })}
          />
          {badToken ? (
            <p class="form-error" role="alert">
              {t('auth.reset.invalid')} <a href="/reset">{t('auth.reset.title')}</a>
            </p>
          ) : (
            <FormError error={err} fields={['password']} />
          )}
          <div class="actions">
            <button class="btn btn-primary" disabled={submit.busy || !pw.password || mismatch}>
              {t('auth.reset.update')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
