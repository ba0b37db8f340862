import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { MailOutboxEntity } from './mail-outbox.entity';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Unique per message: enqueueing the same key twice stores one row. */
  dedupeKey: string;
}

/**
 * Where features put the email they want sent. Messages are persisted, never sent inline, so a
 * write and the mail it triggers commit together; a sender (the reminders library) delivers them.
 */
export abstract class MailOutbox {
  /** Stores the message as `pending`; pass the caller's transaction so both commit together. */
  abstract enqueue(message: OutgoingMail, manager?: EntityManager): Promise<void>;
}

/** The outbox as rows of `mail_outbox` in PostgreSQL. */
@Injectable()
export class DatabaseMailOutbox extends MailOutbox {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    super();
  }

  async enqueue(message: OutgoingMail, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(MailOutboxEntity)
      .values({
        recipient: message.to,
        subject: message.subject.slice(0, 300),
        text: message.text,
        html: message.html,
        state: 'pending',
        dedupeKey: message.dedupeKey,
        createdAt: this.clock.now(),
      })
      .orIgnore()
      .execute();
  }
}
