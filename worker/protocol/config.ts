/**
 * `GET /api/v1/config`: what a client (the widget, the staff console) needs to
 * know about this deployment before a session exists. Public, cacheable briefly.
 * The shape is `publicConfigSchema` (protocol/api.ts); this type-only module keeps zod out of the widget.
 */
import type { z } from 'zod';
import type { publicConfigSchema } from './api';

export type PublicConfig = z.infer<typeof publicConfigSchema>;
