/// <reference types="vite/client" />
// Dependencies run one way: durable-objects/ builds on worker/ (domain, tools, agent, protocol, policy),
// and the Worker needs from durable-objects/ only the class behind its stub, re-exported by worker/index.ts
// for wrangler. Type-only imports are fine (they vanish from the bundle). The sources are read as text
// (Vite's import.meta.glob with ?raw), so the check runs in the fast Node project (unit) like any other test.
import { describe, expect, it } from 'vitest';

const workerSources = import.meta.glob(['../../worker/**/*.ts', '!../../worker/**/*.d.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const objectSources = import.meta.glob('../../durable-objects/**/*.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

interface ImportEdge {
  /** The importing file, from the repository root (worker/http/chat.ts). */
  from: string;
  /** The imported module, from the repository root without extension (durable-objects/chat-session). */
  to: string;
  /** `import type …`, `export type …`, or every named specifier marked `type`. */
  typeOnly: boolean;
  /** The named specifiers, without `type` and aliases. */
  names: string[];
  statement: string;
}

/** Joins and normalises a relative import against the importing file's folder (posix paths). */
function resolve(fromFile: string, specifier: string): string {
  const parts = fromFile.split('/').slice(0, -1);
  for (const segment of specifier.split('/')) {
    if (segment === '.' || segment === '') continue;
    if (segment === '..') parts.pop();
    else parts.push(segment);
  }
  return parts.join('/').replace(/\.(ts|js)$/, '');
}

/** The relative imports and re-exports of one source file (static, side-effect and dynamic ones). */
export function importsOf(file: string, source: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of code.matchAll(/\b(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g)) {
    const [statement, , typeKeyword, clause = '', specifier = ''] = m;
    if (!specifier.startsWith('.')) continue;
    const braces = /\{([^}]*)\}/.exec(clause)?.[1];
    const specifiers = braces?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
    const hasDefaultOrNamespace = clause.replace(/\{[^}]*\}/, '').replace(/,/g, '').trim() !== '';
    const allTyped = specifiers.length > 0 && !hasDefaultOrNamespace && specifiers.every((s) => s.startsWith('type '));
    edges.push({
      from: file,
      to: resolve(file, specifier),
      typeOnly: Boolean(typeKeyword) || allTyped,
      names: specifiers.map((s) => s.replace(/^type\s+/, '').split(/\s+as\s+/)[0]!),
      statement,
    });
  }
  for (const m of code.matchAll(/\bimport\s*(?:\(\s*)?['"](\.[^'"]+)['"]/g)) {
    edges.push({ from: file, to: resolve(file, m[1]!), typeOnly: false, names: [], statement: m[0] });
  }
  return edges;
}

const fromRoot = (key: string) => key.replace(/^(\.\.\/)+/, '');
const edgesOf = (sources: Record<string, string>) => Object.entries(sources).flatMap(([key, source]) => importsOf(fromRoot(key), source));

/** The one value import the Worker may make from durable-objects/: the class wrangler binds. */
const isClassExport = (e: ImportEdge) =>
  e.from === 'worker/index.ts' && e.to === 'durable-objects/chat-session' && e.statement.startsWith('export') && e.names.join() === 'ChatSession';

describe('dependencies run one way', () => {
  it('reads the sources it checks', () => {
    expect(Object.keys(workerSources).length).toBeGreaterThan(50);
    expect(Object.keys(objectSources).length).toBeGreaterThan(10);
    expect(edgesOf(workerSources).some(isClassExport)).toBe(true);
  });

  it('the Worker imports nothing from durable-objects/ but the class it binds (and types)', () => {
    const offending = edgesOf(workerSources).filter((e) => e.to.startsWith('durable-objects/') && !e.typeOnly && !isClassExport(e));
    expect(offending.map((e) => `${e.from}: ${e.statement}`)).toEqual([]);
  });

  it('the session object never needs the HTTP layer, MCP, OAuth or the entry', () => {
    const offending = edgesOf(objectSources).filter((e) => /^worker\/(http|mcp|oauth)\//.test(e.to) || e.to === 'worker/index');
    expect(offending.map((e) => `${e.from}: ${e.statement}`)).toEqual([]);
  });

  it('tells a value import from a type-only one', () => {
    const edges = importsOf(
      'worker/http/x.ts',
      [
        "import { PRINCIPAL_HEADER } from '../../durable-objects/session/sockets';",
        "import type { SessionInfo } from '../../durable-objects/chat-session';",
        "import { type SendResult, type SessionInfo as Info } from '../../durable-objects/chat-session';",
        "import { mayUseSession, type SessionInfo } from '../../durable-objects/chat-session';",
        "export { voiceSettings } from '../../durable-objects/voice/upstream';",
        "const lazy = () => import('../../durable-objects/voice/calls');",
      ].join('\n'),
    );
    expect(edges.map((e) => [e.to, e.typeOnly])).toEqual([
      ['durable-objects/session/sockets', false],
      ['durable-objects/chat-session', true],
      ['durable-objects/chat-session', true],
      ['durable-objects/chat-session', false],
      ['durable-objects/voice/upstream', false],
      ['durable-objects/voice/calls', false],
    ]);
  });
});
