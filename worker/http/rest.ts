/**
 * The REST surface of the tool registry: each route names the tool it runs, and
 * the tool's zod schema validates the merged input (path params, then query for
 * GET/DELETE or the JSON body for POST/PUT/PATCH). Nothing is defined twice: a new
 * operation is a tool plus one line here.
 */
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { createContext } from '../domain/context';
import { ERROR_STATUS } from '../domain/errors';
import { executeTool, type AnyTool } from '../tools/registry';
import { errorResponse } from './errors';
import type { AppEnv } from './types';

export interface RestRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Hono path under /api/v1; `:param` names are tool input fields. */
  path: string;
  tool: string;
  /** Status of a success (default 200). */
  status?: ContentfulStatusCode;
}

export const REST_ROUTES: readonly RestRoute[] = [
  { method: 'GET', path: '/services', tool: 'list_services' },
  { method: 'GET', path: '/availability', tool: 'check_availability' },
  { method: 'GET', path: '/bookings', tool: 'list_bookings' },
  { method: 'POST', path: '/bookings', tool: 'create_booking', status: 201 },
  { method: 'GET', path: '/bookings/:booking_number', tool: 'get_booking' },
  // A returning customer's look-up: the phone or e-mail goes in the body, never in a URL that logs keep.
  { method: 'POST', path: '/bookings/:booking_number/find', tool: 'get_booking' },
  // Verified identity for a booking made elsewhere: a code to the phone/e-mail on the booking, then the code back.
  { method: 'POST', path: '/bookings/:booking_number/code', tool: 'request_booking_code', status: 202 },
  { method: 'POST', path: '/bookings/:booking_number/verify', tool: 'verify_booking_code' },
  { method: 'POST', path: '/bookings/:booking_number/cancel', tool: 'cancel_booking' },
  { method: 'POST', path: '/bookings/:booking_number/reschedule', tool: 'reschedule_booking' },
  { method: 'PATCH', path: '/bookings/:booking_number', tool: 'update_booking_details' },
  { method: 'POST', path: '/bookings/:booking_number/complete', tool: 'complete_booking' },
  { method: 'GET', path: '/tasks', tool: 'list_tasks' },
  { method: 'POST', path: '/tasks', tool: 'add_task', status: 201 },
  { method: 'PATCH', path: '/tasks/:task_id', tool: 'update_task' },
  { method: 'POST', path: '/tasks/:task_id/complete', tool: 'complete_task' },
  { method: 'DELETE', path: '/tasks/:task_id', tool: 'delete_task' },
  { method: 'GET', path: '/projects', tool: 'list_projects' },
  { method: 'POST', path: '/projects', tool: 'create_project', status: 201 },
  { method: 'PATCH', path: '/projects/:project_id', tool: 'update_project' },
  { method: 'GET', path: '/projects/:project_id/tasks', tool: 'list_tasks' },
  { method: 'GET', path: '/tickets', tool: 'list_tickets' },
  { method: 'POST', path: '/tickets', tool: 'open_ticket', status: 201 },
  { method: 'GET', path: '/tickets/:ticket_number', tool: 'get_ticket' },
  { method: 'PATCH', path: '/tickets/:ticket_number', tool: 'update_ticket' },
  { method: 'POST', path: '/tickets/:ticket_number/notes', tool: 'add_ticket_note', status: 201 },
  { method: 'GET', path: '/staff', tool: 'list_staff' },
  { method: 'PATCH', path: '/staff/me', tool: 'set_my_availability' },
  { method: 'GET', path: '/kb/search', tool: 'search_knowledge_base' },
  { method: 'GET', path: '/kb/articles', tool: 'list_kb_articles' },
  { method: 'POST', path: '/kb/articles', tool: 'create_kb_article', status: 201 },
  { method: 'GET', path: '/kb/articles/:article_id', tool: 'get_kb_article' },
  { method: 'PATCH', path: '/kb/articles/:article_id', tool: 'update_kb_article' },
  { method: 'DELETE', path: '/kb/articles/:article_id', tool: 'delete_kb_article' },
  { method: 'GET', path: '/conversations', tool: 'list_conversations' },
  { method: 'GET', path: '/analytics', tool: 'get_analytics' },
  { method: 'GET', path: '/analytics/bookings', tool: 'get_booking_stats' },
  // Configuring the business (admins): docs/API.md, "Business settings".
  { method: 'GET', path: '/business', tool: 'get_business_settings' },
  { method: 'PUT', path: '/business/hours', tool: 'set_opening_hours' },
  { method: 'POST', path: '/business/holidays', tool: 'add_holiday', status: 201 },
  { method: 'DELETE', path: '/business/holidays/:holiday_id', tool: 'remove_holiday' },
  { method: 'POST', path: '/business/closures', tool: 'add_closure', status: 201 },
  { method: 'DELETE', path: '/business/closures/:closure_id', tool: 'remove_closure' },
  { method: 'POST', path: '/services', tool: 'create_service', status: 201 },
  { method: 'PATCH', path: '/services/:service_id', tool: 'update_service' },
  { method: 'POST', path: '/employees', tool: 'create_employee', status: 201 },
  { method: 'PATCH', path: '/employees/:employee_id', tool: 'update_employee' },
  { method: 'PUT', path: '/employees/:employee_id/schedule', tool: 'set_employee_schedule' },
  { method: 'POST', path: '/employees/:employee_id/time-off', tool: 'add_time_off', status: 201 },
  { method: 'DELETE', path: '/employees/:employee_id/time-off/:time_off_id', tool: 'remove_time_off' },
];

type Input = Record<string, unknown>;

/** Query fields refused on GET/DELETE: personal contact details. */
export const CONTACT_QUERY_FIELDS = ['phone', 'email'] as const;

/** The JSON body as an object; a 400 for malformed JSON or a non-object body. */
async function readJsonObject(c: Context<AppEnv>): Promise<Input | Response> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return errorResponse(c, 'invalid_input', 'Request body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return errorResponse(c, 'invalid_input', 'Request body must be a JSON object');
  }
  return body as Input;
}

/** Registers every route of {@link REST_ROUTES} on `app`, resolving tools by name. */
export function mountRestRoutes(app: Hono<AppEnv>, tools: readonly AnyTool[]): void {
  const byName = new Map(tools.map((t) => [t.name, t]));
  for (const route of REST_ROUTES) {
    const tool = byName.get(route.tool);
    if (!tool) throw new Error(`REST route ${route.method} ${route.path} names unknown tool ${route.tool}`);
    app.on(route.method, route.path, async (c) => {
      let input: Input;
      if (route.method === 'GET' || route.method === 'DELETE') {
        input = c.req.query();
        // Contact details are personal data: not in a query string (URLs end up in logs and histories).
        const personal = CONTACT_QUERY_FIELDS.filter((f) => f in input);
        if (personal.length) return errorResponse(c, 'invalid_input', `Send ${personal.join(' and ')} in a JSON body (POST), not in the URL`, { fields: personal });
      } else {
        const body = await readJsonObject(c);
        if (body instanceof Response) return body;
        input = body;
      }
      // Path segments name the resource and win over anything the body says.
      Object.assign(input, c.req.param());
      const ctx = createContext(c.env, c.get('principal'), { requestId: c.get('requestId') });
      const result = await executeTool(tool, ctx, input, 'rest');
      if (result.ok) return c.json(result.data as object, route.status ?? 200);
      if (result.error.code === 'unauthorized') c.header('WWW-Authenticate', 'Bearer');
      // A write limit's window, as the header clients and proxies read (the body has it too).
      const retryAfter = (result.error.details as { retry_after?: unknown } | undefined)?.retry_after;
      if (result.error.code === 'rate_limited' && typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
      return errorResponse(c, result.error.code, result.error.message, result.error.details, ERROR_STATUS[result.error.code]);
    });
  }
}
