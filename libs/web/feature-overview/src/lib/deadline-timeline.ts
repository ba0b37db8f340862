import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import { MatTooltip } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import type { CommitmentSummaryDto, IsoDate } from '@pactwatch/shared/contracts';
import { FLAG_APPEARANCE, FlagList } from '@pactwatch/web/ui';
import { addDays, daysBetween, formatDay } from '@pactwatch/web/util';
import { FLAG_LABELS } from '@pactwatch/shared/deadlines';

interface Marker {
  item: CommitmentSummaryDto;
  left: number;
  lane: number;
  icon: string;
  tone: string;
  label: string;
  due: string;
  tooltip: string;
}

/** Markers closer than this (in % of the width) go to separate lanes so labels don't collide. */
const MIN_GAP = 16;
/** A marker's label is about this wide (icon and reference code): on a narrow axis the gap grows to it. */
const MARKER_WIDTH_PX = 104;

/**
 * Upcoming deadlines on a 90-day axis. Each marker is a link with the reference code, an icon for
 * its flag and a full accessible name; the same items are listed below the axis for small screens.
 */
@Component({
  selector: 'pw-deadline-timeline',
  imports: [RouterLink, MatIcon, MatTooltip, FlagList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (markers().length) {
      <div class="pw-tl" [style.--lanes]="lanes()">
        <div class="pw-tl__axis" aria-hidden="true">
          @for (tick of ticks(); track tick.date) {
            <span class="pw-tl__tick" [style.left.%]="tick.left">{{ tick.label }}</span>
          }
          <span class="pw-tl__today" [style.left.%]="0">Today</span>
        </div>
        <ul class="pw-tl__markers" aria-label="Deadlines in the next {{ days() }} days">
          @for (marker of markers(); track marker.item.id) {
            <li class="pw-tl__marker" [class]="'pw-tl__marker--' + marker.tone" [style.left.%]="marker.left" [style.--lane]="marker.lane">
              <a [routerLink]="['/commitments', marker.item.refCode]" [matTooltip]="marker.tooltip" [attr.aria-label]="marker.label">
                <mat-icon aria-hidden="true">{{ marker.icon }}</mat-icon>
                <span class="pw-tl__ref">{{ marker.item.refCode }}</span>
              </a>
            </li>
          }
        </ul>
      </div>
      <details class="pw-tl__list">
        <summary>List the {{ markers().length }} deadlines</summary>
        <ul>
          @for (marker of markers(); track marker.item.id) {
            <li>
              <span class="pw-tl__date">{{ marker.due }}</span>
              <a [routerLink]="['/commitments', marker.item.refCode]">{{ marker.item.refCode }}</a>
              {{ marker.item.title }}
              <pw-flag-list [flags]="marker.item.flags" [compact]="true" />
            </li>
          }
        </ul>
      </details>
    } @else {
      <p class="pw-tl__empty">No deadlines between {{ fromLabel() }} and {{ toLabel() }}.</p>
    }
  `,
  styleUrl: './deadline-timeline.scss',
})
export class DeadlineTimeline {
  readonly items = input.required<readonly CommitmentSummaryDto[]>();
  readonly from = input.required<IsoDate>();
  readonly days = input(90);

  /** The axis's width in pixels, once rendered (0 before: then the percentage gap alone counts). */
  private readonly width = signal(0);
  private readonly minGap = computed(() => Math.max(MIN_GAP, this.width() > 0 ? (MARKER_WIDTH_PX / this.width()) * 100 : 0));

  constructor() {
    const host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      if (typeof ResizeObserver === 'undefined') return;
      const observer = new ResizeObserver(() => this.width.set(host.querySelector('.pw-tl__markers')?.clientWidth ?? host.clientWidth));
      observer.observe(host);
      destroyRef.onDestroy(() => observer.disconnect());
    });
  }

  protected readonly fromLabel = computed(() => formatDay(this.from()));
  protected readonly toLabel = computed(() => formatDay(addDays(this.from(), this.days())));

  protected readonly ticks = computed(() => {
    const ticks: { date: string; left: number; label: string }[] = [];
    for (let offset = 1; offset <= this.days(); offset++) {
      const date = addDays(this.from(), offset);
      if (date.endsWith('-01') && offset / this.days() > 0.08) {
        ticks.push({ date, left: (offset / this.days()) * 100, label: formatDay(date).split(' ').slice(1).join(' ') });
      }
    }
    return ticks;
  });

  protected readonly markers = computed<Marker[]>(() => {
    const laneEnds: number[] = [];
    const minGap = this.minGap();
    return this.items()
      .filter((item) => item.dueDate)
      .map((item) => {
        const offset = daysBetween(this.from(), item.dueDate as string);
        const left = Math.max(0, Math.min(100, (offset / this.days()) * 100));
        let lane = laneEnds.findIndex((end) => left - end >= minGap);
        if (lane === -1) lane = laneEnds.push(left) - 1;
        else laneEnds[lane] = left;
        const flag = item.flags.find((f) => f !== 'stale') ?? null;
        const due = formatDay(item.dueDate as string);
        const flagText = item.flags.map((f) => FLAG_LABELS[f]).join(', ');
        return {
          item,
          left,
          lane,
          icon: flag ? FLAG_APPEARANCE[flag].icon : 'event',
          tone: flag ?? 'none',
          label: `${item.refCode}: ${item.title}. Due ${due}${flagText ? `. ${flagText}` : ''}`,
          due,
          tooltip: `${due} — ${item.title}`,
        };
      });
  });
  protected readonly lanes = computed(() => Math.max(1, ...this.markers().map((m) => m.lane + 1)));
}
