/**
 * The API's operations as the OpenAPI document describes them, in one shape: the registry's REST
 * routes (`REST_ROUTES` + each tool's zod input and output, so a new table line is documented with no
 * other edit) and the routes that are not tools (chat sessions, voice, config, health, MCP and its
 * OAuth entry points), whose bodies are the schemas their handlers validate with (protocol/api.ts).
 * test/openapi.test.ts walks the Hono app's routes against this list, both ways.
 */
import { z } from 'zod';
import { askAnswerSchema, askInputSchema } from '../../agent/ask/answer';
import { suggestionSchema } from '../../agent/suggest';
import { MCP_PATH, RESOURCE_METADATA_PATH } from '../../mcp/paths';
import { AS_METADATA_PATH, AUTHORIZE_PATH, REGISTER_PATH, TOKEN_PATH } from '../../oauth/provider';
import {
  csatAnswerSchema,
  csatBodySchema,
  healthSchema,
  messageBodySchema,
  modeChangeSchema,
  newSessionBodySchema,
  newSessionSchema,
  publicConfigSchema,
  resolveAnswerSchema,
  sessionInfoSchema,
  sessionTranscriptSchema,
  staffMessageAnswerSchema,
  textMessageBodySchema,
  turnReplySchema,
  userChatBodySchema,
} from '../../protocol/api';
import { CHAT_SUBPROTOCOL } from '../../protocol/chat';
import { VOICE_SUBPROTOCOL } from '../../protocol/voice';
import type { AnyTool } from '../../tools/registry';
import { CONTACT_QUERY_FIELDS, REST_ROUTES } from '../rest';

/** Who may call an operation: no token, a token if the caller has one, or a bearer token (roles said in `roles`). */
export type OperationAuth = 'none' | 'optional' | 'bearer' | 'subprotocol';

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The Hono path (`:param`); the document writes it as `{param}`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description: string;
  auth: OperationAuth;
  /** The roles that may call it, for the reader (the domain enforces them). */
  roles?: readonly string[];
  /** Query parameters (GET/DELETE) or the JSON body (POST/PUT/PATCH), path params excluded, as zod. */
  input?: z.ZodType;
  /** The tool behind a REST route: its input schema is `input`, and its JSON Schema is the registry's. */
  tool?: AnyTool;
  /** Input fields that are path segments (from `:param`). */
  pathParams: string[];
  /** An input the route accepts, path params included. */
  example?: Record<string, unknown>;
  status: number;
  /** The success body; undefined for a WebSocket upgrade or a non-JSON answer. */
  output?: z.ZodType;
  /** Media type of a non-JSON success (text/html), or 'websocket' for an upgrade. */
  produces?: 'text/html' | 'text/plain' | 'text/calendar' | 'websocket' | 'application/json';
  /** Served outside the Hono app (the OAuth front door in worker/oauth/index.ts). */
  outsideApp?: boolean;
  /** Request headers a client must send (WebSocket subprotocols, MCP's Accept). */
  headers?: { name: string; description: string; example: string }[];
}

const pathParamsOf = (path: string) => [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
const API = '/api/v1';

/** A stable, unique id for every route of a tool: the tool's name, then `_2`, `_3`… for its further routes. */
function toolOperations(tools: readonly AnyTool[]): Operation[] {
  const byName = new Map(tools.map((t) => [t.name, t]));
  const seen = new Map<string, number>();
  // A path segment a tool's own example leaves out (list_tasks under /projects/:project_id) takes another tool's value for the same field.
  const fieldExamples = new Map<string, unknown>();
  for (const t of tools) for (const [k, v] of Object.entries(t.example as Record<string, unknown>)) if (!fieldExamples.has(k)) fieldExamples.set(k, v);
  return REST_ROUTES.map((route) => {
    const tool = byName.get(route.tool);
    if (!tool) throw new Error(`REST route ${route.method} ${route.path} names unknown tool ${route.tool}`);
    const n = (seen.get(tool.name) ?? 0) + 1;
    seen.set(tool.name, n);
    return {
      method: route.method,
      path: `${API}${route.path}`,
      operationId: n === 1 ? tool.name : `${tool.name}_${n}`,
      tag: tool.category,
      summary: tool.title,
      description: [tool.description, tool.staffDescription ? `Staff and admins: ${tool.staffDescription}` : '', `MCP and chat tool: \`${tool.name}\`.`]
        .filter(Boolean)
        .join('\n\n'),
      auth: tool.access === 'anyone' ? 'optional' : 'bearer',
      ...(tool.access === 'anyone' ? {} : { roles: tool.access }),
      tool,
      pathParams: pathParamsOf(route.path),
      example: {
        ...Object.fromEntries(pathParamsOf(route.path).filter((p) => fieldExamples.has(p)).map((p) => [p, fieldExamples.get(p)])),
        ...(tool.example as Record<string, unknown>),
      },
      status: route.status ?? 200,
      ...(tool.output ? { output: tool.output as z.ZodType } : {}),
    } satisfies Operation;
  });
}

/** Fields a GET/DELETE route refuses in its query string (rest.ts): never documented as query parameters. */
export const REFUSED_QUERY_FIELDS: readonly string[] = CONTACT_QUERY_FIELDS;

const SESSION = `${API}/chat/session/:id`;
const STAFF = ['staff', 'admin'] as const;
const EXAMPLE_SESSION = '6f1c2a4e-8b3d-4c5e-9f70-1a2b3c4d5e6f';

const compatTurnSchema = z.object({
  conversation_id: z.string(),
  response: z.string(),
  tool_calls: z.array(z.object({ id: z.string(), name: z.string(), ok: z.boolean() })),
});
const compatReplySchema = z.object({
  message: z.string(),
  sources: z.array(z.object({ id: z.int(), title: z.string() })),
  requires_escalation: z.boolean(),
});
const resourceMetadataSchema = z.object({
  resource: z.string(),
  authorization_servers: z.array(z.string()),
  bearer_methods_supported: z.array(z.string()),
  resource_name: z.string(),
});
const jsonRpcSchema = z
  .object({ jsonrpc: z.literal('2.0'), id: z.union([z.string(), z.number(), z.null()]).optional(), method: z.string().optional() })
  .loose()
  .describe('A JSON-RPC 2.0 message of the MCP Streamable HTTP transport.');

const socketHeader = (subprotocol: string) => ({
  name: 'Sec-WebSocket-Protocol',
  description: `"${subprotocol}, bearer.<jwt>": browsers cannot set headers on a WebSocket, so the token rides here, never in the URL.`,
  example: `${subprotocol}, bearer.<jwt>`,
});

/** The routes that are not registry tools. */
const OTHER_OPERATIONS: Operation[] = [
  {
    method: 'GET', path: `${API}/bookings/:booking_number/ics`, operationId: 'booking_calendar_file', tag: 'bookings', summary: "A booking's calendar file (.ics)",
    description: 'RFC 5545 VEVENT with a stable UID; SEQUENCE rises with each reschedule, and a cancelled booking is STATUS:CANCELLED. For the booking\'s customer, staff, or the bearer of its manage link (docs/API.md).',
    auth: 'bearer', roles: ['customer', 'staff', 'admin', 'manage link'], pathParams: ['booking_number'], example: { booking_number: 'BK-2030-000001' }, status: 200, produces: 'text/calendar',
  },
  {
    method: 'GET', path: '/metrics', operationId: 'metrics', tag: 'deployment', summary: 'Prometheus metrics',
    description: 'switchboard_ counters and histograms in the Prometheus text format 0.0.4 (docs/API.md lists them). A staff or admin token, or the METRICS_TOKEN secret, as a Bearer.',
    auth: 'bearer', roles: ['staff', 'admin'], pathParams: [], status: 200, produces: 'text/plain',
  },
  { method: 'GET', path: '/health', operationId: 'health', tag: 'deployment', summary: 'Health check', description: 'Liveness: answers while the Worker runs.', auth: 'none', pathParams: [], status: 200, output: healthSchema },
  {
    method: 'GET', path: `${API}/config`, operationId: 'get_config', tag: 'deployment', summary: 'Deployment configuration',
    description: 'What the widget and the console need before a session exists: the business name, its time zone, whether voice calls work here and whether the offline model answers. Public, cacheable for a minute.',
    auth: 'none', pathParams: [], status: 200, output: publicConfigSchema,
  },
  {
    method: 'GET', path: `${API}/openapi.json`, operationId: 'get_openapi', tag: 'deployment', summary: 'This OpenAPI document',
    description: 'The OpenAPI 3.1 document of this API, generated from the REST route table and the zod schemas.', auth: 'none', pathParams: [], status: 200, produces: 'application/json',
  },
  { method: 'GET', path: '/docs', operationId: 'get_docs', tag: 'deployment', summary: 'API reference (HTML)', description: 'This document rendered as a page, served by the Worker (no CDN).', auth: 'none', pathParams: [], status: 200, produces: 'text/html' },
  {
    method: 'POST', path: `${API}/chat/session/new`, operationId: 'create_chat_session', tag: 'chat', summary: 'Start a chat session',
    description: 'Opens a conversation (an INT-YYYY-NNNNN interaction) and answers a customer token scoped to it, valid 24 hours. A signed-in customer owns it; an anonymous visitor gets a fresh subject. Limited per address (429).',
    auth: 'optional', pathParams: [], input: newSessionBodySchema, example: { customer_name: 'Ann Customer', customer_email: 'ann@example.com', referrer_url: 'https://brightside.example/pricing' },
    status: 201, output: newSessionSchema,
  },
  {
    method: 'POST', path: `${API}/chat/message`, operationId: 'send_chat_message', tag: 'chat', summary: 'Send a message',
    description: 'Sends a customer message to the session and answers the turn: as one JSON object, or as Server-Sent Events (each event with its id) with `Accept: text/event-stream`. Staff tokens are refused (403): staff speak through takeover. A repeated client_id is a 409.',
    auth: 'bearer', roles: ['customer'], pathParams: [], input: messageBodySchema, example: { session_id: EXAMPLE_SESSION, message: 'Do you clean drains?', client_id: 'c-1' },
    status: 200, output: turnReplySchema,
  },
  {
    method: 'GET', path: SESSION, operationId: 'get_chat_session', tag: 'chat', summary: 'Read a session and its transcript',
    description: 'The session, who answers it (mode, agent), its messages, its insights once resolved, and last_event_id, the cursor a socket resumes after. Its customer, or staff.',
    auth: 'bearer', roles: ['customer', 'staff', 'admin'], pathParams: ['id'], example: { id: EXAMPLE_SESSION }, status: 200, output: sessionTranscriptSchema,
  },
  {
    method: 'POST', path: `${SESSION}/end`, operationId: 'end_chat_session', tag: 'chat', summary: 'End a session',
    description: 'Marks the conversation resolved by its customer (or staff).', auth: 'bearer', roles: ['customer', 'staff', 'admin'], pathParams: ['id'], example: { id: EXAMPLE_SESSION }, status: 200, output: sessionInfoSchema,
  },
  {
    method: 'POST', path: `${SESSION}/csat`, operationId: 'rate_chat_session', tag: 'chat', summary: 'Rate a conversation (CSAT)',
    description: "The session's customer rates a resolved or ended conversation 1 to 5, once per resolution (409 before it is resolved or when already rated).",
    auth: 'bearer', roles: ['customer'], pathParams: ['id'], input: csatBodySchema, example: { id: EXAMPLE_SESSION, score: 5, comment: 'Quick and clear.' }, status: 200, output: csatAnswerSchema,
  },
  {
    method: 'POST', path: `${SESSION}/takeover`, operationId: 'take_over_chat_session', tag: 'staff', summary: 'Take a conversation over',
    description: 'A person answers from now on; customer messages are stored and wait for them (no AI turn). Ends live voice calls.', auth: 'bearer', roles: STAFF, pathParams: ['id'], example: { id: EXAMPLE_SESSION }, status: 200, output: modeChangeSchema,
  },
  {
    method: 'POST', path: `${SESSION}/handback`, operationId: 'hand_back_chat_session', tag: 'staff', summary: 'Hand a conversation back to the AI',
    description: 'The AI answers again, with the staff messages as context.', auth: 'bearer', roles: STAFF, pathParams: ['id'], example: { id: EXAMPLE_SESSION }, status: 200, output: modeChangeSchema,
  },
  {
    method: 'POST', path: `${SESSION}/staff-message`, operationId: 'send_staff_message', tag: 'staff', summary: 'Write to the customer as staff',
    description: 'A message from the staff member, stored with role staff and sent to every socket of the session.', auth: 'bearer', roles: STAFF, pathParams: ['id'],
    input: textMessageBodySchema, example: { id: EXAMPLE_SESSION, message: 'Hi, this is Alice from the front desk.' }, status: 200, output: staffMessageAnswerSchema,
  },
  {
    method: 'POST', path: `${SESSION}/resolve`, operationId: 'resolve_chat_session', tag: 'staff', summary: 'Resolve a conversation',
    description: 'Sets the status resolved, gives the conversation back to the AI and computes its insights (summary, sentiment, intent, category, outcome).', auth: 'bearer', roles: STAFF, pathParams: ['id'], example: { id: EXAMPLE_SESSION }, status: 200, output: resolveAnswerSchema,
  },
  {
    method: 'POST', path: `${SESSION}/suggest`, operationId: 'suggest_staff_reply', tag: 'staff', summary: 'Suggest a reply',
    description: "A draft reply to the customer's last message for staff to edit and send (staff-message); nothing is sent. The configured model drafts from the transcript and the matching knowledge-base articles; offline, or when the model fails, the relevant sentences of the best-matching article, or no draft (note says why) when nothing matches.",
    auth: 'bearer', roles: STAFF, pathParams: ['id'], example: { id: EXAMPLE_SESSION }, status: 200, output: suggestionSchema,
  },
  {
    method: 'POST', path: `${API}/analytics/ask`, operationId: 'ask_the_data', tag: 'staff', summary: 'Ask the data',
    description: 'A question about the business in plain language, answered through the read-only figures tools (never SQL), with every call and its result as the figures used. Offline, the question shapes of docs/CONSOLE.md.',
    auth: 'bearer', roles: STAFF, pathParams: [], input: askInputSchema, example: { question: 'How many plumbing bookings last week?' }, status: 200, output: askAnswerSchema,
  },
  {
    method: 'GET', path: `${SESSION}/ws`, operationId: 'open_chat_socket', tag: 'chat', summary: 'Session WebSocket',
    description: 'A WebSocket of session events (the wire protocol of worker/protocol/chat.ts), replaying events after last_event_id. Closed 4001 token_expired when the token expires. Not an upgrade: 426.',
    auth: 'subprotocol', roles: ['customer', 'staff', 'admin'], pathParams: ['id'], input: z.object({ last_event_id: z.string().regex(/^\d+$/).optional().describe('Replay events after this id.') }),
    example: { id: EXAMPLE_SESSION, last_event_id: '0' }, status: 101, produces: 'websocket', headers: [socketHeader(CHAT_SUBPROTOCOL)],
  },
  {
    method: 'GET', path: `${API}/chat/voice/call`, operationId: 'open_voice_call', tag: 'voice', summary: 'Voice call WebSocket',
    description: 'A voice call (PCM16 mono 24 kHz) on an existing chat session: one interaction, one transcript (docs/VOICE.md). 503 when voice is not configured here; staff tokens 403.',
    auth: 'subprotocol', roles: ['customer'], pathParams: [], input: z.object({ session_id: z.string().describe('The chat session to call on.') }),
    example: { session_id: EXAMPLE_SESSION }, status: 101, produces: 'websocket', headers: [socketHeader(VOICE_SUBPROTOCOL)],
  },
  {
    method: 'POST', path: '/api/:user_id/chat', operationId: 'compat_user_chat', tag: 'compatibility', summary: 'Chat as a signed-in user (compatibility)',
    description: 'One message in, one reply out; omit conversation_id to start one. user_id must be the token subject (403 otherwise).', auth: 'bearer', roles: ['customer'], pathParams: ['user_id'],
    input: userChatBodySchema, example: { user_id: 'cust-a', message: 'What are your hours?' }, status: 200, output: compatTurnSchema,
  },
  {
    method: 'POST', path: '/chat/sessions', operationId: 'compat_create_session', tag: 'compatibility', summary: 'Start a chat session (compatibility)',
    description: 'The same as POST /api/v1/chat/session/new.', auth: 'optional', pathParams: [], input: newSessionBodySchema, example: { customer_name: 'Ann Customer' }, status: 201, output: newSessionSchema,
  },
  {
    method: 'POST', path: '/chat/sessions/:id/messages', operationId: 'compat_send_message', tag: 'compatibility', summary: 'Send a message (compatibility)',
    description: 'A message to the session; the reply with its sources and whether a person was asked for.', auth: 'bearer', roles: ['customer'], pathParams: ['id'],
    input: textMessageBodySchema, example: { id: EXAMPLE_SESSION, message: 'Do you clean drains?' }, status: 200, output: compatReplySchema,
  },
  {
    method: 'POST', path: MCP_PATH, operationId: 'mcp', tag: 'mcp', summary: 'MCP server (Streamable HTTP)',
    description: 'The same tools for outside AI clients, filtered by the token\'s role (docs/MCP.md). Takes our JWTs and OAuth access tokens; without one a 401 whose WWW-Authenticate names the protected-resource metadata.',
    auth: 'bearer', roles: ['customer', 'staff', 'admin'], pathParams: [], input: jsonRpcSchema,
    example: { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'docs-example', version: '1.0.0' } } },
    status: 200, output: jsonRpcSchema, headers: [{ name: 'Accept', description: 'Both media types of the transport.', example: 'application/json, text/event-stream' }],
  },
  {
    method: 'GET', path: RESOURCE_METADATA_PATH, operationId: 'oauth_protected_resource', tag: 'mcp', summary: 'Protected resource metadata (RFC 9728)',
    description: 'Where MCP clients find the authorization server for /mcp.', auth: 'none', pathParams: [], status: 200, output: resourceMetadataSchema,
  },
  {
    method: 'GET', path: `${RESOURCE_METADATA_PATH}${MCP_PATH}`, operationId: 'oauth_protected_resource_mcp', tag: 'mcp', summary: 'Protected resource metadata for /mcp',
    description: 'The path-suffixed form (RFC 9728 §3.1) clients also probe.', auth: 'none', pathParams: [], status: 200, output: resourceMetadataSchema,
  },
  {
    method: 'GET', path: AS_METADATA_PATH, operationId: 'oauth_authorization_server', tag: 'mcp', summary: 'Authorization server metadata (RFC 8414)',
    description: 'OAuth 2.1 for MCP connectors (https or loopback origins only; elsewhere 404).', auth: 'none', pathParams: [], status: 200, produces: 'application/json', outsideApp: true,
  },
  {
    method: 'POST', path: REGISTER_PATH, operationId: 'oauth_register', tag: 'mcp', summary: 'Dynamic client registration (RFC 7591)',
    description: 'Registers an MCP connector; 10 a minute per address, bodies up to 16 KB.', auth: 'none', pathParams: [], status: 201, produces: 'application/json', outsideApp: true,
    input: z.object({ redirect_uris: z.array(z.url()), client_name: z.string().optional() }).loose(), example: { redirect_uris: ['http://127.0.0.1:6274/callback'], client_name: 'Docs example' },
  },
  {
    method: 'POST', path: TOKEN_PATH, operationId: 'oauth_token', tag: 'mcp', summary: 'Token endpoint',
    description: 'Authorization code (PKCE S256) and refresh token grants, form-encoded.', auth: 'none', pathParams: [], status: 200, produces: 'application/json', outsideApp: true,
  },
  {
    method: 'GET', path: AUTHORIZE_PATH, operationId: 'oauth_authorize', tag: 'mcp', summary: 'Authorization (consent page)',
    description: 'The consent page an MCP connector sends its user to (HTML).', auth: 'none', pathParams: [], status: 200, produces: 'text/html', outsideApp: true,
  },
];

/** Every operation of the API: the registry's REST routes, then the rest. */
export function apiOperations(tools: readonly AnyTool[]): Operation[] {
  return [...toolOperations(tools), ...OTHER_OPERATIONS];
}
