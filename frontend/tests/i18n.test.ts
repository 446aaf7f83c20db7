import { describe, expect, it } from 'vitest';
import en from '../src/i18n/en';
import es from '../src/i18n/es';
import { interpolate, placeholders } from '../src/i18n/catalog';
import { makeI18n } from '../src/i18n';

const catalogs = { en: en as Record<string, string>, es: es as Record<string, string> };

describe('i18n catalogs', () => {
  it('have exactly the same keys', () => {
    const enKeys = Object.keys(en).sort();
    for (const [name, cat] of Object.entries(catalogs)) {
      const keys = Object.keys(cat).sort();
      expect(keys, `${name} keys`).toEqual(enKeys);
    }
  });

  it('use the same placeholders for every key', () => {
    for (const key of Object.keys(en)) {
      expect(placeholders(catalogs.es[key]), key).toEqual(placeholders(catalogs.en[key]));
    }
  });

  it('have no empty or untrimmed messages', () => {
    for (const [name, cat] of Object.entries(catalogs)) {
      for (const [key, value] of Object.entries(cat)) {
        expect(value.trim(), `${name}:${key}`).not.toBe('');
        expect(value, `${name}:${key}`).toBe(value.trim());
      }
    }
  });

  it('give every plural stem an .other form', () => {
    for (const cat of Object.values(catalogs)) {
      for (const key of Object.keys(cat)) {
        const m = /^(.*)\.(zero|one|two|few|many)$/.exec(key);
        if (m) expect(cat[`${m[1]}.other`], key).toBeDefined();
      }
    }
  });

  it('interpolates named placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Hi, {name}!', { name: 'Ana' })).toBe('Hi, Ana!');
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('picks plural forms per locale', () => {
    const i18nEn = makeI18n('en', en, async () => {});
    const i18nEs = makeI18n('es', es, async () => {});
    expect(i18nEn.tn('feed.newPosts', 1)).toBe('Show 1 new post');
    expect(i18nEn.tn('feed.newPosts', 3)).toBe('Show 3 new posts');
    expect(i18nEs.tn('post.comments', 1)).toBe('1 comentario');
    expect(i18nEs.tn('post.comments', 2)).toBe('2 comentarios');
    // Spanish CLDR has a "many" category for large round numbers; it falls back to .other.
    expect(i18nEs.tn('post.comments', 1_000_000)).toMatch(/comentarios$/);
  });
});
