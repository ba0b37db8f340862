import { IsSingleLineText } from '@pactwatch/api/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  AcceptCandidateRequest,
  CandidateAnchorDto,
  DraftDeadline,
  ResolveQuoteReviewRequest,
  UpdateCandidateRequest,
} from '@pactwatch/shared/contracts';
import { isIsoDate, isValidIsoDuration } from '@pactwatch/shared/deadlines';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

/** Text and url are two ways to send the same thing: a body with both is refused, naming url. */
const OnlyOneOfTextAndUrl = () =>
  ValidateBy({
    name: 'onlyOneOfTextAndUrl',
    validator: {
      validate: (_value: unknown, args) => (args?.object as { text?: unknown }).text === undefined,
      defaultMessage: () => 'send either text or url, not both',
    },
  });

/** A whole body of pasted text is taken up to the request size limit; the text itself is kept as sent. */
export class CreateSourceBody {
  @ApiPropertyOptional({ maxLength: 300, description: 'The document title (by default the file name, the URL or "Pasted text")' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  @IsSingleLineText()
  title?: string;

  @ApiPropertyOptional({ description: 'Pasted text (exactly one of text and url)' })
  @ValidateIf((body: CreateSourceBody) => body.text !== undefined || body.url === undefined)
  @IsString({ message: 'is required (or send url)' })
  @MinLength(1, { message: 'must not be empty' })
  text?: string;

  @ApiPropertyOptional({ description: 'A URL to fetch once (exactly one of text and url)', maxLength: 2000 })
  @ValidateIf((body: CreateSourceBody) => body.url !== undefined || body.text === undefined)
  @Transform(trim)
  @IsString({ message: 'is required (or send text)' })
  @OnlyOneOfTextAndUrl()
  @MaxLength(2000)
  url?: string;
}

export class NewVersionBody {
  @ApiPropertyOptional({ description: 'The new text (exactly one of text and url)' })
  @ValidateIf((body: NewVersionBody) => body.text !== undefined || body.url === undefined)
  @IsString({ message: 'is required (or send url)' })
  @MinLength(1, { message: 'must not be empty' })
  text?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @ValidateIf((body: NewVersionBody) => body.url !== undefined || body.text === undefined)
  @Transform(trim)
  @IsString({ message: 'is required (or send text)' })
  @OnlyOneOfTextAndUrl()
  @MaxLength(2000)
  url?: string;
}

export class UploadQueryDto {
  @ApiPropertyOptional({ maxLength: 300, description: 'The document title (by default the file name)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  @IsSingleLineText()
  title?: string;
}

export class VersionParams {
  @ApiProperty({ format: 'uuid' })
  @IsString()
  documentId!: string;

  @ApiProperty({ minimum: 1 })
  @Transform(toInt)
  @IsInt({ message: 'must be a version number (1, 2, …)' })
  @Min(1)
  @Max(1_000_000)
  number!: number;
}

const DRAFT_KINDS = ['none', 'absolute', 'relative', 'recurring'] as const;

function validDraftDeadline(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'must be an object with a kind';
  const draft = value as Record<string, unknown>;
  switch (draft['kind']) {
    case 'none':
      return null;
    case 'absolute':
      if (typeof draft['date'] !== 'string' || !isIsoDate(draft['date'])) return 'date must be a date in YYYY-MM-DD format';
      return ['day', 'month', 'quarter', 'year'].includes(draft['precision'] as string)
        ? null
        : 'precision must be day, month, quarter or year';
    case 'relative':
      return typeof draft['duration'] === 'string' && isValidIsoDuration(draft['duration'])
        ? null
        : 'duration must be an ISO-8601 duration such as P6M';
    case 'recurring':
      if (!(typeof draft['interval'] === 'string' && isValidIsoDuration(draft['interval'])))
        return 'interval must be an ISO-8601 duration such as P1Y';
      return draft['start'] === undefined || (typeof draft['start'] === 'string' && isIsoDate(draft['start']))
        ? null
        : 'start must be a date in YYYY-MM-DD format';
    default:
      return `kind must be one of ${DRAFT_KINDS.join(', ')}`;
  }
}

function validAnchor(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== 'object') return 'must be {"kind": "existing", "anchorEventId"} or {"kind": "new", "name"}';
  const anchor = value as Record<string, unknown>;
  if (anchor['kind'] === 'existing') {
    return typeof anchor['anchorEventId'] === 'string' && /^[0-9a-f-]{36}$/i.test(anchor['anchorEventId'])
      ? null
      : 'anchorEventId must be an anchor event id (UUID)';
  }
  if (anchor['kind'] === 'new') {
    return typeof anchor['name'] === 'string' && anchor['name'].trim().length > 0 && anchor['name'].length <= 200
      ? null
      : 'name must be 1–200 characters';
  }
  return 'kind must be existing or new';
}

const Checked = (check: (value: unknown) => string | null) =>
  ValidateBy({
    name: 'checked',
    validator: {
      validate: (value: unknown) => check(value) === null,
      defaultMessage: (args) => check(args?.value) ?? 'is invalid',
    },
  });

export class UpdateCandidateBody implements UpdateCandidateRequest {
  @ApiProperty({ minimum: 1, description: 'The version you started editing from' })
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(2_147_483_647)
  version!: number;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(300)
  @IsSingleLineText()
  title?: string;

  @ApiPropertyOptional({ description: 'The quote: verbatim text of the version (with start/end, exactly the text between them)' })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(20000)
  quote?: string;

  @ApiPropertyOptional({ minimum: 0 })
  @ValidateIf((body: UpdateCandidateBody) => body.start !== undefined || body.end !== undefined)
  @IsInt({ message: 'must be a whole number (start and end go together)' })
  @Min(0)
  @Max(2_147_483_647)
  start?: number;

  @ApiPropertyOptional({ minimum: 1 })
  @ValidateIf((body: UpdateCandidateBody) => body.start !== undefined || body.end !== undefined)
  @IsInt({ message: 'must be a whole number (start and end go together)' })
  @Min(1)
  @Max(2_147_483_647)
  end?: number;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  responsibleBody?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 50 })
  @ValidateIf((_body: unknown, value: unknown) => value !== undefined) // null is refused: the column keeps a value
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(16, { each: true })
  partyCodes?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: 50 })
  @ValidateIf((_body: unknown, value: unknown) => value !== undefined) // null is refused: the column keeps a value
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  areaSlugs?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'none | absolute {date, precision} | relative {duration} | recurring {interval, start?}',
  })
  @ValidateIf((_body: unknown, value: unknown) => value !== undefined) // null is refused: the column keeps a value
  @IsObject({ message: 'must be an object with a kind' })
  @Checked(validDraftDeadline)
  deadline?: DraftDeadline;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: '{kind: existing, anchorEventId} or {kind: new, name}',
  })
  @IsOptional()
  @Checked(validAnchor)
  anchor?: CandidateAnchorDto | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a commitment id (UUID)' })
  parentId?: string | null;
}

export class VersionBody {
  @ApiProperty({ minimum: 1, description: 'The version of the draft you decided on' })
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class AcceptCandidateBody extends VersionBody implements AcceptCandidateRequest {
  @ApiPropertyOptional({ example: 'AZ-US-2025-07', description: "By default the next free code after the agreement's" })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, { message: 'must be 1–64 letters, digits, dots, slashes or hyphens, e.g. AZ-US-2025-01' })
  refCode?: string;
}

export class ResolveQuoteReviewBody implements ResolveQuoteReviewRequest {
  @ApiProperty({ enum: ['move', 'keep'] })
  @IsIn(['move', 'keep'], { message: 'must be move or keep' })
  decision!: 'move' | 'keep';

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(2_147_483_647)
  start?: number;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(2_147_483_647)
  end?: number;
}
