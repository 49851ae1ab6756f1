/**
 * GET /docs: the OpenAPI document rendered as one self-contained page on the server (hono/html, which
 * escapes every interpolated value), since the product runs offline: no CDN, no script, one inline
 * stylesheet. Operations by tag, each with its parameters, body and response schemas as field tables,
 * its example and its error responses. Landmarks, a skip link and table headers for screen readers.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { OpenApiDocument, OpenApiOperation, OpenApiParameter } from './document';

type Json = Record<string, unknown>;
type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `
:root { color-scheme: light dark; --fg: #1b1f24; --bg: #fff; --muted: #57606a; --line: #d0d7de; --code: #f6f8fa; --accent: #0b5cad; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9da7b3; --line: #30363d; --code: #161b22; --accent: #6cb6ff; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
.skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: var(--bg); padding: 4px 8px; }
header, main, nav { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
nav ul { columns: 3 16rem; padding-left: 1.2rem; }
section.op { border-top: 1px solid var(--line); padding: 0.5rem 0 1rem; }
h3 code { font-size: 1rem; }
.method { display: inline-block; min-width: 4.2rem; font-weight: 700; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; font-size: 0.92rem; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
pre, code { background: var(--code); font: 0.88rem ui-monospace, SFMono-Regular, Menlo, monospace; }
pre { padding: 0.6rem; overflow-x: auto; border-radius: 4px; }
details { margin: 0.3rem 0; } summary { cursor: pointer; }
.muted { color: var(--muted); }
`;

/** A JSON Schema's type in a few words: `string (date)`, `integer ≥ 1`, `one of: a, b`, `array of object`. */
function typeOf(schema: Json | undefined): string {
  if (!schema) return 'any';
  if (Array.isArray(schema.enum)) return `one of: ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if ('const' in schema) return `exactly ${JSON.stringify(schema.const)}`;
  const anyOf = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (anyOf) return anyOf.map(typeOf).join(' or ');
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : ((schema.type as string | undefined) ?? 'any');
  if (type === 'array') return `array of ${typeOf(schema.items as Json | undefined)}`;
  const facts = [
    schema.format ? `${schema.format}` : '',
    schema.minimum !== undefined ? `≥ ${schema.minimum}` : '',
    schema.exclusiveMinimum !== undefined ? `> ${schema.exclusiveMinimum}` : '',
    schema.maximum !== undefined ? `≤ ${schema.maximum}` : '',
    schema.minLength !== undefined ? `min ${schema.minLength} chars` : '',
    schema.maxLength !== undefined ? `max ${schema.maxLength} chars` : '',
    schema.pattern ? `pattern ${schema.pattern}` : '',
  ].filter(Boolean);
  return facts.length ? `${type} (${facts.join(', ')})` : type;
}

/** The fields of an object schema as table rows, nested objects' fields as `parent.child`. */
function fieldRows(schema: Json, prefix = '', depth = 0): { name: string; type: string; required: boolean; description: string }[] {
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  const rows: { name: string; type: string; required: boolean; description: string }[] = [];
  for (const [key, field] of Object.entries(properties)) {
    const name = `${prefix}${key}`;
    rows.push({ name, type: typeOf(field), required: required.has(key), description: (field.description as string | undefined) ?? '' });
    const inner = field.type === 'array' ? (field.items as Json | undefined) : field;
    if (inner?.properties && depth < 2) rows.push(...fieldRows(inner, `${name}${field.type === 'array' ? '[]' : ''}.`, depth + 1));
  }
  return rows;
}

function schemaTable(schema: Json, caption: string): Html {
  const rows = fieldRows(schema);
  if (!rows.length) return html`<p class="muted">${caption}: ${typeOf(schema)}.</p>`;
  return html`<table>
    <caption class="muted">${caption}</caption>
    <thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Description</th></tr></thead>
    <tbody>${rows.map((r) => html`<tr><td><code>${r.name}</code></td><td>${r.type}</td><td>${r.required ? 'yes' : 'no'}</td><td>${r.description}</td></tr>`)}</tbody>
  </table>`;
}

const jsonBlock = (value: unknown, label: string): Html =>
  html`<details><summary>${label}</summary><pre><code>${JSON.stringify(value, null, 2)}</code></pre></details>`;

function parametersTable(params: OpenApiParameter[]): Html {
  if (!params.length) return html``;
  return html`<table>
    <caption class="muted">Parameters</caption>
    <thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Description</th><th scope="col">Example</th></tr></thead>
    <tbody>${params.map(
      (p) => html`<tr><td><code>${p.name}</code></td><td>${p.in}</td><td>${typeOf(p.schema)}</td><td>${p.required ? 'yes' : 'no'}</td><td>${p.description ?? ''}</td><td>${p.example === undefined ? '' : html`<code>${String(p.example)}</code>`}</td></tr>`,
    )}</tbody>
  </table>`;
}

function responsesOf(op: OpenApiOperation, doc: OpenApiDocument): Html {
  const items = Object.entries(op.responses).map(([status, response]) => {
    const ref = typeof response.$ref === 'string' ? response.$ref.split('/').pop()! : null;
    const resolved = (ref ? doc.components.responses[ref] : response) as Json;
    const content = resolved.content as Record<string, { schema?: Json }> | undefined;
    const schema = content?.['application/json']?.schema;
    const isError = ref !== null;
    return html`<li><strong>${status}</strong> ${resolved.description as string}${
      !isError && schema && schema.type !== undefined ? html`${schemaTable(schema, `${status} body`)}${jsonBlock(schema, `${status} JSON Schema`)}` : ''
    }</li>`;
  });
  return html`<h4>Responses</h4><ul>${items}</ul>`;
}

function operationSection(path: string, method: string, op: OpenApiOperation, doc: OpenApiDocument): Html {
  const body = op.requestBody?.content['application/json'];
  const auth = op.security.length === 0 ? 'No token.' : op.security.some((s) => Object.keys(s).length === 0) ? 'Bearer token optional.' : 'Bearer token required.';
  return html`<section class="op" id="${op.operationId}" aria-labelledby="${op.operationId}-title">
    <h3 id="${op.operationId}-title"><span class="method">${method.toUpperCase()}</span> <code>${path}</code></h3>
    <p><strong>${op.summary}</strong> · <code>${op.operationId}</code> · ${auth}</p>
    ${op.description.split('\n\n').map((p) => html`<p>${p}</p>`)}
    ${parametersTable(op.parameters)}
    ${body ? html`${schemaTable(body.schema, 'JSON body')}${body.example === undefined ? '' : html`<p>Example body:</p><pre><code>${JSON.stringify(body.example, null, 2)}</code></pre>`}` : ''}
    ${responsesOf(op, doc)}
  </section>`;
}

/** The page for `doc`. */
export function renderDocsPage(doc: OpenApiDocument): Html {
  const byTag = new Map<string, { path: string; method: string; op: OpenApiOperation }[]>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const tag = op.tags[0] ?? 'other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push({ path, method, op });
    }
  }
  const tags = doc.tags.filter((t) => byTag.has(t.name));
  const info = doc.info as { title: string; version: string; description: string };
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${info.title} reference</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the operations</a>
<header>
  <h1>${info.title} <span class="muted">v${info.version}</span></h1>
  <p>${info.description}</p>
  <p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI ${doc.openapi}). Send tokens as <code>Authorization: Bearer &lt;jwt&gt;</code>, never in a URL.</p>
  <h2>Errors</h2>
  <p>Every failure has one body:</p>
  ${schemaTable(doc.components.schemas.Error!, 'Error body')}
</header>
<nav aria-label="Operations">
  <h2>Operations</h2>
  ${tags.map(
    (t) => html`<h3>${t.name}</h3><ul>${byTag.get(t.name)!.map((e) => html`<li><a href="#${e.op.operationId}">${e.method.toUpperCase()} ${e.path}</a> — ${e.op.summary}</li>`)}</ul>`,
  )}
</nav>
<main id="main">
  ${tags.map(
    (t) => html`<h2 id="tag-${t.name}">${t.name}</h2><p class="muted">${t.description}</p>${byTag.get(t.name)!.map((e) => operationSection(e.path, e.method, e.op, doc))}`,
  )}
</main>
</body>
</html>`;
}
