import { useState } from 'preact/hooks';

const PALETTE = ['#3b5bdb', '#0c8599', '#2b8a3e', '#e8590c', '#c2255c', '#7048e8', '#5c940d', '#1971c2'];

/**
 * The user's uploaded picture or the API's identicon, or an initial-letter circle when the image
 * fails: never a broken image. Always square, with its width and height set (nothing shifts).
 */
export function Avatar(props: { user: { username: string; avatar_url?: string | null }; size?: number }) {
  const size = props.size ?? 40;
  const { username, avatar_url } = props.user;
  const src = avatar_url ? withSize(avatar_url, size) : null;
  // Which src failed, not just whether: a new avatar (uploaded, removed) gets its own chance.
  const [failed, setFailed] = useState<string | null>(null);
  if (!src || failed === src) {
    let h = 0;
    for (const c of username) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    return (
      <span
        class="avatar avatar-fallback"
        aria-hidden="true"
        style={{ width: size, height: size, fontSize: size * 0.45, background: PALETTE[h % PALETTE.length] }}
      >
        {username.charAt(0).toUpperCase()}
      </span>
    );
  }
  return (
    <img
      class="avatar"
      src={src}
      width={size}
      height={size}
      alt=""
      loading="lazy"
      decoding="async"
      onError={() => setFailed(src)}
    />
  );
}

// Ask for twice the CSS size so identicons stay crisp on high-density screens (the API's default
// URL carries size=128 whatever the use). An uploaded avatar is one fixed 400 px file under
// /media/ (or the S3 public URL), immutable and cached by its URL: it is used as it is.
function withSize(url: string, size: number): string {
  const want = String(size * 2);
  if (/[?&]size=\d+/.test(url)) return url.replace(/([?&]size=)\d+/, `$1${want}`);
  if (/[?&]s=\d+/.test(url)) return url.replace(/([?&]s=)\d+/, `$1${want}`);
  if (!/\/avatar\.svg(\?|$)/.test(url)) return url;
  return `${url}${url.includes('?') ? '&' : '?'}size=${want}`;
}
