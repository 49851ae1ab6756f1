/**
 * GET /api/v1/openapi.json (the OpenAPI 3.1 document) and GET /docs (the same, rendered): public, no
 * token, cacheable briefly. Both come from the one document built from the registry's catalog.
 */
import { Hono } from 'hono';
import { TOOLS } from '../../tools/catalog';
import type { AppEnv } from '../types';
import { openApiDocument } from './document';
import { renderDocsPage } from './page';

/** The page's own policy: no script at all, its one inline stylesheet, links only. */
const DOCS_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Routes to mount at the app's root: `app.route('/', openApiRoutes())`. */
export function openApiRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/api/v1/openapi.json', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(openApiDocument(TOOLS));
  });
  app.get('/docs', async (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Content-Security-Policy', DOCS_CSP);
    return c.html(await renderDocsPage(openApiDocument(TOOLS)));
  });
  return app;
}
