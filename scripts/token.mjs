#!/usr/bin/env node
// Prints a dev bearer token signed with the local JWT_SECRET:
//   npm run token -- --role staff --sub alice [--name "Alice"] [--email a@x] [--ttl 12h]
// --ttl is a time span (90s, 15m, 12h, 7d); the Worker refuses tokens that live longer than 30 days.
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
if (!/^\d+\s*[a-z]+$/i.test(values.ttl.trim())) {
  console.error(`--ttl must be a time span such as 15m, 12h or 7d (got ${values.ttl})`);
  process.exit(2);
}
try {
  console.log(await signToken(config, claims, values.ttl.trim()));
} catch (err) {
  // signToken refuses lifetimes over the bound the Worker enforces (MAX_TOKEN_LIFETIME_SECONDS), and spans jose cannot read.
  console.error(`--ttl ${values.ttl}: ${err instanceof Error ? err.message : String(err)}; the longest is 30d`);
  process.exit(2);
}
