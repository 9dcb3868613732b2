#!/usr/bin/env node
// check-module.js: parses every .tf file of a module directory with
// HashiCorp's HCL parser (@cdktf/hcl2json: github.com/hashicorp/hcl compiled
// to WebAssembly) and checks each resource against the provider schema kept
// in alicloud-schema.json: the type exists, every argument is one of the
// resource's arguments (or a Terraform meta-argument), every required one
// is there, and literal values have the argument's type. Writes the parsed
// module as JSON to OUT, for the calling test to assert values on.
//   node check-module.js MODULE_DIR SCHEMA.json OUT.json
// Exit 0 when everything holds, 1 with one line per problem otherwise.
'use strict';
const fs = require('fs');
const path = require('path');
const { parse } = require('@cdktf/hcl2json');

const META = new Set(['provider', 'depends_on', 'count', 'for_each', 'lifecycle']);

function literalType(v) {
  if (typeof v === 'string' && /^\$\{[^}]*\}$/.test(v)) return 'expression';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  return 'block';
}

async function main() {
  const [dir, schemaPath, outPath] = process.argv.slice(2);
  if (!outPath) {
    console.error('usage: check-module.js MODULE_DIR SCHEMA.json OUT.json');
    process.exit(2);
  }
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.tf')).sort();
  const merged = {};
  const problems = [];
  for (const f of files) {
    let json;
    try {
      json = await parse(f, fs.readFileSync(path.join(dir, f), 'utf8'));
    } catch (e) {
      problems.push(`${f}: HCL parse error: ${e.message || e}`);
      continue;
    }
    for (const [k, v] of Object.entries(json)) merged[k] = Object.assign(merged[k] || {}, v);
  }
  let n = 0;
  for (const [type, byName] of Object.entries(merged.resource || {})) {
    const rs = schema.resources[type];
    if (!rs) {
      problems.push(`resource type ${type} is not in the schema (${schema.source})`);
      continue;
    }
    for (const [name, bodies] of Object.entries(byName)) {
      const body = bodies[0];
      n++;
      for (const [arg, val] of Object.entries(body)) {
        if (META.has(arg)) continue;
        const a = rs.arguments[arg];
        if (!a) {
          problems.push(`${type}.${name}: argument ${arg} is not an argument of ${type} in ${schema.source}`);
          continue;
        }
        const t = literalType(val);
        if (t !== 'expression' && t !== a.type)
          problems.push(`${type}.${name}: ${arg} = ${JSON.stringify(val)} is a ${t}; the schema says ${a.type}`);
      }
      for (const [arg, a] of Object.entries(rs.arguments))
        if (a.required && !(arg in body)) problems.push(`${type}.${name}: required argument ${arg} is missing`);
    }
  }
  fs.writeFileSync(outPath, JSON.stringify(merged, null, 1) + '\n');
  for (const p of problems) console.log(p);
  if (problems.length) process.exit(1);
  console.log(`ok: ${files.length} files parsed, ${n} resources checked against ${schema.source}`);
}

main().catch((e) => {
  console.error(`check-module.js: ${e.stack || e}`);
  process.exit(2);
});
