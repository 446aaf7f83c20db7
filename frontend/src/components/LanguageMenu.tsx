import type { Locale } from '../api';
import { LOCALES, useI18n } from '../i18n';
import { useChangeLocale } from '../session';
import { Icon } from './Icon';
import { MenuButton } from './MenuButton';

/** The en/es choice as menu radio items, for the account menu and the logged-out language menu. */
export function LanguageItems() {
  const { t, locale } = useI18n();
  const changeLocale = useChangeLocale();
  return (
    <div role="group" aria-label={t('nav.language')} class="menu-group">
      <div class="menu-heading" aria-hidden="true">
        <Icon name="globe" size={16} /> {t('nav.language')}
      </div>
      {LOCALES.map((l: Locale) => (
        <button
          key={l}
          type="button"
          role="menuitemradio"
          aria-checked={l === locale}
          tabIndex={-1}
          class="menu-item"
          lang={l}
          onClick={() => void changeLocale(l)}
        >
          {t(`lang.${l}`)}
        </button>
      ))}
    </div>
  );
}

/** Logged out there is no account menu: the language choice gets a small menu of its own. */
export function LanguageMenu() {
  const { t, locale } = useI18n();
  return (
    <MenuButton
      label={t('shell.languageMenu', { language: t(`lang.${locale}`) })}
      button={<Icon name="globe" />}
      buttonClass="icon-button"
    >
      <LanguageItems />
    </MenuButton>
  );
}
