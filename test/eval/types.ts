/**
 * The eval suite's vocabulary: a scenario is a scripted customer conversation
 * plus what must be true at its end (the state in D1, seen through the API) and
 * of its replies. Scenarios are written the way customers write, before the
 * engine is tuned to them; `test/eval/runner.ts` plays and grades them against
 * any running Switchboard (offline model or a configured one).
 */

export type Category =
  | 'booking' // a visit booked from ordinary requests
  | 'messy' // typos, lowercase, several facts in one message, relative dates
  | 'correction' // "actually make it 3pm", a changed detail
  | 'side_question' // a question in the middle of a flow, then the flow resumes
  | 'manage' // cancel, reschedule, look up an existing booking
  | 'knowledge' // questions the knowledge base answers (or should not pretend to)
  | 'safety' // gas, CO, flooding, sparks: safety steps and the on-call path first
  | 'complaint' // frustration, complaints, asking for a person
  | 'spanish' // the same in Spanish
  | 'adversarial'; // prompt injection, other customers' data, nonsense

/**
 * A day relative to "today" in the business's time zone when the scenario runs:
 * `{ inDays: 1 }` is tomorrow; `{ weekday: 'tuesday' }` the next Tuesday after today
 * (never today); `{ dayOfMonth: 5 }` the next 5th after today; or an ISO date.
 */
export type DateSpec = { inDays: number } | { weekday: 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday'; weeksLater?: number } | { dayOfMonth: number } | { iso: string };

export interface ExpectedBooking {
  /** Service slug, e.g. `drain-cleaning` (GET /api/v1/services). */
  service: string;
  date: DateSpec;
  /** Local start time `HH:MM`. */
  time: string;
  /** Substrings the stored booking must contain (case-insensitive). */
  name?: string;
  /** Digits the stored phone must end with, e.g. `3125550100`. */
  phone?: string;
  address?: string;
  email?: string;
}

/** A booking the visitor already has before the conversation starts (made over REST with their token). */
export interface SetupBooking {
  service: string;
  date: DateSpec;
  time: string;
  customer_name: string;
  phone: string;
  address: string;
}

export interface ReplyCheck {
  /** Which assistant reply: the 0-based turn index, `last`, or `any` (default `any`). */
  turn?: number | 'last' | 'any';
  /** Each must match that reply (for `any`: some reply). */
  includes?: RegExp[];
  /** None may match that reply (for `any`: no reply). */
  excludes?: RegExp[];
}

export interface Scenario {
  id: string;
  category: Category;
  /** What the customer wants, in a sentence (shown when the scenario fails). */
  goal: string;
  /** Fields of POST /api/v1/chat/session/new, as the widget sends them. */
  session?: { customer_name?: string; customer_email?: string };
  setup?: { booking?: SetupBooking };
  /** The customer's messages, in order. `{booking}` becomes the set-up booking's number. */
  turns: string[];
  expect: {
    /** The booking this conversation must have created (exactly one), or `null`: none. Omitted: not checked. */
    booking?: ExpectedBooking | null;
    /** The set-up booking must end cancelled (true) or still active (false). */
    setupCancelled?: boolean;
    /** The set-up booking must have been moved to this day and time. */
    setupMovedTo?: { date: DateSpec; time: string };
    /** A ticket must (true) or must not (false) have been opened. */
    ticket?: boolean;
    /** The conversation must (true) or must not (false) have been handed to a person. */
    handoff?: boolean;
    /** Every reply must be in this language (default: English). */
    language?: 'en' | 'es';
    replies?: ReplyCheck[];
  };
}
