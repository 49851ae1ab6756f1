/**
 * The single source of the D1 schema. `npm run db:generate` (drizzle-kit) writes
 * the SQL into migrations/, and wrangler applies it. The FTS5 index of the
 * knowledge base lives in a custom migration (drizzle-kit cannot express virtual
 * tables or triggers); see migrations/0001_kb_fts.sql.
 *
 * Conventions: times are UTC epoch milliseconds (`*_at`); local dates are
 * `YYYY-MM-DD` text in the business time zone; money is integer cents.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { SESSION_STATUSES } from '../protocol/chat';

const createdAt = () =>
  integer('created_at')
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);
const updatedAt = () =>
  integer('updated_at')
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

/** Named monotonic counters; `allocate(name)` is one UPSERT … RETURNING. */
export const counters = sqliteTable('counters', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});

/**
 * A person the business serves. `subject` is the verified token subject of a
 * customer principal (null for customers that staff entered by phone).
 */
export const customers = sqliteTable(
  'customers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subject: text('subject'),
    name: text('name').notNull(),
    email: text('email'),
    /** As typed. */
    phone: text('phone'),
    /** `phone` in E.164 (+13125550142, `DEFAULT_PHONE_REGION` for national numbers): what matching compares. */
    phoneE164: text('phone_e164'),
    address: text('address'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('customers_subject_uq').on(t.subject),
    index('customers_email_idx').on(t.email),
    index('customers_phone_e164_idx').on(t.phoneE164),
  ],
);

export const services = sqliteTable(
  'services',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    description: text('description').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    priceCents: integer('price_cents').notNull(),
    /** Travel time kept free after each job, in minutes; null: `BOOKING_BUFFER_MINUTES` (30). */
    bufferMinutes: integer('buffer_minutes'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('services_slug_uq').on(t.slug), index('services_category_idx').on(t.category)],
);

export const employees = sqliteTable(
  'employees',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    /** The service category this person works in (HVAC, Plumbing, …). */
    department: text('department').notNull(),
    /** JSON array of service slugs this person is qualified for. */
    skills: text('skills', { mode: 'json' }).$type<string[]>().notNull(),
    /** Most jobs this person takes on one local day; null: `BOOKING_MAX_JOBS_PER_DAY`. */
    maxJobsPerDay: integer('max_jobs_per_day'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('employees_email_uq').on(t.email), index('employees_department_idx').on(t.department)],
);

/** Weekly working hours, in minutes after local midnight (weekday 0 = Sunday). */
export const schedules = sqliteTable(
  'schedules',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    weekday: integer('weekday').notNull(),
    startMinute: integer('start_minute').notNull(),
    endMinute: integer('end_minute').notNull(),
  },
  (t) => [index('schedules_employee_weekday_idx').on(t.employeeId, t.weekday)],
);

/** An absence as a UTC interval [startsAt, endsAt). */
export const timeOff = sqliteTable(
  'time_off',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    reason: text('reason'),
  },
  (t) => [index('time_off_employee_idx').on(t.employeeId, t.startsAt)],
);

/**
 * The business's weekly opening hours, in minutes after local midnight in `BUSINESS_TIMEZONE`
 * (weekday 0 = Sunday). A weekday without a row is closed; two rows make a split day.
 */
export const openingHours = sqliteTable(
  'opening_hours',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    weekday: integer('weekday').notNull(),
    opensMinute: integer('opens_minute').notNull(),
    closesMinute: integer('closes_minute').notNull(),
  },
  (t) => [index('opening_hours_weekday_idx').on(t.weekday)],
);

export const HOLIDAY_RULES = ['fixed', 'nth_weekday', 'last_weekday'] as const;
export type HolidayRule = (typeof HOLIDAY_RULES)[number];

/**
 * Recurring closed days, computed per year from a rule (worker/domain/holidays.ts):
 * `fixed` (month/day), `nth_weekday` (the nth `weekday` of the month: Thanksgiving is
 * the 4th Thursday of November) or `last_weekday` (Memorial Day: the last Monday of May).
 * With `observed`, a fixed date on a Saturday also closes the Friday before and one on a
 * Sunday the Monday after.
 */
export const holidays = sqliteTable(
  'holidays',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    rule: text('rule', { enum: HOLIDAY_RULES }).notNull(),
    month: integer('month').notNull(),
    /** Day of the month (`fixed`). */
    day: integer('day'),
    /** 0 = Sunday … 6 = Saturday (`nth_weekday`, `last_weekday`). */
    weekday: integer('weekday'),
    /** 1–5 (`nth_weekday`). */
    nth: integer('nth'),
    observed: integer('observed', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('holidays_slug_uq').on(t.slug)],
);

/**
 * One-off closures of a local date: the whole day (no minutes) or [start_minute, end_minute),
 * e.g. a staff day or closing at noon on Christmas Eve.
 */
export const closures = sqliteTable(
  'closures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    date: text('date').notNull(),
    startMinute: integer('start_minute'),
    endMinute: integer('end_minute'),
    reason: text('reason').notNull(),
  },
  (t) => [index('closures_date_idx').on(t.date)],
);

/**
 * A booking's lifecycle (docs/ARCHITECTURE.md, "Booking lifecycle"): `confirmed` when it is made (the slot
 * was free and every rule passed, so its cells hold the time), then `completed` (staff, after the job) or
 * `cancelled` (before it starts). There is no pending step: nobody confirms a booking after it is made.
 */
export const BOOKING_STATUSES = ['confirmed', 'completed', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const bookings = sqliteTable(
  'bookings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    number: text('number').notNull(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id),
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id),
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    // The SQL default is still the old 'pending': SQLite changes a default only by rebuilding the table, and D1
    // refuses to drop a table that booking_slots, booking_codes and booking_grants reference (tried: FOREIGN KEY
    // constraint failed, even with defer_foreign_keys). No statement relies on it: the one INSERT names the status.
    status: text('status', { enum: BOOKING_STATUSES }).notNull().default(sql`'pending'`),
    address: text('address').notNull(),
    notes: text('notes'),
    priceCents: integer('price_cents').notNull(),
    interactionId: integer('interaction_id').references(() => interactions.id),
    createdBy: text('created_by').notNull(),
    /**
     * The contact details typed for this booking, as typed: data on the booking, never a key to
     * anyone's records (null on rows older than these columns: the customer row's then apply).
     */
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    /** `contact_phone` in E.164 (+13125550142); what limits count by, look-ups compare and views return. */
    phoneE164: text('phone_e164'),
    /** The chat session (`sid` of the customer token) it was booked in, if any; for per-session limits. */
    sessionId: text('session_id'),
    /** The calendar file's SEQUENCE (RFC 5545): 0 when booked, +1 on every reschedule and on the cancel. */
    sequence: integer('sequence').notNull().default(0),
    /**
     * Which manage links work (worker/auth/manage-token.ts): a link carries the epoch it was minted in, and the
     * cancel adds 1, so every link of a cancelled booking stops working. A reschedule keeps it.
     */
    manageEpoch: integer('manage_epoch').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('bookings_number_uq').on(t.number),
    // An employee's start time can hold one active booking.
    uniqueIndex('bookings_active_slot_uq')
      .on(t.employeeId, t.startsAt)
      .where(sql`status = 'confirmed'`),
    index('bookings_customer_idx').on(t.customerId),
    index('bookings_service_idx').on(t.serviceId),
    index('bookings_employee_starts_idx').on(t.employeeId, t.startsAt),
    index('bookings_starts_idx').on(t.startsAt),
    index('bookings_interaction_idx').on(t.interactionId),
    index('bookings_status_idx').on(t.status),
    // Write limits count by creator, by session and by phone (worker/domain/write-limits.ts).
    index('bookings_created_by_idx').on(t.createdBy, t.createdAt),
    index('bookings_session_idx').on(t.sessionId, t.createdAt),
    index('bookings_phone_e164_idx').on(t.phoneE164, t.startsAt),
  ],
);

/**
 * The slot-grid cells an active booking occupies. The primary key makes
 * overlapping bookings of one employee impossible, whatever their lengths:
 * a booking and its cells are written in one D1 batch (one transaction).
 */
export const bookingSlots = sqliteTable(
  'booking_slots',
  {
    employeeId: integer('employee_id')
      .notNull()
      .references(() => employees.id),
    slotStart: integer('slot_start').notNull(),
    bookingId: integer('booking_id')
      .notNull()
      .references(() => bookings.id),
  },
  (t) => [primaryKey({ columns: [t.employeeId, t.slotStart] }), index('booking_slots_booking_idx').on(t.bookingId)],
);

/** The statuses of a conversation, defined once with the wire protocol. */
export const INTERACTION_STATUSES = SESSION_STATUSES;

/** One chat or voice session. */
export const interactions = sqliteTable(
  'interactions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    number: text('number').notNull(),
    sessionId: text('session_id').notNull(),
    channel: text('channel', { enum: ['chat', 'voice', 'mcp'] }).notNull(),
    customerId: integer('customer_id').references(() => customers.id),
    customerName: text('customer_name'),
    customerEmail: text('customer_email'),
    referrerUrl: text('referrer_url'),
    status: text('status', { enum: INTERACTION_STATUSES }).notNull().default('open'),
    promptTokens: integer('prompt_tokens').notNull().default(0),
    completionTokens: integer('completion_tokens').notNull().default(0),
    /** Model cost in US cents (fractional: a turn often costs a fraction of a cent). */
    costCents: real('cost_cents').notNull().default(0),
    durationMs: integer('duration_ms').notNull().default(0),
    /** Conversation insights (worker/agent/offline/analyse.ts), written when staff resolve it. */
    summary: text('summary'),
    /** −1 … 1. */
    sentiment: real('sentiment'),
    sentimentLabel: text('sentiment_label', { enum: ['negative', 'neutral', 'positive'] }),
    intent: text('intent'),
    category: text('category'),
    outcome: text('outcome', { enum: ['booked', 'answered', 'escalated', 'abandoned'] }),
    resolvedAt: integer('resolved_at'),
    /** The customer's rating (1–5) and comment for the latest resolution. */
    csatScore: integer('csat_score'),
    csatComment: text('csat_comment'),
    csatAt: integer('csat_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('interactions_number_uq').on(t.number),
    uniqueIndex('interactions_session_uq').on(t.sessionId),
    index('interactions_customer_idx').on(t.customerId),
    index('interactions_status_idx').on(t.status, t.updatedAt),
    // Analytics read interactions by the day they began.
    index('interactions_created_idx').on(t.createdAt, t.channel),
  ],
);

/** One item of a conversation (user, assistant, tool call, tool result). */
export const messages = sqliteTable(
  'messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    interactionId: integer('interaction_id')
      .notNull()
      .references(() => interactions.id),
    /** Position within the session, assigned by the session's Durable Object. */
    seq: integer('seq').notNull(),
    role: text('role', { enum: ['user', 'assistant', 'tool', 'system', 'staff'] }).notNull(),
    content: text('content').notNull(),
    toolCallId: text('tool_call_id'),
    toolName: text('tool_name'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('messages_interaction_seq_uq').on(t.interactionId, t.seq)],
);

export const PROJECT_STAGES = ['planning', 'active', 'on_hold', 'done'] as const;

export const projects = sqliteTable(
  'projects',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    description: text('description'),
    stage: text('stage', { enum: PROJECT_STAGES }).notNull().default('planning'),
    ownerSubject: text('owner_subject').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('projects_owner_idx').on(t.ownerSubject), index('projects_stage_idx').on(t.stage)],
);

export const TASK_STATUSES = ['todo', 'in_progress', 'done'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/** A to-do item owned by one principal (`ownerSubject`). */
export const tasks = sqliteTable(
  'tasks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ownerSubject: text('owner_subject').notNull(),
    projectId: integer('project_id').references(() => projects.id),
    title: text('title').notNull(),
    notes: text('notes'),
    status: text('status', { enum: TASK_STATUSES }).notNull().default('todo'),
    priority: text('priority', { enum: PRIORITIES }).notNull().default('normal'),
    dueDate: text('due_date'),
    completedAt: integer('completed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('tasks_owner_status_idx').on(t.ownerSubject, t.status),
    index('tasks_project_idx').on(t.projectId),
  ],
);

export const TICKET_STATUSES = ['open', 'pending', 'resolved', 'closed'] as const;

export const tickets = sqliteTable(
  'tickets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    number: text('number').notNull(),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    priority: text('priority', { enum: PRIORITIES }).notNull().default('normal'),
    status: text('status', { enum: TICKET_STATUSES }).notNull().default('open'),
    customerId: integer('customer_id').references(() => customers.id),
    /** Token subject of whoever opened it; a customer sees only their own. */
    openedBy: text('opened_by').notNull(),
    /** `staff_members.id` of whoever works it: picked round-robin on open (NEXT_ASSIGNEE_SQL, worker/domain/staff.ts) or by staff. */
    assignee: text('assignee'),
    /** When staff first worked it (a note or a status change); a staff message in its conversation counts too (read time). */
    firstResponseAt: integer('first_response_at'),
    /** When it last became resolved or closed; cleared when it is reopened. */
    resolvedAt: integer('resolved_at'),
    interactionId: integer('interaction_id').references(() => interactions.id),
    /** The chat session (`sid` of the customer token) it was opened in, if any; for per-session limits. */
    sessionId: text('session_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('tickets_number_uq').on(t.number),
    index('tickets_customer_idx').on(t.customerId),
    index('tickets_opened_by_idx').on(t.openedBy),
    index('tickets_status_idx').on(t.status),
    index('tickets_assignee_idx').on(t.assignee),
    index('tickets_created_idx').on(t.createdAt),
    index('tickets_interaction_idx').on(t.interactionId),
    index('tickets_opened_by_created_idx').on(t.openedBy, t.createdAt),
    index('tickets_session_idx').on(t.sessionId, t.createdAt),
  ],
);

/**
 * The support team: one row per staff token subject (`id`), with whether they take new tickets now.
 * Seeded; a staff member who sets their availability is added with the name on their token.
 */
export const staffMembers = sqliteTable(
  'staff_members',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    available: integer('available', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('staff_members_available_idx').on(t.available)],
);

/** Internal notes on a ticket: staff only, never shown to customers. */
export const ticketNotes = sqliteTable(
  'ticket_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ticketId: integer('ticket_id')
      .notNull()
      .references(() => tickets.id),
    author: text('author').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('ticket_notes_ticket_idx').on(t.ticketId)],
);

/**
 * Failed "find my booking" attempts (booking number + a detail that did not match), kept an hour:
 * what the look-up's rate limit counts, per caller, per session, per booking number and per detail.
 * The detail is stored only as a SHA-256 digest.
 */
export const bookingLookupFailures = sqliteTable(
  'booking_lookup_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    subject: text('subject').notNull(),
    sessionId: text('session_id'),
    bookingNumber: text('booking_number').notNull(),
    detailDigest: text('detail_digest').notNull(),
  },
  (t) => [
    index('booking_lookup_failures_subject_idx').on(t.subject, t.at),
    index('booking_lookup_failures_session_idx').on(t.sessionId, t.at),
    index('booking_lookup_failures_number_idx').on(t.bookingNumber, t.at),
    index('booking_lookup_failures_detail_idx').on(t.detailDigest, t.at),
    index('booking_lookup_failures_at_idx').on(t.at),
  ],
);

export const CODE_CHANNELS = ['sms', 'email'] as const;
export type CodeChannel = (typeof CODE_CHANNELS)[number];

/**
 * One-time codes of `request_booking_code` (worker/domain/booking-codes.ts): one row per request,
 * whether or not the number names a booking (then `booking_id` is null and nobody was sent the code),
 * so requests count alike for the rate limit and answer alike. Only an HMAC of the code is kept
 * (`code_hash`, keyed with JWT_SECRET and salted per row); it expires after 10 minutes, allows 5
 * attempts, and only the subject that asked may use it.
 */
export const bookingCodes = sqliteTable(
  'booking_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bookingNumber: text('booking_number').notNull(),
    bookingId: integer('booking_id').references(() => bookings.id),
    subject: text('subject').notNull(),
    sessionId: text('session_id'),
    channel: text('channel', { enum: CODE_CHANNELS }).notNull(),
    /** SHA-256 (hex) of the normalised destination (`p:<phone key>` / `e:<email>`), random when none: per-destination limits. */
    destinationDigest: text('destination_digest').notNull(),
    salt: text('salt').notNull(),
    codeHash: text('code_hash').notNull(),
    expiresAt: integer('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    usedAt: integer('used_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('booking_codes_number_subject_idx').on(t.bookingNumber, t.subject, t.id),
    index('booking_codes_subject_idx').on(t.subject, t.createdAt),
    index('booking_codes_session_idx').on(t.sessionId, t.createdAt),
    index('booking_codes_number_idx').on(t.bookingNumber, t.createdAt),
    index('booking_codes_destination_idx').on(t.destinationDigest, t.createdAt),
    index('booking_codes_created_idx').on(t.createdAt),
  ],
);

/**
 * A booking bound to a token subject by a verified one-time code: that subject passes the
 * ownership check for that one booking (see `loadBookingForActor`), nothing more.
 */
export const bookingGrants = sqliteTable(
  'booking_grants',
  {
    bookingId: integer('booking_id')
      .notNull()
      .references(() => bookings.id),
    subject: text('subject').notNull(),
    channel: text('channel', { enum: CODE_CHANNELS }).notNull(),
    grantedAt: integer('granted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bookingId, t.subject] }), index('booking_grants_subject_idx').on(t.subject)],
);

/**
 * What the development code sender (`CODE_SENDER=log`) would have sent: the message, its channel
 * and recipient. Written only by that sender (never in a deployment with a real one), read by
 * tests and by developers with `wrangler d1 execute`; rows older than a day are dropped on each send.
 */
export const outboundMessages = sqliteTable(
  'outbound_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channel: text('channel', { enum: CODE_CHANNELS }).notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('outbound_messages_recipient_idx').on(t.recipient, t.createdAt)],
);

/** Knowledge-base articles; `kb_articles_fts` (FTS5) mirrors title/body/tags via triggers. */
export const kbArticles = sqliteTable(
  'kb_articles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    category: text('category').notNull(),
    tags: text('tags').notNull().default(''),
    published: integer('published', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('kb_articles_slug_uq').on(t.slug), index('kb_articles_category_idx').on(t.category)],
);

/** Every tool call, whichever surface made it. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: createdAt(),
    subject: text('subject').notNull(),
    role: text('role').notNull(),
    surface: text('surface').notNull(),
    tool: text('tool').notNull(),
    argsDigest: text('args_digest').notNull(),
    outcome: text('outcome').notNull(),
    durationMs: integer('duration_ms').notNull(),
    /** The id of the HTTP request (hono's X-Request-Id) that caused the call, when one did. */
    requestId: text('request_id'),
    /** Set on rows a chat session writes through its outbox: a replayed batch inserts the row once. */
    writeKey: text('write_key'),
  },
  (t) => [
    index('audit_log_subject_idx').on(t.subject, t.at),
    index('audit_log_tool_idx').on(t.tool, t.at),
    uniqueIndex('audit_log_write_key_idx').on(t.writeKey),
  ],
);
