// Lints every .cypher file under cypher/ with lintCypherQuery from Neo4j's Cypher language
// support, declaring the parameters each file names in its "// @param name" lines. Prints one
// line per file and every diagnostic; exits 1 when any file has an error, or names a
// parameter it does not declare.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ERROR = 1;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'lint' || name === 'node_modules' ? [] : files(path);
    return name.endsWith('.cypher') ? [path] : [];
  }).sort();
}

let failed = 0;
let checked = 0;
for (const file of files(root)) {
  const text = readFileSync(file, 'utf8');
  const declared = [...text.matchAll(/^\/\/\s*@param\s+([A-Za-z_][A-Za-z0-9_]*)/gm)].map((m) => m[1]);
  const parameters = Object.fromEntries(declared.map((name) => [name, null]));
  const used = new Set([...text.replace(/^\/\/.*$/gm, '').matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]));
  const { diagnostics } = lintCypherQuery(text, { parameters });
  const errors = diagnostics.filter((d) => d.severity === ERROR);
  const unused = declared.filter((name) => !used.has(name));
  const name = relative(root, file);
  checked++;
  if (errors.length === 0 && unused.length === 0) {
    const warnings = diagnostics.length;
    console.log(`ok    ${name}${warnings ? ` (${warnings} warning${warnings > 1 ? 's' : ''})` : ''}`);
    for (const d of diagnostics) console.log(`      warning ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
    continue;
  }
  failed++;
  console.log(`FAIL  ${name}`);
  for (const d of errors) console.log(`      error ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
  for (const p of unused) console.log(`      error: declares $${p} but never uses it`);
}
console.log(`cypher lint: ${checked} files, ${failed} with errors`);
process.exit(failed === 0 && checked > 0 ? 0 : 1);
