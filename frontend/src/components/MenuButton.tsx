import type { ComponentChildren } from 'preact';
import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';

const ITEM = '[role="menuitem"], [role="menuitemradio"], [role="menuitemcheckbox"]';

/** The items a keyboard can reach now: a CSS rule may hide some (phone-only items on a desktop). */
function visibleItems(menu: HTMLElement | null): HTMLElement[] {
  if (!menu) return [];
  return [...menu.querySelectorAll<HTMLElement>(ITEM)].filter((el) => getComputedStyle(el).display !== 'none');
}

/**
 * A button that opens a menu (the WAI-ARIA menu button pattern). The caller renders the items:
 * links or buttons with role="menuitem" (or menuitemradio), optionally in role="group"s, and
 * separators. Opening focuses the first item (ArrowUp on the button: the last); ArrowUp/ArrowDown,
 * Home/End move; Escape closes and gives focus back to the button; Tab closes and moves on; a
 * click outside closes; choosing an item closes, and focus returns to the button unless the item
 * was a link (the new page takes focus).
 */
export function MenuButton(props: {
  /** The button's accessible name. */
  label: string;
  /** What the button shows (an avatar, an icon); decorative, the label names it. */
  button: ComponentChildren;
  class?: string;
  buttonClass?: string;
  children: ComponentChildren;
}) {
  const [open, setOpen] = useState(false);
  const focusOnOpen = useRef<'first' | 'last'>('first');
  const root = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const id = useId();

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }

  function openAt(where: 'first' | 'last') {
    focusOnOpen.current = where;
    setOpen(true);
  }

  // A layout effect: the outside-click listener is in place before the open menu is painted,
  // so a click right after it appears closes it (with useEffect it could land in between).
  useLayoutEffect(() => {
    if (!open) return;
    const items = visibleItems(menu.current);
    (focusOnOpen.current === 'first' ? items[0] : items[items.length - 1])?.focus();
    const onPointerDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  function onButtonKeyDown(e: KeyboardEvent) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      openAt(e.key === 'ArrowDown' ? 'first' : 'last');
    }
  }

  function onMenuKeyDown(e: KeyboardEvent) {
    const items = visibleItems(menu.current);
    const at = items.indexOf(document.activeElement as HTMLElement);
    const move = (i: number) => {
      e.preventDefault();
      items[(i + items.length) % items.length]?.focus();
    };
    switch (e.key) {
      case 'ArrowDown':
        return move(at + 1);
      case 'ArrowUp':
        return move(at < 0 ? items.length - 1 : at - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(items.length - 1);
      case 'Escape':
        e.preventDefault();
        return close(true);
      case 'Tab':
        // Let the browser move focus on from the button's place; the menu just goes away.
        return setOpen(false);
      case ' ':
        // Space activates a menu item; a link would otherwise scroll the page.
        if (at >= 0 && items[at] instanceof HTMLAnchorElement) {
          e.preventDefault();
          items[at].click();
        }
    }
  }

  function onMenuClick(e: MouseEvent) {
    const item = (e.target as HTMLElement).closest(ITEM);
    if (item) close(!(item instanceof HTMLAnchorElement));
  }

  return (
    <div class={`menu-button ${props.class ?? ''}`} ref={root}>
      <button
        ref={buttonRef}
        type="button"
        class={props.buttonClass}
        aria-label={props.label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => (open ? close(false) : openAt('first'))}
        onKeyDown={onButtonKeyDown}
      >
        {props.button}
      </button>
      {/* Listeners on the container catch what its items do; the items are the focusable parts. */}
      <div
        ref={menu}
        id={id}
        role="menu"
        aria-label={props.label}
        class="menu"
        hidden={!open}
        onKeyDown={onMenuKeyDown}
        onClick={onMenuClick}
      >
        {props.children}
      </div>
    </div>
  );
}
