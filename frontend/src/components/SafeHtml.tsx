import type { ServerHtml } from '../api';

/**
 * The only place the app injects HTML. It accepts nothing but `ServerHtml` — the `body_html` of posts
 * and comments, the Markdown preview and search snippets (escaped text + `<mark>`), all rendered and
 * sanitised by the server (nh3) — so user text cannot reach innerHTML by accident. Everything else
 * renders as text through JSX.
 */
export function SafeHtml(props: { html: ServerHtml; class?: string; id?: string }) {
  return <div id={props.id} class={props.class ?? 'prose'} dangerouslySetInnerHTML={{ __html: props.html }} />;
}
