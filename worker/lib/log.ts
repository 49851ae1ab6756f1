/**
 * JSON logs, one object per line, so `wrangler tail` and Workers Logs can
 * filter by field. Never log tokens, secrets or message bodies.
 */
type Fields = Record<string, unknown>;

function emit(level: 'debug' | 'info' | 'warn' | 'error', event: string, fields: Fields) {
  const line = JSON.stringify({ level, event, at: new Date().toISOString(), ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}

export const log = {
  debug: (event: string, fields: Fields = {}) => emit('debug', event, fields),
  info: (event: string, fields: Fields = {}) => emit('info', event, fields),
  warn: (event: string, fields: Fields = {}) => emit('warn', event, fields),
  error: (event: string, fields: Fields = {}) => emit('error', event, fields),
};
