/**
 * Reading the workspace settings row without the ORM: the access guard reads it on every anonymous request,
 * so it is one plain statement. Framework-free, so the benchmark's floor runs the same statement.
 */

export interface WorkspaceSettings {
  timeZone: string;
  staleAfterDays: number;
  publicPortal: boolean;
  workspaceName: string;
  version: number;
}

export const WORKSPACE_SETTINGS_STATEMENT = `SELECT time_zone, stale_after_days, public_portal, workspace_name, version FROM workspace_settings WHERE id = 1`;

export interface WorkspaceSettingsRow {
  time_zone: string;
  stale_after_days: number;
  public_portal: boolean;
  workspace_name: string;
  version: number;
}

/** The settings from the statement's rows; the defaults of the Initial migration when the row is missing. */
export function toWorkspaceSettings(rows: readonly WorkspaceSettingsRow[]): WorkspaceSettings {
  const row = rows[0];
  return {
    timeZone: row?.time_zone ?? 'UTC',
    staleAfterDays: row?.stale_after_days ?? 90,
    publicPortal: row?.public_portal ?? false,
    workspaceName: row?.workspace_name ?? 'Pactwatch',
    version: row?.version ?? 0,
  };
}
