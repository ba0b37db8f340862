import type { Role } from '@pactwatch/shared/contracts';

export interface NavItem {
  label: string;
  icon: string;
  link: string;
  /** Exact match for the home link, so it is not "active" on every page. */
  exact?: boolean;
  role?: Role;
}

export const MAIN_NAV: NavItem[] = [
  { label: 'Overview', icon: 'space_dashboard', link: '/', exact: true },
  { label: 'Commitments', icon: 'checklist', link: '/commitments' },
  { label: 'Agreements', icon: 'handshake', link: '/agreements' },
  { label: 'Calendar', icon: 'calendar_month', link: '/calendar' },
];

export const ADMIN_NAV: NavItem[] = [
  { label: 'Users', icon: 'group', link: '/admin/users', role: 'admin' },
  { label: 'Audit log', icon: 'policy', link: '/admin/audit', role: 'admin' },
  { label: 'Archive', icon: 'inventory_2', link: '/admin/archive', role: 'admin' },
  { label: 'Outbox', icon: 'outbox', link: '/admin/outbox', role: 'admin' },
  { label: 'Settings', icon: 'settings', link: '/admin/settings', role: 'admin' },
];
