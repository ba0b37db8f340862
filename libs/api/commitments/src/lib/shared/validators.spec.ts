import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { CommitmentListQueryDto } from '../commitments/commitment-query.dto';
import { CreateCommitmentBody } from '../commitments/commitment.requests';

function fields(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    return [...(error.constraints ? [field] : []), ...fields(error.children ?? [], field)];
  });
}

const validate = <T extends object>(type: new () => T, plain: object) =>
  fields(validateSync(plainToInstance(type, plain), { whitelist: true, forbidNonWhitelisted: true })).sort();

describe('request validation', () => {
  const valid = { refCode: 'AZ-US-2025-01', title: 'Charter', agreementId: '6f1c1f9e-0000-4000-8000-000000000001' };

  it('accepts each kind of deadline spec', () => {
    for (const deadline of [
      { kind: 'none' },
      { kind: 'absolute', date: '2026-12-31', precision: 'year' },
      { kind: 'relative', anchorEventId: '6f1c1f9e-0000-4000-8000-000000000002', duration: 'P6M' },
      { kind: 'recurring', interval: 'P180D', start: '2025-08-08' },
    ]) {
      expect(validate(CreateCommitmentBody, { ...valid, deadline })).toEqual([]);
    }
  });

  it('names each bad field of a deadline, as the deadline library sees it', () => {
    expect(validate(CreateCommitmentBody, { ...valid, deadline: { kind: 'absolute', date: '2026-02-30', duration: 'P1M' } })).toEqual([
      'deadline.date',
      'deadline.duration',
      'deadline.precision',
    ]);
    expect(
      validate(CreateCommitmentBody, {
        ...valid,
        deadline: { kind: 'recurring', interval: 'P1Y', start: '2025-01-01', anchorEventId: 'x' },
      }),
    ).toEqual(['deadline.anchorEventId']);
    expect(validate(CreateCommitmentBody, { ...valid, deadline: 'P6M' })).toContain('deadline');
    expect(validate(CreateCommitmentBody, valid)).toEqual(['deadline']);
  });

  it('refuses null for fields that cannot be empty, but allows it where the contract does', () => {
    expect(
      validate(CreateCommitmentBody, { ...valid, deadline: { kind: 'none' }, description: null, parentId: null, sourceUrl: null }),
    ).toEqual(['description']);
  });

  it('reads list query parameters, and refuses absurd page sizes', () => {
    expect(validate(CommitmentListQueryDto, { status: 'in_progress,at_risk', flag: 'overdue', pageSize: '200', page: '3' })).toEqual([]);
    expect(validate(CommitmentListQueryDto, { pageSize: '201', page: '0', assignee: 'me,someone' })).toEqual([
      'assignee',
      'page',
      'pageSize',
    ]);
  });
});
