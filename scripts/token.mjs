#!/usr/bin/env node
// Prints a dev bearer token signed with the local JWT_SECRET:
//   npm run token -- --role staff --sub alice [--name "Alice"] [--email a@x] [--ttl 12h]
import { parseArgs } from 'node:util';
import { signToken } from '../worker/auth/tokens.ts';
import { localConfig } from './local-config.mjs';
import { applyOfflineEnv } from './offline-env.mjs';

applyOfflineEnv();
const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'staff' },
    sub: { type: 'string' },
    name: { type: 'string' },
    email: { type: 'string' },
    ttl: { type: 'string', default: '12h' },
  },
});
if (!['customer', 'staff', 'admin'].includes(values.role)) {
  console.error(`--role must be customer, staff or admin (got ${values.role})`);
  process.exit(2);
}
const config = await localConfig();
if (!config.JWT_SECRET) {
  console.error('No JWT_SECRET: run `npm run dev` once (it creates .dev.vars) or set JWT_SECRET.');
  process.exit(2);
}
const claims = { sub: values.sub ?? `${values.role}-dev`, role: values.role };
if (values.name) claims.name = values.name;
if (values.email) claims.email = values.email;
console.log(await signToken(config, claims, values.ttl));
