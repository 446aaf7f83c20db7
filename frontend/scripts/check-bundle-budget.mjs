#!/usr/bin/env node
// SPEC §6: the JS a first visit downloads (the entry script plus its modulepreloads, as listed in
// dist/index.html) must stay within 60 KB gzip. Lazy route chunks are not counted: they load later.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';

const LIMIT_KB = Number(process.env.BUNDLE_BUDGET_KB ?? 60);
const dist = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'dist');
const indexPath = join(dist, 'index.html');
if (!existsSync(indexPath)) {
  console.error(`budget: ${indexPath} not found; run \`npm run build\` first`);
  process.exit(2);
}
const html = readFileSync(indexPath, 'utf8');

const refs = new Set();
for (const m of html.matchAll(/<script\b[^>]*\btype=["']module["'][^>]*\bsrc=["']([^"']+)["']/g)) refs.add(m[1]);
for (const m of html.matchAll(/<link\b[^>]*\brel=["']modulepreload["'][^>]*\bhref=["']([^"']+)["']/g)) refs.add(m[1]);
for (const m of html.matchAll(/<link\b[^>]*\bhref=["']([^"']+)["'][^>]*\brel=["']modulepreload["']/g)) refs.add(m[1]);

if (refs.size === 0) {
  console.error('budget: no module script found in dist/index.html');
  process.exit(2);
}

let total = 0;
for (const ref of refs) {
  if (/^(https?:)?\/\//.test(ref)) {
    console.error(`budget: external script ${ref}: the app must make no third-party requests`);
    process.exit(1);
  }
  const file = join(dist, ref.replace(/^\//, ''));
  const gz = gzipSync(readFileSync(file), { level: 9 }).length;
  total += gz;
  console.log(`  ${(gz / 1024).toFixed(1).padStart(6)} KB  ${ref}`);
}
const kb = total / 1024;
console.log(`initial JS: ${kb.toFixed(1)} KB gzip (budget ${LIMIT_KB} KB)`);
if (kb > LIMIT_KB) {
  console.error(`budget exceeded by ${(kb - LIMIT_KB).toFixed(1)} KB`);
  process.exit(1);
}
