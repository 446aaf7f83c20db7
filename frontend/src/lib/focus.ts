/** Move focus to the page's h1 so keyboard and screen-reader users start at the top of it. */
export function focusHeading() {
  requestAnimationFrame(() => {
    const main = document.getElementById('main');
    const h1 = main?.querySelector<HTMLElement>('h1');
    (h1 ?? main)?.focus();
  });
}
