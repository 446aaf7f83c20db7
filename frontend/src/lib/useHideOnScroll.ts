import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** Scrolling less than this (px) between frames is jitter, not a direction. */
const THRESHOLD = 6;

/**
 * True while the page is being scrolled down past the element (the phone header slides away to
 * give the reader the screen), false again as soon as it scrolls up. Never true while focus is
 * inside the element: a keyboard user must see where they are. Whether "hidden" hides anything is
 * up to CSS (only phones do), and so is the animation (none under prefers-reduced-motion).
 */
export function useHideOnScroll(ref: RefObject<HTMLElement | null>): boolean {
  const [hidden, setHidden] = useState(false);

  useEffect(() => {
    let lastY = window.scrollY;
    let frame = 0;
    const focusInside = () => !!ref.current?.contains(document.activeElement);
    const update = () => {
      frame = 0;
      const y = window.scrollY;
      const delta = y - lastY;
      if (Math.abs(delta) < THRESHOLD) return;
      lastY = y;
      const height = ref.current?.offsetHeight ?? 0;
      setHidden(delta > 0 && y > height && !focusInside());
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    const onFocusIn = () => {
      if (focusInside()) setHidden(false);
    };
    addEventListener('scroll', onScroll, { passive: true });
    document.addEventListener('focusin', onFocusIn);
    return () => {
      removeEventListener('scroll', onScroll);
      document.removeEventListener('focusin', onFocusIn);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [ref]);

  return hidden;
}
