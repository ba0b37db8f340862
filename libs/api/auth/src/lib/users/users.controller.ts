import { Body, Controller, Get, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@pactwatch/api/core';
import type { RequestUser } from '@pactwatch/api/core';
import type { MeDto, UserDto } from '@pactwatch/shared/contracts';
import type { AuthRequest } from '../access/auth-request';
import { actorOf, CurrentUser } from '../access/current-user.decorator';
import { SessionOnly } from '../access/session-only.decorator';
import { CreateUserBody, UpdateMeBody, UpdateUserBody, UserIdParams } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Access('admin')
  @ApiOperation({ summary: 'All accounts' })
  list(): Promise<UserDto[]> {
    return this.users.list();
  }

  @Post()
  @Access('admin')
  @SessionOnly()
  @ApiOperation({ summary: 'Create an account; without a password, the user is emailed an invitation link' })
  create(@Body() body: CreateUserBody, @Req() request: AuthRequest): Promise<UserDto> {
    return this.users.create(body, actorOf(request));
  }

  @Patch(':id')
  @Access('admin')
  @SessionOnly()
  @ApiOperation({ summary: 'Change a user’s name, role, time zone or disabled flag (send the version you edited)' })
  update(@Param() params: UserIdParams, @Body() body: UpdateUserBody, @Req() request: AuthRequest): Promise<UserDto> {
    return this.users.update(params.id, body, actorOf(request));
  }
}

@ApiTags('users')
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Access('viewer')
  @ApiOperation({ summary: 'The signed-in user' })
  me(@CurrentUser() user: RequestUser): Promise<MeDto> {
    return this.users.me(user.id);
  }

  @Patch()
  @Access('viewer')
  @ApiOperation({ summary: 'Change your display name or time zone (other fields, such as role, are refused)' })
  update(@CurrentUser() user: RequestUser, @Body() body: UpdateMeBody, @Req() request: AuthRequest): Promise<MeDto> {
    return this.users.updateMe(user.id, body, actorOf(request));
  }
}
