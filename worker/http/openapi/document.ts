/**
 * The OpenAPI 3.1 document of the API, written from `apiOperations` (REST_ROUTES with the tools' zod
 * schemas, and the other routes with theirs) through zod's own JSON Schema output. Nothing in it is
 * written by hand but prose: a new REST route or a changed schema shows here by itself. Built once
 * per isolate. JSON Schema 2020-12 is OpenAPI 3.1's own dialect, which is what zod writes.
 */
import { z } from 'zod';
import { errorBodySchema } from '../../protocol/api';
import type { AnyTool } from '../../tools/registry';
import { jsonSchemaOf, toolInputJsonSchema } from '../../tools/schemas';
import { apiOperations, REFUSED_QUERY_FIELDS, type Operation } from './operations';

type Json = Record<string, unknown>;
type ObjectJson = Json & { properties?: Record<string, Json>; required?: string[] };

export interface OpenApiDocument {
  openapi: '3.1.1';
  info: Json;
  servers: Json[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, Json>; responses: Record<string, Json>; securitySchemes: Record<string, Json> };
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: Json;
  example?: unknown;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  security: Record<string, string[]>[];
  'x-roles'?: readonly string[];
  parameters: OpenApiParameter[];
  requestBody?: { required: boolean; content: { 'application/json': { schema: Json; example?: unknown } } };
  responses: Record<string, Json>;
}

const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

const TAGS: { name: string; description: string }[] = [
  { name: 'catalog', description: 'What the business offers.' },
  { name: 'scheduling', description: 'When a visit can be booked.' },
  { name: 'bookings', description: 'Bookings, their changes, and verified identity for bookings made elsewhere.' },
  { name: 'knowledge', description: 'The knowledge base.' },
  { name: 'tasks', description: 'Personal tasks and team projects.' },
  { name: 'tickets', description: 'Support tickets.' },
  { name: 'support', description: 'A person for the customer, the staff queue, analytics.' },
  { name: 'business', description: 'Configuring the business (admins): services, employees, schedules, time off, hours, holidays, closures.' },
  { name: 'chat', description: 'Chat sessions: the widget\'s API.' },
  { name: 'staff', description: 'Staff actions on a live conversation.' },
  { name: 'voice', description: 'Voice calls on a chat session.' },
  { name: 'mcp', description: 'The MCP server and its OAuth entry points.' },
  { name: 'compatibility', description: 'Shapes that users of similar systems already call.' },
  { name: 'deployment', description: 'Health, configuration and this reference.' },
];

const bodyMethod = (op: Operation) => op.method === 'POST' || op.method === 'PUT' || op.method === 'PATCH';

/** The error responses an operation can give, by status, as references to `components.responses`. */
const ERROR_RESPONSES = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  429: 'RateLimited',
} as const;

const ERROR_EXAMPLES: Record<keyof typeof ERROR_RESPONSES, { code: string; message: string; details?: unknown }> = {
  400: { code: 'invalid_input', message: 'Invalid arguments for create_booking', details: { phone: 'Too small: expected string to have >=7 characters' } },
  401: { code: 'unauthorized', message: 'Sign-in required to use list_bookings' },
  403: { code: 'forbidden', message: 'Your role may not use complete_booking' },
  404: { code: 'not_found', message: 'Booking BK-2030-000099 not found' },
  409: { code: 'conflict', message: 'That time was just taken' },
  413: { code: 'payload_too_large', message: 'Body exceeds 65536 bytes' },
  429: { code: 'rate_limited', message: 'Too many requests from this address', details: { retry_after: 60 } },
};

function errorStatuses(op: Operation): (keyof typeof ERROR_RESPONSES)[] {
  const out: (keyof typeof ERROR_RESPONSES)[] = [];
  if (op.input || op.pathParams.length) out.push(400);
  if (op.auth !== 'none') out.push(401);
  if (op.roles) out.push(403);
  if (op.pathParams.length) out.push(404);
  if (op.tool ? !op.tool.annotations.readOnly : op.method !== 'GET' && op.auth !== 'none') out.push(409);
  if (bodyMethod(op)) out.push(413);
  if (op.tag === 'chat' || op.tag === 'compatibility' || op.tool?.annotations.readOnly === false) out.push(429);
  return out;
}

/** The input's JSON Schema: a tool's as staff see it (REST serves every role), or zod's own of the route's schema. */
function inputJson(op: Operation): ObjectJson {
  if (op.tool) return toolInputJsonSchema(op.tool, 'staff') as ObjectJson;
  return op.input ? (jsonSchemaOf(op.input) as ObjectJson) : { type: 'object', properties: {} };
}



function parametersOf(op: Operation, schema: ObjectJson): OpenApiParameter[] {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const example = op.example ?? {};
  const withExample = (p: OpenApiParameter, key: string): OpenApiParameter => (key in example ? { ...p, example: example[key] } : p);
  const describe = (field: Json | undefined) => (typeof field?.description === 'string' ? { description: field.description } : {});
  const params: OpenApiParameter[] = op.pathParams.map((name) =>
    withExample({ name, in: 'path', required: true, ...describe(properties[name]), schema: properties[name] ?? { type: 'string' } }, name),
  );
  if (!bodyMethod(op)) {
    for (const [name, field] of Object.entries(properties)) {
      if (op.pathParams.includes(name) || REFUSED_QUERY_FIELDS.includes(name)) continue;
      params.push(withExample({ name, in: 'query', required: required.has(name), ...describe(field), schema: field }, name));
    }
  }
  for (const header of op.headers ?? []) params.push({ name: header.name, in: 'header', required: true, description: header.description, schema: { type: 'string' }, example: header.example });
  return params;
}

function requestBodyOf(op: Operation, schema: ObjectJson): OpenApiOperation['requestBody'] {
  if (!bodyMethod(op) || (!op.input && !op.tool)) return undefined;
  const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([key]) => !op.pathParams.includes(key)));
  const required = (schema.required ?? []).filter((key) => !op.pathParams.includes(key));
  const body: Json = { ...schema, properties, ...(required.length ? { required } : {}) };
  if (!required.length) delete body.required;
  const example = op.example ? Object.fromEntries(Object.entries(op.example).filter(([key]) => !op.pathParams.includes(key))) : undefined;
  return { required: required.length > 0, content: { 'application/json': { schema: body, ...(example ? { example } : {}) } } };
}

function successOf(op: Operation): Json {
  if (op.produces === 'websocket') return { description: 'Switching Protocols: the WebSocket is open.' };
  if (op.produces === 'text/html') return { description: 'An HTML page.', content: { 'text/html': { schema: { type: 'string' } } } };
  if (op.produces === 'text/plain') return { description: 'Plain text.', content: { 'text/plain': { schema: { type: 'string' } } } };
  if (op.produces === 'text/calendar') return { description: 'An iCalendar file.', content: { 'text/calendar': { schema: { type: 'string' } } } };
  const schema = op.output ? jsonSchemaOf(op.output) : { type: 'object' };
  return { description: op.status === 201 ? 'Created.' : op.status === 202 ? 'Accepted.' : 'OK.', content: { 'application/json': { schema } } };
}

const SECURITY: Record<Operation['auth'], Record<string, string[]>[]> = {
  none: [],
  // An anonymous caller may use it; a token (if sent) decides what it shows, e.g. staff see KB drafts.
  optional: [{}, { bearerAuth: [] }],
  bearer: [{ bearerAuth: [] }],
  // WebSockets: the token is a subprotocol entry (the Sec-WebSocket-Protocol parameter), not a header.
  subprotocol: [],
};

function operationOf(op: Operation): OpenApiOperation {
  const schema = inputJson(op);
  const requestBody = requestBodyOf(op, schema);
  const responses: Record<string, Json> = { [String(op.status)]: successOf(op) };
  // The OAuth front door answers errors as RFC 6749 does, not with the API's error body.
  if (!op.outsideApp) for (const status of errorStatuses(op)) responses[String(status)] = { $ref: `#/components/responses/${ERROR_RESPONSES[status]}` };
  responses.default = { $ref: op.outsideApp ? '#/components/responses/OAuthError' : '#/components/responses/Error' };
  const roles = op.roles ? `\n\nRoles: ${op.roles.join(', ')}.` : '';
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: `${op.description}${roles}`,
    tags: [op.tag],
    security: SECURITY[op.auth],
    ...(op.roles ? { 'x-roles': op.roles } : {}),
    parameters: parametersOf(op, schema),
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}

/** `/bookings/:booking_number` → `/bookings/{booking_number}`. */
export const openApiPath = (honoPath: string) => honoPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');

function components(): OpenApiDocument['components'] {
  const errorRef = { $ref: '#/components/schemas/Error' };
  const responses: Record<string, Json> = {
    Error: { description: 'Any other failure (500 internal is opaque: no stack reaches a client; 503 unavailable).', content: { 'application/json': { schema: errorRef } } },
    OAuthError: {
      description: 'An OAuth error (RFC 6749 §5.2), from the authorization server.',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/OAuthError' }, example: { error: 'invalid_request', error_description: 'Content-Type must be application/x-www-form-urlencoded' } } },
    },
  };
  for (const [status, name] of Object.entries(ERROR_RESPONSES)) {
    const example = ERROR_EXAMPLES[Number(status) as keyof typeof ERROR_RESPONSES];
    responses[name] = {
      description: `${example.code} (${status})`,
      content: { 'application/json': { schema: errorRef, example: { error: example, request_id: '2f7c0d0e-5a4b-4c1d-9e8f-7a6b5c4d3e2f' } } },
    };
  }
  return {
    schemas: { Error: jsonSchemaOf(errorBodySchema), OAuthError: jsonSchemaOf(oauthErrorSchema) },
    responses,
    securitySchemes: {
      bearerAuth: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'A JWT (HS256 with JWT_SECRET, or an identity provider\'s via JWT_JWKS_URL) with sub, role (customer, staff, admin), iat and exp. ' +
          'Chat sessions answer a customer token; /mcp also takes OAuth access tokens. Never in a query string.',
      },
    },
  };
}

/** Builds the document for `tools` (the registry's catalog in production). */
export function buildOpenApiDocument(tools: readonly AnyTool[]): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const op of apiOperations(tools)) {
    const path = openApiPath(op.path);
    (paths[path] ??= {})[op.method.toLowerCase()] = operationOf(op);
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'Switchboard API',
      version: '1.0.0',
      summary: 'An AI front desk for service businesses: bookings, knowledge, tickets, chat, voice and MCP.',
      description:
        'Every REST route under /api/v1 runs one tool of the registry that chat, voice and MCP also use, with the same validation, ' +
        'permissions and audit. Errors have one shape (components.schemas.Error). Rendered at /docs.',
    },
    servers: [{ url: '/' }],
    tags: TAGS,
    paths,
    components: components(),
  };
}

let cached: { tools: readonly AnyTool[]; document: OpenApiDocument } | undefined;

/** The document, built once per isolate for the same tool list. */
export function openApiDocument(tools: readonly AnyTool[]): OpenApiDocument {
  if (cached?.tools !== tools) cached = { tools, document: buildOpenApiDocument(tools) };
  return cached.document;
}
