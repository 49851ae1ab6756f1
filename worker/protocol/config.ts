/**
 * `GET /api/v1/config`: what a client (the widget, the staff console) needs to
 * know about this deployment before a session exists. Public, cacheable briefly.
 */
export interface PublicConfig {
  business_name: string;
  /** The business's IANA time zone (schedules, "today"). */
  timezone: string;
  /** Whether `WebSocket /api/v1/chat/voice/call` accepts calls here (VOICE_ENABLED is "true" and a realtime key is set). */
  voice: boolean;
  /** True when no provider key is set and the built-in offline model answers. */
  offline_model: boolean;
}
