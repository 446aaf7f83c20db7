import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { FormError, TextField } from '../components/Field';
import { PageHeading } from '../components/PageHeading';
import { safeNext } from '../components/RequireAuth';
import { useI18n } from '../i18n';
import { useSubmit } from '../lib/hooks';
import { useSession } from '../session';

export default function Login() {
  const { t } = useI18n();
  const { query, route } = useLocation();
  const { me, login } = useSession();
  const next = safeNext(query.next);
  const [form, setForm] = useState({ login: '', password: '', remember: false });
  const submit = useSubmit(() => login(form.login.trim(), form.password, form.remember));

  // Already logged in (or just did): go where the user was headed.
  useEffect(() => {
    if (me) route(next, true);
  }, [me, next, route]);

  async function onSubmit(e: Event) {
    e.preventDefault();
    await submit.run();
  }

  const err = submit.error;
  return (
    <section class="narrow">
      <PageHeading title={t('auth.login.title')} />
      {query.next && !me && <p class="notice">{t('app.loginRequired')}</p>}
      <form class="card form" onSubmit={onSubmit} noValidate>
        <TextField
          label={t('auth.login.login')}
          name="login"
          autoComplete="username"
          required
          value={form.login}
          error={err}
          onInput={(e) => setForm({ ...form, login: e.currentTarget.value })}
        />
        <TextField
          label={t('auth.login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={form.password}
          error={err}
          onInput={(e) => setForm({ ...form, password: e.currentTarget.value })}
        />
        <label class="check">
          <input
            type="checkbox"
            checked={form.remember}
            onChange={(e) => setForm({ ...form, remember: e.currentTarget.checked })}
          />{' '}
          {t('auth.login.remember')}
        </label>
        {err && err.status === 401 ? (
          <p class="form-error" role="alert">
            {t('auth.login.invalid')}
          </p>
        ) : (
          <FormError error={err} fields={['login', 'password']} />
        )}
        <div class="actions">
          <button class="btn btn-primary" disabled={submit.busy || !form.login || !form.password}>
            {t('auth.login.submit')}
          </button>
        </div>
        <p class="small">
          <a href="/reset">{t('auth.login.forgot')}</a>
        </p>
        <p class="small">
          {t('auth.login.new')} <a href="/register">{t('nav.register')}</a>
        </p>
      </form>
    </section>
  );
}
