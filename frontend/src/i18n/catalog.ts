import type en from './en';

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;
export type Params = Record<string, string | number>;

/** Keys that have `.one`/`.other` plural forms, addressed by their stem. */
export type PluralKey = MessageKey extends infer K
  ? K extends `${infer Stem}.other`
    ? Stem
    : never
  : never;

export const LOCALES = ['en', 'es'] as const;

/** `{name}` substitution; unknown placeholders stay visible so a missing param is easy to spot. */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}
