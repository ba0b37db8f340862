import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Actor, AuditService } from '@pactwatch/api/audit';
import { Clock, hideLinkTokens, MailHealthReader, MailOutboxEntity, NotFoundException } from '@pactwatch/api/core';
import type { DeliveryDto, DeliveryPreviewDto, MailStatusDto, Page } from '@pactwatch/shared/contracts';
import { DataSource, FindOptionsSelect } from 'typeorm';
import { RemindersException } from '../reminders-exception';
import type { OutboxQueryParams } from './outbox.dto';

const LIST_COLUMNS: FindOptionsSelect<MailOutboxEntity> = Object.fromEntries(
  [
    'id',
    'recipient',
    'subject',
    'reason',
    'kind',
    'state',
    'attempts',
    'nextAttemptAt',
    'lastError',
    'messageId',
    'sentAt',
    'createdAt',
    'items',
    'supersededBy',
  ].map((column) => [column, true]),
);

/** The admin's view of the outbox: every mail planned, its state, and exactly what it says. */
@Injectable()
export class OutboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly mailHealth: MailHealthReader,
    private readonly audit: AuditService,
  ) {}

  async list(query: OutboxQueryParams): Promise<Page<DeliveryDto>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const [rows, total] = await this.dataSource.getRepository(MailOutboxEntity).findAndCount({
      select: LIST_COLUMNS,
      where: query.state ? { state: query.state } : {},
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(toDeliveryDto), total, page, pageSize };
  }

  async preview(id: string): Promise<DeliveryPreviewDto> {
    const row = await this.dataSource.getRepository(MailOutboxEntity).findOneBy({ id });
    if (!row) throw new NotFoundException('Delivery', id);
    return { ...toDeliveryDto(row), html: hideLinkTokens(row.html), text: hideLinkTokens(row.text) };
  }

  async status(): Promise<MailStatusDto> {
    const health = await this.mailHealth.read();
    return {
      configured: health.configured,
      status: !health.configured ? 'not_configured' : health.failingSince ? 'failing' : 'ok',
      failingSince: health.failingSince?.toISOString() ?? null,
      failingForHours: health.failingForHours,
      lastError: health.lastError,
      lastSuccessAt: health.lastSuccessAt?.toISOString() ?? null,
      unsent: health.unsent,
    };
  }

  /**
   * Queues a dead or failed mail again, due now, with a fresh count of attempts; the ledger items stay with it, so
   * nothing is planned twice. A reminder sent this way is rendered for the recipient's day at sending.
   */
  async retry(actor: Actor, id: string): Promise<DeliveryDto> {
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(MailOutboxEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new NotFoundException('Delivery', id);
      if (row.state !== 'dead' && row.state !== 'failed') {
        throw new RemindersException('conflict', `Only a dead or failed mail can be sent again; this one is ${row.state}`, {
          state: row.state,
        });
      }
      const now = this.clock.now();
      const note = `Sent again by ${actor.label} at ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
      await manager.update(
        MailOutboxEntity,
        { id },
        {
          state: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          claimedBy: null,
          staleAt: null,
          lastError: row.lastError ? `${row.lastError} / ${note}` : note,
        },
      );
      await this.audit.record(manager, actor, {
        action: 'update',
        entityType: 'mail_delivery',
        entityId: id,
        before: { state: row.state, attempts: row.attempts },
        after: { state: 'pending', attempts: 0 },
        summary: `Sent a ${row.state} mail to ${row.recipient} again: ${row.subject}`.slice(0, 500),
      });
      return toDeliveryDto((await manager.findOneByOrFail(MailOutboxEntity, { id })) as MailOutboxEntity);
    });
  }
}

export function toDeliveryDto(row: MailOutboxEntity): DeliveryDto {
  return {
    id: row.id,
    recipient: row.recipient,
    subject: row.subject,
    reason: row.reason || row.kind,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    lastError: row.lastError,
    messageId: row.messageId,
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    itemCount: Array.isArray(row.items) ? row.items.length : 0,
    supersededBy: row.supersededBy ?? null,
    retryable: row.state === 'dead' || row.state === 'failed',
  };
}
