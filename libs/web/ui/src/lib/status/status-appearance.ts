import type { ImplementationStatus } from '@pactwatch/shared/contracts';
import { STATUS_LABELS } from '@pactwatch/shared/deadlines';

export const STATUS_ICONS: Record<ImplementationStatus, string> = {
  not_started: 'radio_button_unchecked',
  in_progress: 'progress_activity',
  at_risk: 'warning',
  stalled: 'pause_circle',
  completed: 'check_circle',
  partially_completed: 'rule',
  not_pursued: 'block',
};

export function statusLabel(status: ImplementationStatus | null | undefined): string {
  return status ? STATUS_LABELS[status] : '—';
}
