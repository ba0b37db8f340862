/**
 * Strings that have broken web applications: SQL and HTML/script fragments, template syntax, very long
 * text, emoji, control characters, right-to-left text and lone UTF-16 surrogates. Each one is either
 * stored verbatim (and read back byte-equal) or refused with a 400 that names the field.
 */
export const LONG_TEXT = 'Lorem ipsum dolor sit amet. '.repeat(3572).slice(0, 100_000);

export const HOSTILE_STRINGS: readonly string[] = [
  // SQL
  "'; DROP TABLE commitments; --",
  "Robert'); DELETE FROM users WHERE ('1'='1",
  '" OR 1=1 --',
  '$1 $2 %s %d %_ \\',
  "1' UNION SELECT password_hash FROM users --",
  // HTML, script and template injection
  '<script>window.__pactwatchPwned = true</script>',
  '<img src=x onerror="window.__pactwatchPwned = true">',
  '"><svg onload=alert(1)>',
  "{{constructor.constructor('window.__pactwatchPwned = true')()}}",
  '${7*7} #{7*7} <%= 7*7 %>',
  'javascript:alert(document.cookie)',
  '&lt;b&gt;already escaped&lt;/b&gt; &amp; &#x3C;',
  // emoji and scripts
  'Ölmarkt 👍🏽 Zürich — 中文 — 𝒜𝓃𝒸𝒽ℴ𝓇',
  '👨‍👩‍👧‍👦🏳️‍🌈🇦🇿🇺🇸',
  'e\u0301 vs \u00e9 (two spellings of é)',
  '❤️❤︎ (variation selectors)',
  // control characters
  'tab\there\r\nnew line',
  'bell\u0007 escape\u001b[31m red\u001b[0m',
  'delete\u007f and C1 \u0085\u009b',
  'zero\u200bwidth\u200c\u200d\ufeffBOM',
  'NUL \u0000 inside',
  '\u0000',
  // right-to-left
  '\u202eevil.exe\u202c (RTL override)',
  'مرحبا بالعالم — שלום עולם',
  '\u200fleft\u200e mark \u2066isolate\u2069',
  // lone surrogates (not valid Unicode)
  'lone high \ud800 surrogate',
  'lone low \udc00',
  '\udbff',
  // whitespace only, and very long
  '   ',
  LONG_TEXT,
];

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** PostgreSQL text holds any Unicode except NUL; a lone surrogate is not Unicode at all. */
export function isStorable(text: string): boolean {
  return !LONE_SURROGATE.test(text) && !text.includes('\u0000');
}

/**
 * The length class-validator's MaxLength/MinLength measure (validator.js isLength): UTF-16 units, minus
 * surrogate pairs and the emoji/text variation selectors.
 */
export function validatorLength(text: string): number {
  const selectors = text.match(/\ufe0f|\ufe0e/g)?.length ?? 0;
  const pairs = text.match(/[\ud800-\udbff][\udc00-\udfff]/g)?.length ?? 0;
  return text.length - selectors - pairs;
}

/** The length PostgreSQL's varchar(n) measures: code points. */
export function codePointLength(text: string): number {
  return [...text].length;
}
