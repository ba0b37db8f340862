import { IsSingleLineText } from '@pactwatch/api/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  AcceptInvitationRequest,
  ChangePasswordRequest,
  LoginRequest,
  PasswordResetConfirmRequest,
  PasswordResetRequest,
} from '@pactwatch/shared/contracts';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '../passwords/passwords';
import { EMAIL_PATTERN } from '../secrets';

export class LoginBody implements LoginRequest {
  @ApiProperty({ example: 'analyst@pactwatch.local' })
  @IsString()
  @MaxLength(320)
  @Matches(EMAIL_PATTERN, { message: 'must be an email address' })
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class ChangePasswordBody implements ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword!: string;

  @ApiProperty({ description: 'At least 12 characters; not a common password, not your email address' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword!: string;
}

export class PasswordResetRequestBody implements PasswordResetRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(320)
  @Matches(EMAIL_PATTERN, { message: 'must be an email address' })
  email!: string;
}

export class PasswordResetConfirmBody implements PasswordResetConfirmRequest {
  @ApiProperty({ description: 'The token from the emailed link' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token!: string;

  @ApiProperty({ description: 'At least 12 characters; not a common password, not your email address' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword!: string;
}

export class AcceptInvitationBody implements AcceptInvitationRequest {
  @ApiProperty({ description: 'The token from the emailed link' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token!: string;

  @ApiProperty({ description: 'At least 12 characters; not a common password, not your email address' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsSingleLineText()
  displayName?: string;
}
