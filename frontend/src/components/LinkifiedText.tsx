// http(s) URLs up to whitespace or a character that cannot end one in running text.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;
// Punctuation that usually closes the sentence, not the URL ("see https://x.org.").
const TRAILING = /[.,;:!?)\]}'"’”]+$/;

export type Piece = { text: string } | { href: string };

/** `text` split into plain runs and http(s) links: the pieces LinkifiedText renders. */
export function linkPieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let href = match[0];
    const tail = TRAILING.exec(href)?.[0] ?? '';
    // A ")" belongs to the URL when it closes a "(" inside it (Wikipedia-style links).
    const keep = tail.startsWith(')') && href.slice(0, -tail.length).includes('(') ? 1 : 0;
    href = href.slice(0, href.length - tail.length + keep);
    const start = match.index ?? 0;
    if (start > last) pieces.push({ text: text.slice(last, start) });
    pieces.push({ href });
    last = start + href.length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}

/**
 * Text the user typed, shown as text (line breaks kept by the `pre-line` of its class), with its
 * http(s) URLs as links. No HTML is ever parsed: every piece is a text node or an <a> built here.
 * rel: nofollow ugc, since the link is the user's, not ours; noopener, though it opens in place.
 */
export function LinkifiedText(props: { text: string; class?: string }) {
  return (
    <p class={props.class}>
      {linkPieces(props.text).map((piece, i) =>
        'href' in piece ? (
          <a key={i} href={piece.href} rel="nofollow ugc noopener">
            {piece.href}
          </a>
        ) : (
          piece.text
        ),
      )}
    </p>
  );
}
