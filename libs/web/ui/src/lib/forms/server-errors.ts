import type { AbstractControl } from '@angular/forms';
import type { ProblemDetailsDto } from '@pactwatch/shared/contracts';

/**
 * Puts the API's 400 field errors on the matching controls ("deadline.duration", "evidence[0].url"
 * or "evidence.0.url"). Returns the messages no control could take, to show above the form.
 */
export function applyServerErrors(root: AbstractControl, problem: ProblemDetailsDto, aliases: Record<string, string> = {}): string[] {
  const unplaced: string[] = [];
  for (const { field, message } of problem.errors ?? []) {
    const path = (aliases[field] ?? field).replace(/\[(\d+)\]/g, '.$1');
    const control = path ? root.get(path) : null;
    if (control) {
      control.setErrors({ ...(control.errors ?? {}), server: message });
      control.markAsTouched();
    } else {
      unplaced.push(field ? `${field}: ${message}` : message);
    }
  }
  return unplaced;
}

/** Shown above a form whose problems are all beside their fields. */
export const NEEDS_ATTENTION = 'Some fields need attention; see the messages beside them.';

/** What to show above a form the API refused: field errors go beside their fields, the rest above; the input stays. */
export function submissionErrors(root: AbstractControl, problem: ProblemDetailsDto): string[] {
  if (problem.errors?.length) {
    const unplaced = applyServerErrors(root, problem);
    return unplaced.length ? unplaced : [NEEDS_ATTENTION];
  }
  return [`${problem.title}${problem.detail ? `: ${problem.detail}` : ''}. What you typed is still in the form.`];
}
