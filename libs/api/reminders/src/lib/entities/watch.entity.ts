import { UserEntity } from '@pactwatch/api/auth';
import type { WatchTargetType } from '@pactwatch/shared/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export const WATCH_TARGET_TYPES: readonly WatchTargetType[] = ['commitment', 'agreement', 'area'];

/** A user follows a commitment, an agreement or a policy area, and is reminded of what is due in it. */
@Entity({ name: 'watches' })
@Index('watches_user_target_key', ['userId', 'targetType', 'targetId'], { unique: true })
// The planner's recipient lookup: who watches this commitment / agreement / area.
@Index('watches_target_idx', ['targetType', 'targetId'])
@Check('watches_target_type_check', `"target_type" IN ('commitment', 'agreement', 'area')`)
export class WatchEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'watches_user_fk' })
  user?: UserEntity;

  @Column({ name: 'target_type', type: 'varchar', length: 16 })
  targetType!: WatchTargetType;

  /** The commitment, agreement or policy area id (checked when the watch is created). */
  @Column({ name: 'target_id', type: 'uuid' })
  targetId!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
