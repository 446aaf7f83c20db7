import { render } from 'preact';
import { App } from './app';
import { detectLocale, loadCatalog } from './i18n';
import './styles.css';

const locale = detectLocale();
// Load the catalog before the first paint so a Spanish visitor never sees English flash by.
void loadCatalog(locale).finally(() => {
  render(<App locale={locale} />, document.getElementById('app')!);
});
