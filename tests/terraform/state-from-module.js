#!/usr/bin/env node
// state-from-module.js: the state `terraform show -json` would print after
// applying a module that `ecrc emit --terraform` wrote, built without a
// cloud: every resource of the module (parsed by HashiCorp's HCL parser,
// @cdktf/hcl2json) with all the attributes the provider schema lists
// (tests/terraform/alicloud-schema.json), its arguments' values, the
// variables' values, references resolved, and the computed IDs in the
// formats the provider documents (a child instance's id is
// <ecr_id>:<child_instance_id>:<child_instance_type>, an association's
// <ecr_id>:<association_id>:<target id>). Shape:
// https://developer.hashicorp.com/terraform/internals/json-format
//   node state-from-module.js MODULE_DIR SCHEMA.json [VAR=VALUE...] > state.json
// A variable not given gets the design id its description names ("the
// design calls pc-bj-1"; MD5 keys: the variable's name), so that importing
// the state gives back the design's ids. Cloud IDs are derived from the Terraform names: stable.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { parse } = require('@cdktf/hcl2json');

const PREFIX = {
  alicloud_express_connect_virtual_border_router: 'vbr-',
  alicloud_vpc_bgp_group: 'bgpg-',
  alicloud_vpc_bgp_peer: 'bgp-',
  alicloud_express_connect_router_express_connect_router: 'ecr-',
};

function cloudId(prefix, address) {
  return prefix + crypto.createHash('sha256').update(address).digest('hex').slice(0, 20);
}

async function main() {
  const [dir, schemaPath, ...assigns] = process.argv.slice(2);
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  const vars = {};
  for (const a of assigns) {
    const i = a.indexOf('=');
    vars[a.slice(0, i)] = a.slice(i + 1);
  }
  const m = {};
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.tf')).sort()) {
    const j = await parse(f, fs.readFileSync(path.join(dir, f), 'utf8'));
    for (const [k, v] of Object.entries(j)) m[k] = Object.assign(m[k] || {}, v);
  }
  for (const [name, bodies] of Object.entries(m.variable || {})) {
    if (name in vars) continue;
    const d = /the design calls ([A-Za-z][A-Za-z0-9._-]*?)[,.]? /.exec(bodies[0].description || '');
    vars[name] = d ? d[1] : name.replace(/_id$/, '');
  }
  // resources in dependency order: referenced ones get their ids first
  const res = [];
  for (const [type, byName] of Object.entries(m.resource || {}))
    for (const [name, bodies] of Object.entries(byName)) res.push({ type, name, body: bodies[0] });
  const ids = {};
  const values = {};
  const resolve = (v) => {
    if (typeof v === 'string') {
      const x = /^\$\{(.*)\}$/.exec(v);
      if (!x) return v;
      const ref = x[1];
      if (ref.startsWith('var.')) return vars[ref.slice(4)];
      const parts = ref.split('.');
      const key = parts[0] + '.' + parts[1];
      if (!(key in values)) return undefined;
      return values[key][parts[2]];
    }
    if (Array.isArray(v)) return v.map(resolve);
    return v;
  };
  let pending = res.slice();
  while (pending.length) {
    const next = [];
    for (const r of pending) {
      const vals = {};
      let ok = true;
      for (const [k, v] of Object.entries(r.body)) {
        if (k === 'provider') continue;
        const x = resolve(v);
        if (x === undefined) ok = false;
        vals[k] = x;
      }
      if (!ok) { next.push(r); continue; }
      const address = `${r.type}.${r.name}`;
      const full = {};
      for (const a of schema.resources[r.type].attributes) full[a] = null;
      Object.assign(full, vals);
      if (r.type === 'alicloud_express_connect_router_vbr_child_instance')
        full.id = `${vals.ecr_id}:${vals.child_instance_id}:${vals.child_instance_type}`;
      else if (r.type === 'alicloud_express_connect_router_tr_association') {
        full.association_id = cloudId('ecra-', address);
        full.id = `${vals.ecr_id}:${full.association_id}:${vals.transit_router_id}`;
      } else if (r.type === 'alicloud_express_connect_router_vpc_association') {
        full.association_id = cloudId('ecra-', address);
        full.id = `${vals.ecr_id}:${full.association_id}:${vals.vpc_id}`;
      } else full.id = cloudId(PREFIX[r.type] || 'x-', address);
      if ('status' in full) full.status = r.type.includes('bgp') || r.type.includes('virtual_border') ? 'active' : 'Active';
      if (r.type === 'alicloud_express_connect_virtual_border_router') {
        full.route_table_id = cloudId('vtb-', address);
        if (full.enable_ipv6 === null) full.enable_ipv6 = false;
      }
      if (r.type === 'alicloud_vpc_bgp_group') {
        if (full.local_asn === null) full.local_asn = 45104;
        if (full.auth_key === null) full.auth_key = '';
        if (full.is_fake_asn === null) full.is_fake_asn = false;
        if (full.ip_version === null) full.ip_version = 'IPV4';
      }
      if (r.type === 'alicloud_vpc_bgp_peer' && full.ip_version === null) full.ip_version = 'IPV4';
      if (r.type.includes('express_connect_router') && 'allowed_prefixes' in full && full.allowed_prefixes === null)
        full.allowed_prefixes = [];
      values[address] = full;
      ids[address] = full.id;
    }
    if (next.length === pending.length) throw new Error('unresolvable references in ' + next.map((r) => r.name));
    pending = next;
  }
  // ECR VBRs speak the ECR's ASN: what the provider would read back
  for (const [addr, v] of Object.entries(values)) {
    if (!addr.startsWith('alicloud_vpc_bgp_group.')) continue;
    for (const [caddr, c] of Object.entries(values))
      if (caddr.startsWith('alicloud_express_connect_router_vbr_child_instance.') && c.child_instance_id === v.router_id)
        for (const [eaddr, e] of Object.entries(values))
          if (eaddr.startsWith('alicloud_express_connect_router_express_connect_router.') && e.id === c.ecr_id)
            v.local_asn = e.alibaba_side_asn;
  }
  const sensitive = (type, v) => (type === 'alicloud_vpc_bgp_group' ? { auth_key: v.auth_key !== '' } : {});
  const resources = Object.keys(values).sort().map((address) => {
    const [type, name] = address.split('.');
    return {
      address, mode: 'managed', type, name,
      provider_name: 'registry.terraform.io/aliyun/alicloud',
      schema_version: 0, values: values[address], sensitive_values: sensitive(type, values[address]),
    };
  });
  const outputs = {};
  for (const [name, bodies] of Object.entries(m.output || {})) outputs[name] = { sensitive: false, value: resolve(bodies[0].value), type: 'string' };
  const state = { format_version: '1.0', terraform_version: '1.11.4', values: { outputs, root_module: { resources } } };
  process.stdout.write(JSON.stringify(state, null, 2) + '\n');
}
main().catch((e) => { console.error(`state-from-module.js: ${e.stack || e}`); process.exit(2); });
