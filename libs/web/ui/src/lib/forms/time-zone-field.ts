import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocomplete, MatAutocompleteTrigger, MatOption } from '@angular/material/autocomplete';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';

/** Options shown at most while typing: the list stays quick to read and to render. */
const MAX_OPTIONS = 50;

/** Every IANA time zone this browser knows, with UTC (which some engines leave out of the list). */
export function ianaTimeZones(): readonly string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

/** "UTC+04:00" for Asia/Baku on `at`, from the browser's time-zone data. */
export function utcOffset(zone: string, at: Date): string {
  try {
    const name = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value;
    return !name || name === 'GMT' || name === 'GMT+00:00' ? 'UTC' : name.replace('GMT', 'UTC');
  } catch {
    return '';
  }
}

/**
 * The zones matching what was typed, best first: "baku", "asia/ba" and "new york" all work (spaces match
 * the underscores of IANA names). Zones whose city starts with the text come before other matches.
 */
export function matchTimeZones(zones: readonly string[], typed: string, limit = MAX_OPTIONS): string[] {
  const text = typed.trim().toLowerCase().replace(/\s+/g, '_');
  if (!text) return zones.slice(0, limit);
  const city = (zone: string) => zone.slice(zone.lastIndexOf('/') + 1).toLowerCase();
  const starts = zones.filter((zone) => city(zone).startsWith(text) || zone.toLowerCase().startsWith(text));
  const contains = zones.filter((zone) => !starts.includes(zone) && zone.toLowerCase().includes(text));
  return [...starts, ...contains].slice(0, limit);
}

/**
 * A time-zone field: type to search the IANA zones (Material autocomplete), each shown with its current
 * offset from UTC. The control keeps the zone's IANA name; its validators (and server errors) decide
 * what is accepted, and `invalidText` says what to type instead.
 */
@Component({
  selector: 'pw-time-zone-field',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatHint, MatError, MatInput, MatAutocomplete, MatAutocompleteTrigger, MatOption],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field class="pw-tz">
      <mat-label>{{ label() }}</mat-label>
      <input
        #field
        matInput
        [formControl]="control()"
        [matAutocomplete]="zones"
        autocomplete="off"
        spellcheck="false"
        (input)="typed.set(field.value)"
      />
      <mat-autocomplete #zones="matAutocomplete" [hideSingleSelectionIndicator]="true" (optionSelected)="typed.set(null)">
        @for (zone of options(); track zone.name) {
          <mat-option [value]="zone.name">
            {{ zone.name }} <span class="pw-tz__offset">{{ zone.offset }}</span>
          </mat-option>
        } @empty {
          <mat-option disabled>No time zone matches</mat-option>
        }
      </mat-autocomplete>
      @if (hint()) {
        <mat-hint>{{ hint() }}</mat-hint>
      }
      @if (control().invalid) {
        <mat-error>{{ control().errors?.['server'] ?? invalidText() }}</mat-error>
      }
    </mat-form-field>
  `,
  styles: `
    :host {
      display: block;
    }
    .pw-tz {
      width: 100%;
    }
    .pw-tz__offset {
      margin-left: 8px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class TimeZoneField {
  readonly control = input.required<FormControl<string>>();
  readonly label = input('Time zone');
  readonly hint = input('');
  readonly invalidText = input('Choose a time zone from the list, such as Asia/Baku.');

  private readonly zones = ianaTimeZones();
  /** What the user has typed since the last choice; null shows the list from the start, to browse. */
  protected readonly typed = signal<string | null>(null);
  protected readonly options = computed(() => {
    const now = new Date();
    return matchTimeZones(this.zones, this.typed() ?? '').map((name) => ({ name, offset: utcOffset(name, now) }));
  });
}
