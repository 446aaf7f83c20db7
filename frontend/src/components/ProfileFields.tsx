import type { ApiError, User } from '../api';
import { useI18n } from '../i18n';
import { LIMITS } from '../lib/limits';
import { TextArea, TextField } from './Field';

/** The profile as the forms edit it: what PATCH /api/me and PATCH /api/users/{id} take. */
export interface Profile {
  username: string;
  name: string;
  location: string;
  about_me: string;
}

/** Field names, for FormError: an error on one of these is already shown next to its field. */
export const PROFILE_FIELDS: readonly (keyof Profile)[] = ['username', 'name', 'location', 'about_me'];

export function profileOf(user: Pick<User, keyof Profile>): Profile {
  return {
    username: user.username,
    name: user.name ?? '',
    location: user.location ?? '',
    about_me: user.about_me ?? '',
  };
}

/**
 * Username, name, location and "about me", with the API's length limits: the user's own settings and
 * an administrator's edit of any account show the same fields. `ownAccount` lets the browser autofill
 * username and name, which would be wrong on someone else's profile.
 */
export function ProfileFields(props: {
  value: Profile;
  onChange: (field: keyof Profile, value: string) => void;
  error: ApiError | null;
  ownAccount?: boolean;
}) {
  const { t } = useI18n();
  const { value, error, ownAccount } = props;
  const set = (field: keyof Profile) => (e: Event) => props.onChange(field, (e.currentTarget as HTMLInputElement).value);
  return (
    <>
      <TextField
        label={t('settings.username')}
        name="username"
        autoComplete={ownAccount ? 'username' : undefined}
        required
        maxLength={LIMITS.usernameMax}
        value={value.username}
        error={error}
        onInput={set('username')}
      />
      <TextField
        label={t('settings.name')}
        name="name"
        autoComplete={ownAccount ? 'name' : undefined}
        maxLength={LIMITS.name}
        value={value.name}
        error={error}
        onInput={set('name')}
      />
      <TextField
        label={t('settings.location')}
        name="location"
        maxLength={LIMITS.location}
        value={value.location}
        error={error}
        onInput={set('location')}
      />
      <TextArea
        label={t('settings.about')}
        name="about_me"
        rows={4}
        maxLength={LIMITS.aboutMe}
        value={value.about_me}
        error={error}
        onInput={set('about_me')}
      />
    </>
  );
}
