import { createApiClient, type ClientProblem } from './client';
import { interpolate, type Catalog } from '../i18n/catalog';
import en from '../i18n/en';

/**
 * The client's own error messages come from the same catalogs as the rest of the UI. English is in
 * the shell already; Spanish is the chunk the i18n module loads before the first paint, so this
 * import is answered from that module, not a second download.
 */
async function catalogFor(language: string | null): Promise<Catalog> {
  return language === 'es' ? (await import('../i18n/es')).default : en;
}

async function problemText(problem: ClientProblem, language: string | null): Promise<string> {
  const catalog = await catalogFor(language);
  if (problem.kind === 'network') return catalog['errors.network'];
  if (problem.kind === 'unavailable') return catalog['errors.unavailable'];
  if (problem.kind === 'tooLarge') return catalog['errors.tooLarge'];
  if (problem.minutes === 1) return catalog['errors.rateLimited.one'];
  return interpolate(catalog['errors.rateLimited.other'], { count: problem.minutes });
}

/** The one API client of the app: pages, session and socket all share its in-memory token. */
export const api = createApiClient({ problemText });

export { ApiError, minutesToWait } from './client';
export type { ApiClient, ClientProblem, Query } from './client';
export * from './types';
