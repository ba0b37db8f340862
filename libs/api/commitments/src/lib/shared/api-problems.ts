import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import type { ProblemDetailsDto } from '@pactwatch/shared/contracts';

class FieldErrorResponse {
  @ApiProperty({ example: 'deadline.duration' }) field!: string;
  @ApiProperty({ example: 'must be an ISO-8601 duration such as P6M or P90D' }) message!: string;
}

/** RFC 9457 problem details, as every error is answered. */
export class ProblemDetailsResponse implements ProblemDetailsDto {
  @ApiProperty({ example: 'https://pactwatch.dev/problems/validation-failed' }) type!: string;
  @ApiProperty({ example: 'Bad Request' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: 'validation_failed' }) code!: string;
  @ApiProperty() detail!: string;
  @ApiPropertyOptional({ type: [FieldErrorResponse] }) errors?: FieldErrorResponse[];
  @ApiProperty() requestId!: string;
  @ApiPropertyOptional({ description: 'On 409 version_conflict: the record as it is now', type: 'object', additionalProperties: true })
  current?: unknown;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `errors` names each bad field',
  404: 'No record with this id',
  409: 'Stale version (`current` holds the record as it is now), a duplicate key, or a record still in use',
  413: 'Body too large',
  415: 'The body is not of a media type this operation takes; `detail` names the ones it does',
  429: 'Too many requests at once; `Retry-After` says when to try again',
};

/** Documents the problem responses an operation can give. */
export function ApiProblems(...statuses: (400 | 404 | 409 | 413 | 415 | 429)[]): MethodDecorator {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ProblemDetailsResponse })),
  );
}
