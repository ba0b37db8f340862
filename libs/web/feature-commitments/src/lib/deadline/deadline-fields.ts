import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatOptgroup, MatOption, MatSelect } from '@angular/material/select';
import type { AnchorEventDto } from '@pactwatch/shared/contracts';
import { DATE_PRECISION_LABELS, DEADLINE_KIND_LABELS } from '@pactwatch/shared/contracts';
import { DATE_PRECISIONS } from '@pactwatch/shared/deadlines';
import { SessionStore } from '@pactwatch/web/data-access';
import { errorMessage } from '@pactwatch/web/ui';
import { formatDay } from '@pactwatch/web/util';
import { map, startWith, switchMap } from 'rxjs';
import { DEADLINE_FIELD_LABELS, type DeadlineGroup, type DeadlineKind, previewDeadline, specOf } from './deadline-form';

/** An anchor event to count from, optionally under a heading (its agreement) in the menu. */
export type AnchorOption = AnchorEventDto & { group?: string };

/** The kinds in the words the CSV import takes too (shared with the API). */
const KIND_OPTIONS: { value: DeadlineKind; label: string }[] = (Object.keys(DEADLINE_KIND_LABELS) as DeadlineKind[]).map((value) => ({
  value,
  label: DEADLINE_KIND_LABELS[value],
}));

/**
 * The deadline part of a commitment form: the kind, the fields that kind takes, and the due date
 * it gives, explained in words as the analyst types.
 */
@Component({
  selector: 'pw-deadline-fields',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatError, MatHint, MatInput, MatSelect, MatOption, MatOptgroup, MatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './deadline-fields.html',
  styleUrl: './deadline-fields.scss',
})
export class DeadlineFields {
  private readonly session = inject(SessionStore);

  readonly group = input.required<DeadlineGroup>();
  readonly anchorEvents = input<readonly AnchorOption[]>([]);
  readonly legend = input('Deadline');

  protected readonly errorMessage = errorMessage;
  protected readonly labels = DEADLINE_FIELD_LABELS;
  protected readonly kinds = KIND_OPTIONS;
  protected readonly precisions = DATE_PRECISIONS.map((value) => ({ value, label: DATE_PRECISION_LABELS[value] }));

  /** The group's value, re-read on every change of value, status or touched state (the parent may mark it touched). */
  private readonly value = toSignal(
    toObservable(this.group).pipe(
      switchMap((group) =>
        group.events.pipe(
          startWith(null),
          map(() => group.getRawValue()),
        ),
      ),
    ),
  );
  protected readonly kind = computed(() => this.value()?.kind ?? 'none');
  protected readonly startNeeded = computed(() => !this.value()?.anchorEventId);
  protected readonly preview = computed(() => {
    const value = this.value();
    return value ? previewDeadline(specOf(value), this.anchorEvents(), this.session.today()) : null;
  });
  protected readonly anchorGroups = computed(() => {
    const groups = new Map<string, { id: string; label: string }[]>();
    for (const anchor of this.anchorEvents()) {
      const label = `${anchor.name} (${anchor.occurredOn ? formatDay(anchor.occurredOn) : 'date pending'})`;
      const key = anchor.group ?? '';
      groups.set(key, [...(groups.get(key) ?? []), { id: anchor.id, label }]);
    }
    return [...groups].map(([label, options]) => ({ label, options }));
  });
}
