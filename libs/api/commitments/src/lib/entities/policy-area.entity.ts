import { CreatedAtColumn, UpdatedAtColumn } from '@pactwatch/api/core';
import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

/** A tag such as energy, trade or transit. */
@Entity({ name: 'policy_areas' })
@Index('policy_areas_slug_key', ['slug'], { unique: true })
export class PolicyAreaEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  slug!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @VersionColumn()
  version!: number;

  @CreatedAtColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdatedAtColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
