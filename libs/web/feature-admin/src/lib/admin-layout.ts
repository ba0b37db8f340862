import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatTabLink, MatTabNav, MatTabNavPanel } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { PageHeader } from '@pactwatch/web/ui';

@Component({
  selector: 'pw-admin-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatTabNav, MatTabLink, MatTabNavPanel, PageHeader],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <pw-page-header
      title="Administration"
      subtitle="Users and roles, the audit trail, archived commitments, reminder deliveries and workspace settings"
    />
    <nav mat-tab-nav-bar [tabPanel]="panel" aria-label="Administration sections">
      @for (link of links; track link.path) {
        <a mat-tab-link [routerLink]="link.path" routerLinkActive #rla="routerLinkActive" [active]="rla.isActive">{{ link.label }}</a>
      }
    </nav>
    <mat-tab-nav-panel #panel class="pw-admin-panel">
      <router-outlet />
    </mat-tab-nav-panel>
  `,
  styles: `
    .pw-admin-panel {
      display: block;
      padding-top: 16px;
    }
  `,
})
export class AdminLayout {
  protected readonly links = [
    { path: 'users', label: 'Users' },
    { path: 'audit', label: 'Audit log' },
    { path: 'archive', label: 'Archive' },
    { path: 'outbox', label: 'Outbox' },
    { path: 'settings', label: 'Settings' },
  ];
}
