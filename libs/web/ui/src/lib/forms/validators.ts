import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { isValidIsoDuration, parseDurationWords } from '@pactwatch/shared/deadlines';
import { isIsoDateString } from '@pactwatch/web/util';

/** An absolute http(s) URL; empty passes (combine with required when needed). */
export const webUrl: ValidatorFn = (control: AbstractControl): ValidationErrors | null => {
  const value = String(control.value ?? '').trim();
  if (!value) return null;
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && url.hostname.includes('.') ? null : { webUrl: true };
  } catch {
    return { webUrl: true };
  }
};

export const isoDate: ValidatorFn = (control) => {
  const value = control.value;
  return !value || isIsoDateString(value) ? null : { isoDate: true };
};

/** A period: ISO-8601 (P6M, P90D) or plain words ("6 months", "ninety days"), as the API takes it. */
export const isoDuration: ValidatorFn = (control) => {
  const value = String(control.value ?? '').trim();
  return !value || isValidIsoDuration(value.toUpperCase()) || parseDurationWords(value) ? null : { isoDuration: true };
};

/** A commitment's reference code, as the API accepts it: AZ-US-2025-01, EX-04, 907/2. */
const REF_CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

export const refCode: ValidatorFn = (control) => {
  const value = String(control.value ?? '').trim();
  return !value || REF_CODE.test(value) ? null : { refCode: true };
};

export const wholeNumber: ValidatorFn = (control) => {
  const value = control.value;
  return value === null || value === '' || Number.isInteger(Number(value)) ? null : { wholeNumber: true };
};

/** The first message for a control's errors, in words an analyst understands. */
export function errorMessage(control: AbstractControl | null, label = 'This field'): string {
  const errors = control?.errors;
  if (!errors) return '';
  if (errors['server']) return String(errors['server']);
  if (errors['required']) return `${label} is required.`;
  if (errors['maxlength']) return `${label} is too long: at most ${errors['maxlength'].requiredLength} characters.`;
  if (errors['min']) return `${label} must be at least ${errors['min'].min}.`;
  if (errors['max']) return `${label} must be at most ${errors['max'].max}.`;
  if (errors['wholeNumber']) return `${label} must be a whole number.`;
  if (errors['webUrl']) return 'Enter a full web address, starting with https://';
  if (errors['isoDate']) return 'Enter a real date.';
  if (errors['refCode']) return 'Use 1–64 letters, digits, dots, slashes or hyphens, starting with a letter or digit, e.g. AZ-US-2025-01.';
  if (errors['isoDuration']) return 'Write a period such as 6 months, 90 days or 1 year (or ISO-8601: P6M, P90D).';
  return `${label} is not valid.`;
}
