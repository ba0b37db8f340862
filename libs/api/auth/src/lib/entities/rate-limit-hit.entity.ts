import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One counted event (a failed sign-in, a reset request) in a rate-limit bucket such as
 * `login:account:<hash>` or `login:ip:<address>`. Kept in PostgreSQL so every replica sees the same counts.
 */
@Entity({ name: 'rate_limit_hits' })
@Index('rate_limit_hits_bucket_idx', ['bucket', 'hitAt'])
@Index('rate_limit_hits_at_idx', ['hitAt'])
export class RateLimitHitEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 160 })
  bucket!: string;

  @Column({ name: 'hit_at', type: 'timestamptz' })
  hitAt!: Date;
}
