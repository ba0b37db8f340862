import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOmittable, IsSingleLineText } from '@pactwatch/api/core';
import { ROLES } from '@pactwatch/shared/contracts';
import type { CreateUserRequest, Role, UpdateMeRequest, UpdateUserRequest } from '@pactwatch/shared/contracts';
import { isValidTimeZone } from '@pactwatch/shared/deadlines';
import { IsBoolean, IsIn, IsInt, IsString, IsUUID, Matches, MaxLength, Min, MinLength, ValidateBy } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '../passwords/passwords';
import { EMAIL_PATTERN } from '../secrets';

export const IsTimeZone = () =>
  ValidateBy({
    name: 'isTimeZone',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isValidTimeZone(value),
      defaultMessage: () => 'must be an IANA time zone such as Europe/Brussels',
    },
  });

export class CreateUserBody implements CreateUserRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(320)
  @Matches(EMAIL_PATTERN, { message: 'must be an email address' })
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsSingleLineText()
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ description: 'Omit to email an invitation link instead' })
  @IsOmittable()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;
}

export class UpdateUserBody implements UpdateUserRequest {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsSingleLineText()
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOmittable()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsTimeZone()
  timeZone?: string;

  @ApiProperty({ description: 'The version you started editing from' })
  @IsInt()
  @Min(0)
  version!: number;
}

/** PATCH /api/me: only these fields; anything else (such as `role`) is refused with 400. */
export class UpdateMeBody implements UpdateMeRequest {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsSingleLineText()
  displayName?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsTimeZone()
  timeZone?: string;
}

export class UserIdParams {
  @ApiProperty({ format: 'uuid', description: 'The user id' })
  @IsUUID('all', { message: 'must be a user id' })
  id!: string;
}
