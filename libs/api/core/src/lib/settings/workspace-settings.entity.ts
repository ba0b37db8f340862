import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import { UpdatedAtColumn } from '../clock/clock-timestamps';

/** The single row of workspace-wide settings (id is always 1). */
@Entity({ name: 'workspace_settings' })
export class WorkspaceSettingsEntity {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id!: number;

  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'UTC' })
  timeZone!: string;

  @Column({ name: 'stale_after_days', type: 'integer', default: 90 })
  staleAfterDays!: number;

  @Column({ name: 'public_portal', type: 'boolean', default: false })
  publicPortal!: boolean;

  @Column({ name: 'workspace_name', type: 'varchar', length: 120, default: 'Pactwatch' })
  workspaceName!: string;

  @VersionColumn()
  version!: number;

  @UpdatedAtColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
