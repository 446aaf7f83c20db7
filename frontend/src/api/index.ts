import { createApiClient } from './client';

/** The one API client of the app: pages, session and socket all share its in-memory token. */
export const api = createApiClient();

export { ApiError } from './client';
export type { ApiClient, Query } from './client';
export * from './types';
