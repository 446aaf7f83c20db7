import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { api, Permission, type Role, type User } from '../api';
import { FormError, TextField } from '../components/Field';
import { PageHeading } from '../components/PageHeading';
import { PROFILE_FIELDS, ProfileFields, profileOf, type Profile } from '../components/ProfileFields';
import { requireAuth } from '../components/RequireAuth';
import { ErrorState, Loading } from '../components/States';
import { toast } from '../components/toast';
import { useI18n } from '../i18n';
import { useResource, useSubmit } from '../lib/hooks';

interface Form extends Profile {
  email: string;
  confirmed: boolean;
  role: string;
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
        ...profileOf(u),
        email: u.email ?? '',
        confirmed: !!u.confirmed,
        role: u.role,
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
          <ProfileFields value={f} error={err} onChange={(k, v) => setF((prev) => prev && { ...prev, [k]: v })} />
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
          <FormError error={err} fields={[...PROFILE_FIELDS, 'email', 'role', 'confirmed']} />
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
