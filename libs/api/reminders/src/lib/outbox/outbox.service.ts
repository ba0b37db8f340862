import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hideLinkTokens, MailOutboxEntity, NotFoundException } from '@pactwatch/api/core';
import type { DeliveryDto, DeliveryPreviewDto, Page } from '@pactwatch/shared/contracts';
import { DataSource, FindOptionsSelect } from 'typeorm';
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
  ].map((column) => [column, true]),
);

/** The admin's view of the outbox: every mail planned, its state, and exactly what it says. */
@Injectable()
export class OutboxService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
  };
}
