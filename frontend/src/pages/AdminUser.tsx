import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api, Permission, type Role, type User } from '../api';
import { FormError, TextArea, TextField } from '../components/Field';
import { PageHeading } from '../components/PageHeading';
import { requireAuth } from '../components/RequireAuth';
import { ErrorState, Loading } from '../components/States';
import { toast } from '../components/toast';
import { useI18n } from '../i18n';
import { useResource, useSubmit } from '../lib/hooks';

interface Form {
  username: string;
  email: string;
  confirmed: boolean;
  role: string;
  name: string;
  location: string;
  about_me: string;
}

function AdminUser(props: { params: { id: string } }) {
  const { t } = useI18n();
  const { route } = useLocation();
  const user = useResource<User>(`/users/${encodeURIComponent(props.params.id)}`);
  const roles = useResource<Role[] | { items: Role[] }>('/roles');
  const [f, setF] = useState<Form | null>(null);

  useEffect(() => {
    const u = user.data;
    if (u)
      setF({
        username: u.username,
        email: u.email ?? '',
        confirmed: !!u.confirmed,
        role: u.role,
        name: u.name ?? '',
        location: u.location ?? '',
        about_me: u.about_me ?? '',
      });
  }, [user.data]);

  const submit = useSubmit(() => api.patch<User>(`/users/${user.data!.id}`, f));
  const roleList = Array.isArray(roles.data) ? roles.data : (roles.data?.items ?? []);

  async function onSubmit(e: Event) {
    e.preventDefault();
    const updated = await submit.run();
    if (updated) {
      toast(t('admin.done'), 'success');
      route(`/user/${encodeURIComponent(updated.username)}`);
    }
  }

  if (user.error) return <ErrorState error={user.error} onRetry={user.reload} />;
  const set = (k: keyof Form) => (e: Event) => {
    const el = e.currentTarget as HTMLInputElement;
    setF((prev) => prev && { ...prev, [k]: el.type === 'checkbox' ? el.checked : el.value });
  };
  const err = submit.error;

  return (
    <section class="narrow">
      <PageHeading title={t('admin.title', { username: user.data?.username ?? '…' })} />
      {!f ? (
        <Loading />
      ) : (
        <form class="card form" onSubmit={onSubmit} noValidate>
          <TextField label={t('settings.username')} name="username" required value={f.username} error={err} onInput={set('username')} />
          <TextField label={t('admin.email')} name="email" type="email" required value={f.email} error={err} onInput={set('email')} />
          <label class="check">
            <input type="checkbox" name="confirmed" checked={f.confirmed} onChange={set('confirmed')} /> {t('admin.confirmed')}
          </label>
          <div class="field">
            <label for="admin-role">{t('admin.role')}</label>
            <select id="admin-role" name="role" value={f.role} onChange={set('role')}>
              {(roleList.length ? roleList.map((r) => r.name) : [f.role]).map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
            {err?.field('role') && <small class="field-error">{err.field('role')}</small>}
          </div>
          <TextField label={t('settings.name')} name="name" value={f.name} error={err} onInput={set('name')} />
          <TextField label={t('settings.location')} name="location" value={f.location} error={err} onInput={set('location')} />
          <TextArea label={t('settings.about')} name="about_me" rows={4} value={f.about_me} error={err} onInput={set('about_me')} />
          <FormError error={err} fields={['username', 'email', 'role', 'name', 'location', 'about_me', 'confirmed']} />
          <div class="actions">
            <button class="btn btn-primary" disabled={submit.busy}>
              {t('app.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

export default requireAuth(AdminUser, Permission.ADMIN);
