// Generated from /api/openapi.json by `npm run types` (frontend/scripts/api-types.mjs): do not edit.
// `npm run types:check` (part of `make lint`) fails when this file and the API drift apart.

/** minLength/maxLength of request fields, by schema (src/lib/limits.ts names the ones the UI uses). */
export const schemaLimits = {
  AdminUserUpdate: {
    about_me: { maxLength: 500 },
    email: { maxLength: 120 },
    location: { maxLength: 64 },
    name: { maxLength: 64 },
  },
  Comment: {
    body: { minLength: 1, maxLength: 2000 },
  },
  EmailChange: {
    email: { maxLength: 120 },
    password: { maxLength: 128 },
  },
  EmailToken: {
    token: { minLength: 1, maxLength: 2000 },
  },
  Markdown: {
    body: { maxLength: 10000 },
  },
  MediaUpdate: {
    alt: { maxLength: 1500 },
  },
  MediaUpload: {
    alt: { maxLength: 1500 },
  },
  Message: {
    body: { minLength: 1, maxLength: 2000 },
  },
  Password: {
    password: { maxLength: 128 },
  },
  PasswordChange: {
    old_password: { maxLength: 128 },
    password: { minLength: 8, maxLength: 128 },
  },
  Post: {
    body: { minLength: 1, maxLength: 10000 },
    content_warning: { maxLength: 200 },
  },
  PostUpdate: {
    body: { minLength: 1, maxLength: 10000 },
    content_warning: { maxLength: 200 },
  },
  ProfileUpdate: {
    about_me: { maxLength: 500 },
    location: { maxLength: 64 },
    name: { maxLength: 64 },
  },
  Register: {
    email: { maxLength: 120 },
    password: { minLength: 8, maxLength: 128 },
  },
  Reset: {
    password: { minLength: 8, maxLength: 128 },
    token: { minLength: 1, maxLength: 2000 },
  },
  ResetRequest: {
    email: { maxLength: 120 },
  },
  TokenRequestUpdate: {
    login: { minLength: 1, maxLength: 120 },
    password: { maxLength: 128 },
  },
  Translate: {
    text: { minLength: 1, maxLength: 10000 },
  },
} as const;

/** minLength/maxLength of query parameters, by "METHOD /path". */
export const queryLimits = {
  'GET /api/search': {
    q: { minLength: 1, maxLength: 200 },
  },
  'GET /api/users': {
    q: { maxLength: 64 },
  },
} as const;
