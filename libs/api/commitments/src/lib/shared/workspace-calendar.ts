import { Injectable } from '@nestjs/common';
import { Clock, ValidationFailedException, WorkspaceSettingsService } from '@pactwatch/api/core';
import { localDate } from '@pactwatch/shared/deadlines';

export interface WorkspaceDay {
  /** Today in the workspace time zone, YYYY-MM-DD. */
  today: string;
  timeZone: string;
  staleAfterDays: number;
}

/** "Today" is the injected clock's date in the workspace time zone, never the server's. */
@Injectable()
export class WorkspaceCalendar {
  constructor(
    private readonly clock: Clock,
    private readonly settings: WorkspaceSettingsService,
  ) {}

  async day(): Promise<WorkspaceDay> {
    const settings = await this.settings.get();
    return { today: localDate(this.clock.now(), settings.timeZone), timeZone: settings.timeZone, staleAfterDays: settings.staleAfterDays };
  }

  /** Refuses an as-of date in the future: history cannot answer it. */
  static checkAsOf(asOf: string | undefined, today: string, field = 'asOf'): void {
    if (asOf !== undefined && asOf > today) {
      throw new ValidationFailedException([{ field, message: `must not be after today (${today})` }]);
    }
  }
}
