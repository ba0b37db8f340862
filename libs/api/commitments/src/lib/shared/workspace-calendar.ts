import { Injectable } from '@nestjs/common';
import { Clock, ValidationFailedException, WorkspaceSettings, WorkspaceSettingsService } from '@pactwatch/api/core';
import { localDate } from '@pactwatch/shared/deadlines';

export interface WorkspaceDay {
  /** Today in the workspace time zone, YYYY-MM-DD. */
  today: string;
  timeZone: string;
  staleAfterDays: number;
  workspaceName: string;
}

/** "Today" is the injected clock's date in the workspace time zone, never the server's. */
@Injectable()
export class WorkspaceCalendar {
  /** The settings last read for a data version; changing the settings moves the version (see DataVersionService). */
  private known: { version: number; settings: Promise<WorkspaceSettings> } | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly settings: WorkspaceSettingsService,
  ) {}

  /** Today and the settings that shape reads. Given the current data version, the settings are read once per version. */
  async day(version?: number): Promise<WorkspaceDay> {
    const settings = await this.settingsAt(version);
    return {
      today: localDate(this.clock.now(), settings.timeZone),
      timeZone: settings.timeZone,
      staleAfterDays: settings.staleAfterDays,
      workspaceName: settings.workspaceName,
    };
  }

  /** Refuses an as-of date in the future: history cannot answer it. */
  static checkAsOf(asOf: string | undefined, today: string, field = 'asOf'): void {
    if (asOf !== undefined && asOf > today) {
      throw new ValidationFailedException([{ field, message: `must not be after today (${today})` }]);
    }
  }

  private settingsAt(version: number | undefined): Promise<WorkspaceSettings> {
    if (version === undefined) return this.settings.get();
    if (this.known?.version !== version) {
      const settings = this.settings.get();
      this.known = { version, settings };
      settings.catch(() => {
        if (this.known?.settings === settings) this.known = null;
      });
    }
    return this.known.settings;
  }
}
