import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { DashboardSummaryDto, ImplementationStatus } from '@pactwatch/shared/contracts';
import { IMPLEMENTATION_STATUSES, STATUS_LABELS } from '@pactwatch/shared/deadlines';
import { BarController, BarElement, CategoryScale, type ChartConfiguration, Legend, LinearScale, Tooltip } from 'chart.js';
import { BaseChartDirective, provideCharts } from 'ng2-charts';

type Row = { name: string; total: number; byStatus: Partial<Record<ImplementationStatus, number>> };

/** Bar fills: distinguishable hues, each dark enough for 3:1 against white (WCAG non-text contrast). */
const STATUS_COLOURS: Record<ImplementationStatus, string> = {
  not_started: '#6f7378',
  in_progress: '#1f5fbf',
  at_risk: '#b35900',
  stalled: '#ba1a1a',
  completed: '#1b6d35',
  partially_completed: '#5b7a00',
  not_pursued: '#5c5a66',
};

/**
 * Status by policy area and by party, as stacked horizontal bars. Loaded with @defer, so chart.js
 * is a separate chunk. Each chart has a text alternative: a table with the same numbers.
 */
@Component({
  selector: 'pw-status-charts',
  imports: [BaseChartDirective],
  providers: [provideCharts({ registerables: [BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip] })],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (chart of charts(); track chart.id) {
      <figure class="pw-card pw-chart">
        <figcaption class="pw-section-title">{{ chart.title }}</figcaption>
        @if (chart.rows.length) {
          <div class="pw-chart__canvas" [style.height.px]="chart.height">
            <canvas baseChart type="bar" [data]="chart.data" [options]="options" role="img" [attr.aria-label]="chart.summary"></canvas>
          </div>
          <details class="pw-chart__table">
            <summary>Show the numbers</summary>
            <div class="pw-table-wrap">
              <table>
                <caption class="cdk-visually-hidden">
                  {{
                    chart.title
                  }}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{{ chart.rowHeader }}</th>
                    @for (status of statuses; track status) {
                      <th scope="col">{{ statusLabels[status] }}</th>
                    }
                    <th scope="col">Total</th>
                  </tr>
                </thead>
                <tbody>
                  @for (row of chart.rows; track row.name) {
                    <tr>
                      <th scope="row">{{ row.name }}</th>
                      @for (status of statuses; track status) {
                        <td>{{ row.byStatus[status] ?? 0 }}</td>
                      }
                      <td>{{ row.total }}</td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          </details>
        } @else {
          <p class="pw-muted">No data.</p>
        }
      </figure>
    }
  `,
  styles: `
    :host {
      display: grid;
      gap: 16px;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr));
    }
    .pw-chart {
      margin: 0;
      min-width: 0;
    }
    .pw-chart__canvas {
      position: relative;
    }
    .pw-chart__table {
      margin-top: 8px;
      font: var(--mat-sys-body-small);
    }
    .pw-chart__table summary {
      cursor: pointer;
      color: var(--mat-sys-primary);
    }
    table {
      border-collapse: collapse;
    }
    th,
    td {
      padding: 4px 8px;
      text-align: right;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    th[scope='row'],
    thead th:first-child {
      text-align: left;
    }
  `,
})
export class StatusCharts {
  readonly byArea = input.required<DashboardSummaryDto['byArea']>();
  readonly byParty = input.required<DashboardSummaryDto['byParty']>();

  protected readonly statuses = IMPLEMENTATION_STATUSES;
  protected readonly statusLabels = STATUS_LABELS;

  protected readonly options: ChartConfiguration<'bar'>['options'] = {
    indexAxis: 'y',
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    scales: {
      x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
      y: { stacked: true },
    },
    plugins: {
      legend: { position: 'bottom', labels: { boxWidth: 12, font: { family: 'Roboto' } } },
    },
  };

  protected readonly charts = computed(() => [
    this.chart('area', 'Status by policy area', 'Policy area', this.byArea()),
    this.chart(
      'party',
      'Status by party',
      'Party',
      this.byParty().map((p) => ({ ...p, name: `${p.name} (${p.code})` })),
    ),
  ]);

  private chart(id: string, title: string, rowHeader: string, rows: Row[]) {
    const present = IMPLEMENTATION_STATUSES.filter((s) => rows.some((r) => (r.byStatus[s] ?? 0) > 0));
    const data: ChartConfiguration<'bar'>['data'] = {
      labels: rows.map((r) => r.name),
      datasets: present.map((status) => ({
        label: STATUS_LABELS[status],
        data: rows.map((r) => r.byStatus[status] ?? 0),
        backgroundColor: STATUS_COLOURS[status],
        borderColor: '#ffffff',
        borderWidth: 1,
        maxBarThickness: 28,
      })),
    };
    const summary = `${title}: ${rows.map((r) => `${r.name} ${r.total}`).join(', ')}. The numbers by status are in the table below.`;
    return { id, title, rowHeader, rows, data, summary, height: Math.max(160, rows.length * 40 + 80) };
  }
}
