/** Country and language choices with their English names, from the browser's Intl data. */
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'XA', 'XB', 'AA', 'QM', 'QN', 'XK']);

export interface CodeOption {
  code: string;
  name: string;
}

function allCountries(): CodeOption[] {
  const out: CodeOption[] = [];
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      const name = regionNames.of(code);
      if (name && name !== code) out.push({ code, name });
    }
  return out.sort((x, y) => x.name.localeCompare(y.name));
}

export const COUNTRIES = allCountries();
export const POPULAR_COUNTRIES = ['FR', 'ES', 'DE', 'IT', 'GB', 'US', 'BE', 'NL', 'PT', 'CH', 'CA'];

export const LANGUAGES: CodeOption[] = [
  'en',
  'fr',
  'es',
  'de',
  'it',
  'pt',
  'nl',
  'pl',
  'sv',
  'tr',
  'ar',
  'ja',
  'ko',
  'zh',
  'hi',
]
  .map((code) => ({ code, name: languageNames.of(code) ?? code }))
  .sort((x, y) => x.name.localeCompare(y.name));

export const countryName = (code: string) => regionNames.of(code) ?? code;
export const languageName = (code: string) => languageNames.of(code) ?? code;
