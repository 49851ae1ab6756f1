// Whether a test helper file was run directly (`node test/fake-openai/server.ts …`) rather than imported.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** @example if (isMain(import.meta.url)) startServerFromCli(); */
export function isMain(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
