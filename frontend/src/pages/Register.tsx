import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api } from '../api';
import { FormError, TextField } from '../components/Field';
import { PageHeading } from '../components/PageHeading';
import { toast } from '../components/toast';
import { useI18n } from '../i18n';
import { useSubmit } from '../lib/hooks';
import { LIMITS } from '../lib/limits';
import { useSession } from '../session';

export default function Register() {
  const { t } = useI18n();
  const { route } = useLocation();
  const { me, login } = useSession();
  const [form, setForm] = useState({ username: '', email: '', password: '', password2: '' });
  // Set while this page logs the new account in: it routes to /unconfirmed itself.
  const signingUp = useRef(false);

  // Signing up again while logged in makes no sense: the home page it is.
  useEffect(() => {
    if (me && !signingUp.current) route('/', true);
  }, [me, route]);
  const [touched, setTouched] = useState(false);
  const mismatch = touched && form.password2 !== '' && form.password !== form.password2;

  const submit = useSubmit(async () => {
    await api.post('/users', { username: form.username.trim(), email: form.email.trim(), password: form.password });
    toast(t('auth.register.done'), 'success');
    // Logging straight in saves a step; the unconfirmed page explains what the email is for.
    signingUp.current = true;
    try {
      await login(form.username.trim(), form.password, false);
      route('/unconfirmed');
    } catch {
      signingUp.current = false;
      route('/login');
    }
  });

  function set(k: keyof typeof form) {
    return (e: Event) => {
      setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
      // The server's verdict was about the old value: editing the field retires it.
      if (submit.error) submit.setError(submit.error.withoutField(k));
    };
  }

  async function onSubmit(e: Event) {
    e.preventDefault();
    setTouched(true);
    if (form.password !== form.password2) return;
    await submit.run();
  }

  const err = submit.error;
  return (
    <section class="narrow">
      <PageHeading title={t('auth.register.title')} />
      <form class="card form" onSubmit={onSubmit} noValidate>
        <TextField
          label={t('auth.register.username')}
          name="username"
          autoComplete="username"
          required
          minLength={LIMITS.usernameMin}
          maxLength={LIMITS.usernameMax}
          hint={t('auth.register.usernameHint')}
          value={form.username}
          error={err}
          onInput={set('username')}
        />
        <TextField
          label={t('auth.register.email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={LIMITS.email}
          value={form.email}
          error={err}
          onInput={set('email')}
        />
        <TextField
          label={t('auth.register.password')}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          value={form.password}
          error={err}
          onInput={set('password')}
        />
        <TextField
          label={t('auth.register.password2')}
          name="password2"
          type="password"
          autoComplete="new-password"
          required
          value={form.password2}
          localError={mismatch ? t('auth.register.mismatch') : null}
          onInput={set('password2')}
          onBlur={() => setTouched(true)}
        />
        <FormError error={err} fields={['username', 'email', 'password']} />
        <div class="actions">
          <button class="btn btn-primary" disabled={submit.busy}>
            {t('auth.register.submit')}
          </button>
        </div>
        <p class="small">
          {t('auth.register.haveAccount')} <a href="/login">{t('nav.login')}</a>
        </p>
      </form>
    </section>
  );
}
