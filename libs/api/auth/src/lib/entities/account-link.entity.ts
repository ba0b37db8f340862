import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from './user.entity';

export type AccountLinkPurpose = 'password_reset' | 'invitation';

/** A single-use, expiring link emailed to a user (password reset or invitation). Only the token's SHA-256 is stored. */
@Entity({ name: 'account_links' })
@Index('account_links_token_hash_key', ['tokenHash'], { unique: true })
@Index('account_links_user_idx', ['userId', 'purpose'])
export class AccountLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'account_links_user_fk' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 16 })
  purpose!: AccountLinkPurpose;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  /** Set when the link is used, or when a newer link of the same purpose replaces it. */
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
