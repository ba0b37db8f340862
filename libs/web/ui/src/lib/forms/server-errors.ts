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
