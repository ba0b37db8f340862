import type { Provider } from '@angular/core';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS, type MatFormFieldDefaultOptions } from '@angular/material/form-field';

/**
 * Outlined, compact form fields everywhere. Provided by each lazy feature's routes, not by the
 * app, so the form-field code stays out of the initial bundle.
 */
export function provideFormDefaults(): Provider[] {
  const options: MatFormFieldDefaultOptions = { appearance: 'outline', subscriptSizing: 'dynamic' };
  return [{ provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: options }];
}
