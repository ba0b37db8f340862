import { CreatedAtColumn, UpdatedAtColumn } from '@pactwatch/api/core';
import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

export type UserRole = 'viewer' | 'analyst' | 'admin';

@Entity({ name: 'users' })
@Index('users_email_key', ['emailNormalized'], { unique: true })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ name: 'email_normalized', type: 'varchar', length: 320 })
  emailNormalized!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ type: 'varchar', length: 16, default: 'viewer' })
  role!: UserRole;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'UTC' })
  timeZone!: string;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @VersionColumn()
  version!: number;

  @CreatedAtColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdatedAtColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
