/**
 * Phone numbers in E.164 (`+13125550142`), parsed with libphonenumber-js at write time. National numbers
 * are read in `DEFAULT_PHONE_REGION` (a var, "US" as shipped), so `(312) 555-0142`, `312.555.0142` and
 * `+1 312 555 0142` are one number; what is stored, compared and returned is the E.164 form.
 */
import { env } from 'cloudflare:workers';
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { log } from '../lib/log';
import { invalidInput } from './errors';

const FALLBACK_REGION: CountryCode = 'US';
const warned = new Set<string>();

/**
 * The region national numbers are read in: `DEFAULT_PHONE_REGION` (ISO 3166 alpha-2), else US.
 * @example phoneRegionFrom({ DEFAULT_PHONE_REGION: 'GB' }) // 'GB'
 */
export function phoneRegionFrom(vars: Readonly<Record<string, unknown>>): CountryCode {
  const raw = String(vars.DEFAULT_PHONE_REGION ?? '').trim().toUpperCase();
  if (!raw) return FALLBACK_REGION;
  if (isSupportedCountry(raw)) return raw;
  if (!warned.has(raw)) {
    warned.add(raw);
    log.warn('phone_region_invalid', { var: 'DEFAULT_PHONE_REGION', value: raw, using: FALLBACK_REGION });
  }
  return FALLBACK_REGION;
}

/** The Worker's region (its vars). */
export const defaultPhoneRegion = (): CountryCode => phoneRegionFrom(env as unknown as Record<string, unknown>);

/**
 * `text` as an E.164 number, or null when it is not a valid phone number (an extension is dropped).
 * @example toE164('(312) 555-0142') // '+13125550142'
 * @example toE164('020 7946 0958', 'GB') // '+442079460958'
 */
export function toE164(text: string, region: CountryCode = defaultPhoneRegion()): string | null {
  const parsed = parsePhoneNumberFromString(text.trim(), region);
  return parsed?.isValid() ? parsed.number : null;
}

/**
 * `text` as E.164, or an `invalid_input` error (400) naming the field.
 * @example requireE164('312-555-0142') // '+13125550142'
 */
export function requireE164(text: string, field = 'phone', region: CountryCode = defaultPhoneRegion()): string {
  const e164 = toE164(text, region);
  if (!e164) {
    throw invalidInput(`${field} must be a valid phone number, e.g. (312) 555-0142 or +44 20 7946 0958`, { [field]: 'expected a phone number' });
  }
  return e164;
}
