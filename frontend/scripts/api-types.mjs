#!/usr/bin/env node
// SPEC §8: the SPA's API types are generated from /api/openapi.json, and a check fails when they drift.
//
//   node scripts/api-types.mjs            regenerate src/api/schema.d.ts and src/api/schema-limits.ts
//   node scripts/api-types.mjs --check    fail, naming the command to run, when either differs
//   ... --document openapi.json           read a saved document instead of asking the backend
//
// The document comes from scripts/dump-openapi.py, run from backend/ with the repository's virtualenv
// (INKWELL_PYTHON overrides the interpreter), so the check sees the backend's code as it is now.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const frontend = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(frontend, '..');
const REGENERATE = 'cd frontend && npm run types';
const HEADER =
  '// Generated from /api/openapi.json by `npm run types` (frontend/scripts/api-types.mjs): do not edit.\n' +
  '// `npm run types:check` (part of `make lint`) fails when this file and the API drift apart.\n\n';

function fail(message) {
  console.error(`api-types: ${message}`);
  process.exit(1);
}

function readDocument(file) {
  if (file) return JSON.parse(readFileSync(resolve(file), 'utf8'));
  const python = process.env.INKWELL_PYTHON ?? join(repo, '.venv', 'bin', 'python');
  if (!existsSync(python)) fail(`${python} not found: create the backend virtualenv first (make install)`);
  let out;
  try {
    out = execFileSync(python, [join(repo, 'scripts', 'dump-openapi.py')], {
      cwd: join(repo, 'backend'),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  } catch {
    fail('scripts/dump-openapi.py failed (its error is above): the backend could not build the document');
  }
  return JSON.parse(out);
}

async function typesModule(document) {
  return HEADER + astToString(await openapiTS(document, { silent: true }));
}

/** The length rules of every string the API accepts, by schema and by query parameter. */
function lengthLimits(document) {
  const rules = (schema) => {
    const r = {};
    if (schema?.minLength !== undefined) r.minLength = schema.minLength;
    if (schema?.maxLength !== undefined) r.maxLength = schema.maxLength;
    return Object.keys(r).length ? r : null;
  };
  const schemas = {};
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    for (const [field, property] of Object.entries(schema.properties ?? {})) {
      const r = rules(property);
      if (r) (schemas[name] ??= {})[field] = r;
    }
  }
  const queries = {};
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      for (const parameter of operation?.parameters ?? []) {
        const r = parameter.in === 'query' && rules(parameter.schema);
        if (r) (queries[`${method.toUpperCase()} ${path}`] ??= {})[parameter.name] = r;
      }
    }
  }
  return { schemas, queries };
}

function limitsModule(document) {
  const { schemas, queries } = lengthLimits(document);
  const key = (k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`);
  const rule = (r) => `{ ${Object.entries(r).map(([k, v]) => `${k}: ${v}`).join(', ')} }`;
  const table = (byName) =>
    '{\n' +
    Object.entries(byName)
      .map(([name, fields]) => {
        const lines = Object.entries(fields).map(([field, r]) => `    ${key(field)}: ${rule(r)},\n`);
        return `  ${key(name)}: {\n${lines.join('')}  },\n`;
      })
      .join('') +
    '}';
  return (
    HEADER +
    '/** minLength/maxLength of request fields, by schema (src/lib/limits.ts names the ones the UI uses). */\n' +
    `export const schemaLimits = ${table(schemas)} as const;\n\n` +
    '/** minLength/maxLength of query parameters, by "METHOD /path". */\n' +
    `export const queryLimits = ${table(queries)} as const;\n`
  );
}

function firstDifference(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `line ${i + 1}: committed ${JSON.stringify(x[i] ?? '')}, API ${JSON.stringify(y[i] ?? '')}`;
  }
  return '';
}

const args = process.argv.slice(2);
const check = args.includes('--check');
const documentIndex = args.indexOf('--document');
const document = readDocument(documentIndex >= 0 ? args[documentIndex + 1] : null);
const outputs = {
  [join(frontend, 'src', 'api', 'schema.d.ts')]: await typesModule(document),
  [join(frontend, 'src', 'api', 'schema-limits.ts')]: limitsModule(document),
};

if (check) {
  const stale = Object.entries(outputs).filter(([file, text]) => !existsSync(file) || readFileSync(file, 'utf8') !== text);
  for (const [file, text] of stale) {
    const committed = existsSync(file) ? readFileSync(file, 'utf8') : '';
    console.error(`api-types: ${relative(repo, file)} is out of date with /api/openapi.json (${firstDifference(committed, text)})`);
  }
  if (stale.length) fail(`regenerate with \`${REGENERATE}\` and commit the result`);
  console.log('api-types: src/api/schema.d.ts and src/api/schema-limits.ts match /api/openapi.json');
} else {
  for (const [file, text] of Object.entries(outputs)) writeFileSync(file, text);
  console.log(`api-types: wrote ${Object.keys(outputs).map((f) => relative(frontend, f)).join(', ')}`);
}
