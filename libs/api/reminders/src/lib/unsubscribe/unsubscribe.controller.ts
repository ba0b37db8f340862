import { Controller, Get, Header, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CsrfExempt } from '@pactwatch/api/core';
import { IsString, MaxLength } from 'class-validator';
import { UnsubscribeService } from './unsubscribe.service';

export class UnsubscribeQuery {
  @IsString()
  @MaxLength(200)
  token!: string;
}

/**
 * The links in every reminder's List-Unsubscribe header (RFC 8058). No sign-in: the signed token is the
 * authority. GET only shows a confirmation (mail scanners follow links); POST unsubscribes.
 */
@ApiTags('reminders')
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly unsubscribe: UnsubscribeService) {}

  @Get()
  @Access('public')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Confirmation page for an unsubscribe link (changes nothing)' })
  confirm(@Query() query: UnsubscribeQuery): Promise<string> {
    return this.unsubscribe.confirmationPage(query.token);
  }

  @Post()
  @HttpCode(200)
  @Access('public')
  @CsrfExempt('mail clients post RFC 8058 one-click requests without cookies; the signed token is the authority')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'One-click unsubscribe (RFC 8058): turns off all reminder mail for the token’s user' })
  oneClick(@Query() query: UnsubscribeQuery): Promise<string> {
    return this.unsubscribe.unsubscribe(query.token);
  }
}
