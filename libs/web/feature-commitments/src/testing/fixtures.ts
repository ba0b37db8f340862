import type { CommitmentDetailDto, CommitmentSummaryDto, SessionStateDto } from '@pactwatch/shared/contracts';

export const ANALYST_SESSION: SessionStateDto = {
  user: { id: 'u-ana', email: 'analyst@example.org', displayName: 'Ana Analyst', role: 'analyst', timeZone: 'UTC' },
  publicPortal: false,
  workspaceName: 'Pactwatch',
  timeZone: 'UTC',
};

export function summary(overrides: Partial<CommitmentSummaryDto> = {}): CommitmentSummaryDto {
  return {
    id: 'c-charter',
    refCode: 'AZ-US-2025-01',
    title: 'Draft the Strategic Partnership Charter',
    agreement: { id: 'a-mou', title: 'Memorandum of Understanding', kind: 'mou', signedOn: '2025-08-08' },
    parentId: null,
    responsibleBody: 'Joint working group',
    parties: [
      { id: 'p-az', code: 'AZ', name: 'Azerbaijan' },
      { id: 'p-us', code: 'US', name: 'United States' },
    ],
    areas: [{ id: 'ar-energy', slug: 'energy', name: 'Energy' }],
    deadline: { kind: 'relative', anchorEventId: 'ae-signed', duration: 'P6M' },
    dueDate: '2026-02-08',
    anchorPending: false,
    deadlineText: '6 months after MoU signed (8 Aug 2025) → 8 Feb 2026',
    status: 'in_progress',
    progress: 30,
    rolledUpProgress: 30,
    flags: ['due_soon'],
    lastVerifiedOn: '2026-01-20',
    isExample: false,
    version: 7,
    updatedAt: '2026-01-20T10:00:00.000Z',
    ...overrides,
  };
}

export function detail(overrides: Partial<CommitmentDetailDto> = {}): CommitmentDetailDto {
  return {
    ...summary(),
    description: 'A joint working group drafts the charter.',
    sourceQuote: 'The Sides shall establish a joint working group to draft a Strategic Partnership Charter within six months.',
    sourceLocator: 'Operative paragraph 2',
    sourceUrl: null,
    owner: null,
    assignees: [],
    anchorEvent: {
      id: 'ae-signed',
      agreementId: 'a-mou',
      name: 'MoU signed',
      occurredOn: '2025-08-08',
      note: '',
      dependentCommitments: 3,
      version: 1,
    },
    children: [],
    history: [
      {
        id: 'su-1',
        commitmentId: 'c-charter',
        author: 'Ana Analyst',
        createdAt: '2025-10-15T12:00:00.000Z',
        effectiveOn: '2025-10-15',
        statusBefore: 'not_started',
        statusAfter: 'in_progress',
        progressBefore: 0,
        progressAfter: 30,
        note: 'Drafting started.',
        correctsId: null,
        evidence: [],
      },
    ],
    watchers: [],
    watchedByMe: false,
    createdAt: '2025-08-08T12:00:00.000Z',
    ...overrides,
  };
}
