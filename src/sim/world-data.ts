import type { AgeGroup, OperatingSystem, ViewerGender } from '../domain/enums.js';
import { DEFAULT_INTERESTS } from '../store/migrations/default-interests.js';

/**
 * Reference data for synthetic worlds: an audience shaped like a large short-video platform's
 * (country shares after public audience estimates, rounded), age and OS mixes, and the default
 * interest taxonomy. Only proportions matter: they drive how selective targeting is.
 */
export interface CountryProfile {
  code: string;
  weight: number;
  timeZone: string;
  language: string;
}

export const PLATFORM_COUNTRIES: readonly CountryProfile[] = [
  { code: 'US', weight: 14, timeZone: 'America/New_York', language: 'en' },
  { code: 'ID', weight: 11, timeZone: 'Asia/Jakarta', language: 'id' },
  { code: 'BR', weight: 8, timeZone: 'America/Sao_Paulo', language: 'pt' },
  { code: 'MX', weight: 6, timeZone: 'America/Mexico_City', language: 'es' },
  { code: 'VN', weight: 5, timeZone: 'Asia/Ho_Chi_Minh', language: 'vi' },
  { code: 'PH', weight: 5, timeZone: 'Asia/Manila', language: 'en' },
  { code: 'TH', weight: 4, timeZone: 'Asia/Bangkok', language: 'th' },
  { code: 'TR', weight: 3.5, timeZone: 'Europe/Istanbul', language: 'tr' },
  { code: 'PK', weight: 3, timeZone: 'Asia/Karachi', language: 'ur' },
  { code: 'EG', weight: 3, timeZone: 'Africa/Cairo', language: 'ar' },
  { code: 'SA', weight: 2.5, timeZone: 'Asia/Riyadh', language: 'ar' },
  { code: 'GB', weight: 3, timeZone: 'Europe/London', language: 'en' },
  { code: 'DE', weight: 2.5, timeZone: 'Europe/Berlin', language: 'de' },
  { code: 'FR', weight: 2.5, timeZone: 'Europe/Paris', language: 'fr' },
  { code: 'IT', weight: 2, timeZone: 'Europe/Rome', language: 'it' },
  { code: 'ES', weight: 2, timeZone: 'Europe/Madrid', language: 'es' },
  { code: 'JP', weight: 2, timeZone: 'Asia/Tokyo', language: 'ja' },
  { code: 'KR', weight: 1, timeZone: 'Asia/Seoul', language: 'ko' },
  { code: 'CA', weight: 1.5, timeZone: 'America/Toronto', language: 'en' },
  { code: 'AU', weight: 1, timeZone: 'Australia/Sydney', language: 'en' },
  { code: 'CO', weight: 2, timeZone: 'America/Bogota', language: 'es' },
  { code: 'AR', weight: 1.5, timeZone: 'America/Argentina/Buenos_Aires', language: 'es' },
  { code: 'PL', weight: 1, timeZone: 'Europe/Warsaw', language: 'pl' },
  { code: 'NL', weight: 0.8, timeZone: 'Europe/Amsterdam', language: 'nl' },
  { code: 'MY', weight: 1.5, timeZone: 'Asia/Kuala_Lumpur', language: 'ms' },
  { code: 'NG', weight: 1.2, timeZone: 'Africa/Lagos', language: 'en' },
  { code: 'ZA', weight: 0.8, timeZone: 'Africa/Johannesburg', language: 'en' },
  { code: 'AE', weight: 0.6, timeZone: 'Asia/Dubai', language: 'ar' },
  { code: 'SE', weight: 0.4, timeZone: 'Europe/Stockholm', language: 'sv' },
  { code: 'BE', weight: 0.4, timeZone: 'Europe/Brussels', language: 'nl' },
];

export const PLATFORM_AGES: readonly [AgeGroup, number][] = [
  ['AGE_13_17', 0.08],
  ['AGE_18_24', 0.32],
  ['AGE_25_34', 0.3],
  ['AGE_35_44', 0.15],
  ['AGE_45_54', 0.09],
  ['AGE_55_100', 0.06],
];

export const PLATFORM_GENDERS: readonly [ViewerGender, number][] = [
  ['GENDER_FEMALE', 0.48],
  ['GENDER_MALE', 0.46],
  ['GENDER_OTHER', 0.01],
  ['GENDER_UNKNOWN', 0.05],
];

export const PLATFORM_OS: readonly [OperatingSystem, number][] = [
  ['ANDROID', 0.6],
  ['IOS', 0.38],
  ['OTHER', 0.02],
];

/** Every interest id of the default taxonomy (top-level and children). */
export const INTEREST_IDS: readonly string[] = DEFAULT_INTERESTS.map((i) => i.id);
