import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useI18n } from '../i18n';

/**
 * Every page's h1. It is the focus target after navigation (see App), so screen-reader users land on
 * the new page's title, and it keeps document.title in step.
 */
export function PageHeading(props: { title: string; children?: ComponentChildren; visuallyHidden?: boolean }) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = documentTitle(props.title, t('app.name'));
  }, [props.title, t]);
  return (
    <h1 tabIndex={-1} class={props.visuallyHidden ? 'sr-only page-title' : 'page-title'}>
      {props.children ?? props.title}
    </h1>
  );
}

/** "Page · Inkwell", with the site's name once: the landing page's heading is the name itself. */
export function documentTitle(title: string, site: string): string {
  return title === site ? site : `${title} · ${site}`;
}
