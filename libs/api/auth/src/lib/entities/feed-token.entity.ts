import type { FeedFilter, FeedKind } from '@pactwatch/shared/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * A feed token: reads one feed (`feed`, with the list filter `filter`) through `?token=` in its URL, for
 * calendar apps and feed readers, which cannot sign in. It is accepted on that feed's route only, never as
 * a bearer token, so a calendar link pasted into a third-party service reads one calendar and nothing else.
 * Only its SHA-256 is kept. `filter` null: a link made before feed tokens existed, which reads any filter.
 */
@Entity({ name: 'feed_tokens' })
@Index('feed_tokens_token_hash_key', ['tokenHash'], { unique: true })
@Index('feed_tokens_user_idx', ['userId', 'createdAt'])
export class FeedTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'feed_tokens_user_fk' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  feed!: FeedKind;

  @Column({ type: 'jsonb', nullable: true })
  filter!: FeedFilter | null;

  /** The first characters of the token, so its owner can tell links apart. */
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
