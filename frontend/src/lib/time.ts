import { useEffect, useState } from 'preact/hooks';

// One timer for every visible timestamp: cheaper than an interval per <RelativeTime>.
const subscribers = new Set<(now: number) => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribeNow(fn: (now: number) => void): () => void {
  subscribers.add(fn);
  if (!timer) {
    timer = setInterval(() => {
      const now = Date.now();
      for (const s of subscribers) s(now);
    }, 20_000);
  }
  return () => {
    subscribers.delete(fn);
    if (subscribers.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => subscribeNow(setNow), []);
  return now;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

const formatters = new Map<string, Intl.RelativeTimeFormat>();

/** "3 minutes ago" / "hace 3 minutos"; null for anything under 45 s, which callers show as "just now". */
export function relativeTime(iso: string, now: number, locale: string): string | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const diff = (t - now) / 1000;
  if (Math.abs(diff) < 45) return null;
  let rtf = formatters.get(locale);
  if (!rtf) formatters.set(locale, (rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })));
  for (const [unit, secs] of UNITS) {
    if (Math.abs(diff) >= secs || unit === 'second') return rtf.format(Math.round(diff / secs), unit);
  }
  return null;
}
