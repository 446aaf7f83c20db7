import { createContext, type ComponentChildren } from 'preact';
import { useContext, useMemo, useState, useEffect } from 'preact/hooks';
import en from './en';
import { interpolate, type Catalog, type MessageKey, type Params, type PluralKey, LOCALES } from './catalog';
import { api, type Locale } from '../api';

export type { MessageKey, PluralKey } from './catalog';
export { LOCALES } from './catalog';

const STORAGE_KEY = 'inkwell.locale';
const catalogs: Partial<Record<Locale, Catalog>> = { en };

/** Spanish is loaded on demand so English-only visitors do not pay for it in the initial bundle. */
export async function loadCatalog(locale: Locale): Promise<Catalog> {
  if (!catalogs[locale]) {
    if (locale === 'es') catalogs.es = (await import('./es')).default;
  }
  return catalogs[locale] ?? en;
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** The user's explicit choice on this device, if any. */
export function storedLocale(): Locale | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

export function detectLocale(): Locale {
  const stored = storedLocale();
  if (stored) return stored;
  const langs = typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : [];
  for (const l of langs) {
    const base = l?.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

export interface I18n {
  locale: Locale;
  /** Switches the UI language; `remember` keeps it for the next visit on this device. */
  setLocale: (l: Locale, remember?: boolean) => Promise<void>;
  t: (key: MessageKey, params?: Params) => string;
  tn: (key: PluralKey, count: number, params?: Params) => string;
  formatDate: (iso: string, style?: 'date' | 'datetime') => string;
  formatNumber: (n: number) => string;
}

export function makeI18n(locale: Locale, catalog: Catalog, setLocale: I18n['setLocale']): I18n {
  const plural = new Intl.PluralRules(locale);
  const dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const dateTimeFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const numFmt = new Intl.NumberFormat(locale);
  const t = (key: MessageKey, params?: Params) => interpolate(catalog[key] ?? en[key] ?? key, params);
  return {
    locale,
    setLocale,
    t,
    tn(key, count, params) {
      const form = `${key}.${plural.select(count)}` as MessageKey;
      const template = catalog[form] ?? catalog[`${key}.other` as MessageKey];
      return interpolate(template, { count: numFmt.format(count), ...params });
    },
    formatDate(iso, style = 'date') {
      const d = new Date(iso);
      if (Number.isNaN(d.getTime())) return '';
      return (style === 'date' ? dateFmt : dateTimeFmt).format(d);
    },
    formatNumber: (n) => numFmt.format(n),
  };
}

const I18nContext = createContext<I18n>(makeI18n('en', en, async () => {}));

export function I18nProvider(props: { initial: Locale; children: ComponentChildren }) {
  const [state, setState] = useState<{ locale: Locale; catalog: Catalog }>(() => {
    // Set here, not in an effect: children's effects run first, and a page's first requests
    // must already ask for this language.
    api.setLanguage(props.initial);
    return { locale: props.initial, catalog: catalogs[props.initial] ?? en };
  });

  const value = useMemo(() => {
    const setLocale = async (l: Locale, remember = true) => {
      const catalog = await loadCatalog(l);
      if (remember) {
        try {
          localStorage.setItem(STORAGE_KEY, l);
        } catch {
          // Private mode: the choice lasts for this visit only.
        }
      }
      api.setLanguage(l);
      setState({ locale: l, catalog });
    };
    return makeI18n(state.locale, state.catalog, setLocale);
  }, [state]);

  useEffect(() => {
    document.documentElement.lang = state.locale;
  }, [state.locale]);

  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/**
 * A message whose placeholders are elements (a link, a <time>), without building HTML strings:
 * the template is split on `{name}` and the pieces rendered as text and nodes.
 */
export function Trans(props: { k: MessageKey; values: Record<string, ComponentChildren> }) {
  const { t } = useI18n();
  const parts = t(props.k).split(/(\{\w+\})/);
  return (
    <>
      {parts.map((p) => {
        const m = /^\{(\w+)\}$/.exec(p);
        return m && m[1] in props.values ? props.values[m[1]] : p;
      })}
    </>
  );
}
