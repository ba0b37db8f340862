import { type AbstractControl, FormControl, FormGroup, type NonNullableFormBuilder, type ValidatorFn } from '@angular/forms';
import type { AnchorEventDto, DatePrecision, DeadlineSpec, IsoDate } from '@pactwatch/shared/contracts';
import {
  computeDueDate,
  describeDeadline,
  isValidIsoDuration,
  parseDurationWords,
  validateDeadlineSpec,
} from '@pactwatch/shared/deadlines';
import { isoDate, isoDuration } from '@pactwatch/web/ui';

export type DeadlineKind = DeadlineSpec['kind'];

export type DeadlineGroup = FormGroup<{
  kind: FormControl<DeadlineKind>;
  date: FormControl<string>;
  precision: FormControl<DatePrecision>;
  anchorEventId: FormControl<string>;
  duration: FormControl<string>;
  interval: FormControl<string>;
  start: FormControl<string>;
}>;

export type DeadlineFormValue = ReturnType<DeadlineGroup['getRawValue']>;

/** The API's error paths for a deadline ("deadline.duration") are the group's control paths. */
export const DEADLINE_FIELD_LABELS: Record<string, string> = {
  kind: 'Kind of deadline',
  date: 'Date',
  precision: 'Precision',
  anchorEventId: 'Counts from',
  duration: 'Period',
  interval: 'Every',
  start: 'Start date',
};

/** Required only when the chosen kind uses the field (the kind is the group's first control, so it is set first). */
function requiredFor(applies: (deadline: DeadlineFormValue) => boolean): ValidatorFn {
  return (control: AbstractControl) => {
    const group = control.parent as DeadlineGroup | null;
    if (!group || !applies(group.getRawValue())) return null;
    return String(control.value ?? '').trim() ? null : { required: true };
  };
}

/**
 * The controls of a deadline spec, each validated for the kind chosen: a relative deadline needs
 * its anchor event and period, a recurring one its interval and a start date or an anchor event.
 */
export function deadlineGroup(fb: NonNullableFormBuilder): DeadlineGroup {
  const group: DeadlineGroup = fb.group({
    kind: fb.control<DeadlineKind>('none'),
    date: fb.control('', [requiredFor((d) => d.kind === 'absolute'), isoDate]),
    precision: fb.control<DatePrecision>('day'),
    anchorEventId: fb.control('', [requiredFor((d) => d.kind === 'relative')]),
    duration: fb.control('', [requiredFor((d) => d.kind === 'relative'), isoDuration]),
    interval: fb.control('', [requiredFor((d) => d.kind === 'recurring'), isoDuration]),
    start: fb.control('', [requiredFor((d) => d.kind === 'recurring' && !d.anchorEventId), isoDate]),
  });
  const revalidate = () => {
    for (const control of Object.values(group.controls)) control.updateValueAndValidity({ emitEvent: false });
    group.updateValueAndValidity();
  };
  group.controls.kind.valueChanges.subscribe(revalidate);
  group.controls.anchorEventId.valueChanges.subscribe(revalidate);
  return group;
}

/** A period as the analyst wrote it ("6 months", "p90d") in ISO-8601 form (P6M, P90D); text that is no period stays as it is. */
export function periodOf(text: string): string {
  const value = text.trim();
  if (isValidIsoDuration(value.toUpperCase())) return value.toUpperCase();
  return parseDurationWords(value) ?? value;
}

/** The spec the controls describe, with only its kind's fields. */
export function specOf(d: DeadlineFormValue): DeadlineSpec {
  switch (d.kind) {
    case 'none':
      return { kind: 'none' };
    case 'absolute':
      return { kind: 'absolute', date: d.date, precision: d.precision };
    case 'relative':
      return { kind: 'relative', anchorEventId: d.anchorEventId, duration: periodOf(d.duration) };
    case 'recurring':
      return d.anchorEventId
        ? { kind: 'recurring', interval: periodOf(d.interval), anchorEventId: d.anchorEventId }
        : { kind: 'recurring', interval: periodOf(d.interval), start: d.start };
  }
}

/** The control values for a spec (fields of other kinds empty). */
export function deadlineFormValue(spec: DeadlineSpec): DeadlineFormValue {
  return {
    kind: spec.kind,
    date: spec.kind === 'absolute' ? spec.date : '',
    precision: spec.kind === 'absolute' ? spec.precision : 'day',
    anchorEventId: spec.kind === 'relative' || spec.kind === 'recurring' ? (spec.anchorEventId ?? '') : '',
    duration: spec.kind === 'relative' ? spec.duration : '',
    interval: spec.kind === 'recurring' ? spec.interval : '',
    start: spec.kind === 'recurring' ? (spec.start ?? '') : '',
  };
}

export interface DeadlinePreview {
  ok: boolean;
  text: string;
}

/** "6 months after MoU signed (8 Aug 2025) → 8 Feb 2026", or what is still missing, in words. */
export function previewDeadline(spec: DeadlineSpec, anchorEvents: readonly AnchorEventDto[], today: IsoDate): DeadlinePreview {
  const check = validateDeadlineSpec(spec);
  if (!check.ok) {
    const fields = [...new Set(check.errors.map((e) => DEADLINE_FIELD_LABELS[e.path] ?? 'the deadline'))];
    return { ok: false, text: `To see the due date, complete: ${fields.join(', ')}.` };
  }
  const anchors = Object.fromEntries(anchorEvents.map((a) => [a.id, { name: a.name, date: a.occurredOn }]));
  const dates = Object.fromEntries(anchorEvents.map((a) => [a.id, a.occurredOn]));
  try {
    return { ok: true, text: describeDeadline(check.spec, anchors, computeDueDate(check.spec, dates, today)) };
  } catch (error: unknown) {
    return { ok: false, text: error instanceof Error ? error.message : String(error) };
  }
}
