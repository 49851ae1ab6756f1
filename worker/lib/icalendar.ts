/**
 * The few parts of RFC 5545 (iCalendar) a downloadable event needs: TEXT escaping (§3.3.11), UTC
 * DATE-TIME values (§3.3.5, form 2), and content lines ending in CRLF, folded at 75 octets without
 * splitting a UTF-8 character (§3.1). Hand-written because no iCalendar package is installed here
 * (`ics` on npm would do); it has no imports, so it is easy to replace.
 */

/** TEXT value: backslash, semicolon and comma escaped, newlines as `\n`. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** A UTC DATE-TIME: `20300304T160000Z`. */
export function utcDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

const encoder = new TextEncoder();

/** One content line folded into lines of at most 75 octets, each continuation starting with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; a continuation line's leading space is one of its 75.
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

export interface CalendarEvent {
  uid: string;
  /** When this file was made (DTSTAMP). */
  stamp: number;
  sequence: number;
  start: number;
  end: number;
  summary: string;
  location?: string;
  description?: string;
  status: 'CONFIRMED' | 'CANCELLED';
}

/**
 * A one-event calendar (METHOD:PUBLISH) as the text of an `.ics` file, CRLF-terminated.
 * @example calendarFile('-//Switchboard//Bookings//EN', { uid: 'BK-2030-000001@example.com', stamp: Date.now(), sequence: 0, start, end, summary: 'Drain cleaning', status: 'CONFIRMED' })
 */
export function calendarFile(productId: string, event: CalendarEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${productId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${utcDateTime(event.stamp)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTART:${utcDateTime(event.start)}`,
    `DTEND:${utcDateTime(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    `STATUS:${event.status}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
