import { ADVISORY_LOCKS, withAdvisoryLock } from '@pactwatch/api/core';
import { AnchorDates, computeDueDate, DeadlineSpec, ImplementationStatus, localDate } from '@pactwatch/shared/deadlines';
import { DataSource, EntityManager } from 'typeorm';
import { recordAnchorDateChange } from '../anchors/anchor-date-history';
import {
  AgreementEntity,
  AnchorEventEntity,
  CommitmentEntity,
  EvidenceEntity,
  PartyEntity,
  PolicyAreaEntity,
  StatusUpdateEntity,
} from '../entities';

/** Who recorded the demo data, in the history entries it writes. */
const DEMO_AUTHOR = 'Pactwatch demo data';

const AREAS: [string, string][] = [
  ['energy', 'Energy'],
  ['trade', 'Trade'],
  ['transit', 'Transit'],
  ['digital-infrastructure', 'Digital infrastructure'],
  ['defense', 'Defense'],
  ['counterterrorism', 'Counterterrorism'],
];

const PARTIES: [string, string][] = [
  ['AZ', 'Azerbaijan'],
  ['US', 'United States'],
  ['AM', 'Armenia'],
];

interface DemoCommitment {
  refCode: string;
  title: string;
  description: string;
  agreement: string;
  parent?: string;
  quote?: string;
  locator?: string;
  responsibleBody: string;
  parties: string[];
  areas: string[];
  deadline: DeadlineSpec | ((anchors: Record<string, string>) => DeadlineSpec);
  history: {
    on: string;
    status: ImplementationStatus;
    progress: number;
    note: string;
    evidence?: { title: string; url: string; kind: EvidenceEntity['kind'] };
  }[];
  lastVerifiedOn?: string | null;
  isExample?: boolean;
}

/**
 * Loads the reference case: the Azerbaijan–United States memorandum of 8 August 2025, its
 * Strategic Partnership Charter commitment (six months from signing), the Section 907 waiver,
 * the transit corridor and peace items, plus a few commitments marked as examples so every
 * schedule flag shows on the dashboard. Runs once: returns false when data already exists.
 */
export async function seedDemoData(dataSource: DataSource, now: Date): Promise<boolean> {
  return withAdvisoryLock(dataSource, ADVISORY_LOCKS.demoSeed, () =>
    dataSource.transaction(async (manager) => {
      if ((await manager.count(AgreementEntity)) > 0) return false;
      await insertDemoData(manager, localDate(now, 'UTC'), now);
      return true;
    }),
  );
}

async function insertDemoData(manager: EntityManager, today: string, now: Date): Promise<void> {
  const areas = new Map<string, PolicyAreaEntity>();
  for (const [slug, name] of AREAS) areas.set(slug, await manager.save(manager.create(PolicyAreaEntity, { slug, name })));
  const parties = new Map<string, PartyEntity>();
  for (const [code, name] of PARTIES) parties.set(code, await manager.save(manager.create(PartyEntity, { code, name, kind: 'country' })));

  const agreements = new Map<string, AgreementEntity>();
  const addAgreement = async (key: string, data: Partial<AgreementEntity>, partyCodes: string[]) => {
    const saved = await manager.save(manager.create(AgreementEntity, { ...data, parties: partyCodes.map((c) => must(parties, c)) }));
    agreements.set(key, saved);
  };
  await addAgreement(
    'mou',
    {
      title: 'Memorandum of Understanding between Azerbaijan and the United States on a Strategic Partnership Charter',
      kind: 'mou',
      signedOn: '2025-08-08',
      sourceUrl: null,
      summary:
        'Signed at the White House by the presidents of Azerbaijan and the United States. Sets up a joint working group to draft a Strategic Partnership Charter within six months, framing cooperation in energy, trade, transit, digital infrastructure, defense and counterterrorism.',
    },
    ['AZ', 'US'],
  );
  await addAgreement(
    'waiver',
    {
      title: 'Suspension of Section 907 of the FREEDOM Support Act',
      kind: 'executive_order',
      signedOn: '2025-08-08',
      sourceUrl: null,
      summary:
        'During the same visit Washington suspended Section 907, which restricts U.S. assistance to the government of Azerbaijan. A suspension is done now but can lapse or be renewed.',
    },
    ['US', 'AZ'],
  );
  await addAgreement(
    'peace',
    {
      title: 'Washington joint declaration on Armenia–Azerbaijan peace and regional connectivity',
      kind: 'joint_declaration',
      signedOn: '2025-08-08',
      sourceUrl: null,
      summary:
        'U.S. support for an Armenia–Azerbaijan peace agreement, and the proposed Zangezur transit corridor nicknamed the "Trump Route".',
    },
    ['AM', 'AZ', 'US'],
  );

  const anchors = new Map<string, AnchorEventEntity>();
  const addAnchor = async (key: string, agreement: string, name: string, occurredOn: string | null, note = '') => {
    const anchor = await manager.save(
      manager.create(AnchorEventEntity, { agreementId: must(agreements, agreement).id, name, occurredOn, note }),
    );
    anchors.set(key, anchor);
    // The same first history entry the API writes for an anchor recorded with its date.
    if (occurredOn) {
      await recordAnchorDateChange(manager, {
        anchorEventId: anchor.id,
        previousDate: null,
        newDate: occurredOn,
        reason: 'Recorded',
        by: { id: null, label: DEMO_AUTHOR },
        // Recorded on the day it happened (never later than now), so later corrections come out on top.
        at: new Date(Math.min(Date.parse(`${occurredOn}T12:00:00Z`), now.getTime() - 60_000)),
      });
    }
  };
  await addAnchor('mou-signed', 'mou', 'MoU signed', '2025-08-08', 'Signed at the White House.');
  await addAnchor('waiver-issued', 'waiver', 'Section 907 waiver issued', '2025-08-08');
  await addAnchor('peace-signed', 'peace', 'Peace agreement signed', null, 'Pending: the peace agreement has not been signed yet.');

  const anchorDates: AnchorDates = Object.fromEntries([...anchors.values()].map((a) => [a.id, a.occurredOn]));
  const anchorId = (key: string) => must(anchors, key).id;
  const example = (days: number) => shift(today, days);

  const commitments: DemoCommitment[] = [
    {
      refCode: 'AZ-US-2025-01',
      title: 'Draft the Strategic Partnership Charter',
      description:
        'A joint working group drafts a Strategic Partnership Charter framing cooperation in energy, trade, transit, digital infrastructure, defense and counterterrorism.',
      agreement: 'mou',
      quote: 'The Sides shall establish a joint working group to draft a Strategic Partnership Charter within six months.',
      locator: 'Operative paragraph (wording paraphrased in the demo data)',
      responsibleBody: 'Joint working group',
      parties: ['AZ', 'US'],
      areas: AREAS.map(([slug]) => slug),
      deadline: { kind: 'relative', anchorEventId: anchorId('mou-signed'), duration: 'P6M' },
      history: [
        { on: '2025-08-08', status: 'not_started', progress: 0, note: 'Recorded from the signed memorandum.' },
        { on: '2025-10-15', status: 'in_progress', progress: 30, note: 'The joint working group has started drafting (demo entry).' },
      ],
      lastVerifiedOn: '2025-10-15',
    },
    {
      refCode: 'AZ-US-2025-01.1',
      title: 'Constitute the joint working group',
      description: 'Both sides name their members of the joint working group that drafts the Charter.',
      agreement: 'mou',
      parent: 'AZ-US-2025-01',
      responsibleBody: 'Ministries of Foreign Affairs',
      parties: ['AZ', 'US'],
      areas: ['trade'],
      deadline: { kind: 'relative', anchorEventId: anchorId('mou-signed'), duration: 'P1M' },
      history: [
        { on: '2025-08-08', status: 'not_started', progress: 0, note: 'Recorded from the signed memorandum.' },
        { on: '2025-09-05', status: 'completed', progress: 100, note: 'Members named by both sides (demo entry).' },
      ],
      lastVerifiedOn: '2025-09-05',
      isExample: true,
    },
    {
      refCode: 'AZ-US-2025-01.2',
      title: 'Circulate a first draft of the Charter',
      description: 'The working group circulates a first full draft to both governments.',
      agreement: 'mou',
      parent: 'AZ-US-2025-01',
      responsibleBody: 'Joint working group',
      parties: ['AZ', 'US'],
      areas: ['energy', 'trade'],
      deadline: { kind: 'relative', anchorEventId: anchorId('mou-signed'), duration: 'P4M' },
      history: [{ on: '2025-08-08', status: 'not_started', progress: 0, note: 'Recorded from the signed memorandum.' }],
      lastVerifiedOn: '2025-10-15',
      isExample: true,
    },
    {
      refCode: 'US-AZ-907-01',
      title: 'Suspend Section 907 restrictions on assistance to Azerbaijan',
      description: 'The United States waives Section 907 of the FREEDOM Support Act.',
      agreement: 'waiver',
      responsibleBody: 'U.S. Department of State',
      parties: ['US'],
      areas: ['defense', 'counterterrorism'],
      deadline: { kind: 'absolute', date: '2025-08-08', precision: 'day' },
      history: [{ on: '2025-08-08', status: 'completed', progress: 100, note: 'Suspension announced during the visit.' }],
      lastVerifiedOn: '2025-08-08',
    },
    {
      refCode: 'US-AZ-907-02',
      title: 'Renew the Section 907 waiver',
      description: 'A suspension can lapse; it must be renewed on a yearly cadence to stay in force.',
      agreement: 'waiver',
      responsibleBody: 'U.S. Department of State',
      parties: ['US'],
      areas: ['defense'],
      deadline: { kind: 'recurring', interval: 'P1Y', anchorEventId: anchorId('waiver-issued') },
      history: [{ on: '2025-08-08', status: 'in_progress', progress: 0, note: 'Renewal cadence starts with the first waiver.' }],
      lastVerifiedOn: today,
    },
    {
      refCode: 'AM-AZ-US-2025-01',
      title: 'Open the Zangezur transit corridor ("Trump Route")',
      description:
        'A transit route across southern Armenia linking Azerbaijan with its Nakhchivan exclave, developed with U.S. participation.',
      agreement: 'peace',
      responsibleBody: 'Governments of Armenia and Azerbaijan, with U.S. partners',
      parties: ['AM', 'AZ', 'US'],
      areas: ['transit', 'trade'],
      deadline: { kind: 'relative', anchorEventId: anchorId('peace-signed'), duration: 'P1Y' },
      history: [{ on: '2025-08-08', status: 'not_started', progress: 0, note: 'Proposed in the joint declaration.' }],
      lastVerifiedOn: today,
    },
    {
      refCode: 'AM-AZ-US-2025-02',
      title: 'Support the conclusion of an Armenia–Azerbaijan peace agreement',
      description: 'The United States supports the signing and ratification of a peace agreement between Armenia and Azerbaijan.',
      agreement: 'peace',
      responsibleBody: 'U.S. Department of State',
      parties: ['US'],
      areas: ['defense'],
      deadline: { kind: 'none' },
      history: [{ on: '2025-08-08', status: 'in_progress', progress: 20, note: 'Declared during the visit.' }],
      lastVerifiedOn: null,
    },
    {
      refCode: 'EX-01',
      title: "Example: publish the working group's terms of reference",
      description: 'Illustrative commitment (not from the MoU) due today, to show the "due today" flag.',
      agreement: 'mou',
      responsibleBody: 'Joint working group',
      parties: ['AZ', 'US'],
      areas: ['digital-infrastructure'],
      deadline: { kind: 'absolute', date: example(0), precision: 'day' },
      history: [{ on: today, status: 'in_progress', progress: 60, note: 'Illustrative example.' }],
      lastVerifiedOn: today,
      isExample: true,
    },
    {
      refCode: 'EX-02',
      title: 'Example: joint energy infrastructure review',
      description: 'Illustrative commitment (not from the MoU) due within a week, to show "due soon".',
      agreement: 'mou',
      responsibleBody: 'Ministries of Energy',
      parties: ['AZ', 'US'],
      areas: ['energy'],
      deadline: { kind: 'absolute', date: example(5), precision: 'day' },
      history: [{ on: today, status: 'at_risk', progress: 40, note: 'Illustrative example.' }],
      lastVerifiedOn: today,
      isExample: true,
    },
    {
      refCode: 'EX-03',
      title: 'Example: digital connectivity feasibility study',
      description: 'Illustrative commitment (not from the MoU) due within a month, to show "upcoming".',
      agreement: 'mou',
      responsibleBody: 'Joint working group',
      parties: ['AZ', 'US'],
      areas: ['digital-infrastructure', 'transit'],
      deadline: { kind: 'absolute', date: example(20), precision: 'day' },
      history: [{ on: today, status: 'in_progress', progress: 25, note: 'Illustrative example.' }],
      lastVerifiedOn: today,
      isExample: true,
    },
    {
      refCode: 'EX-04',
      title: 'Example: counterterrorism information-sharing arrangement',
      description: 'Illustrative commitment (not from the MoU) with a year-end deadline and no recent verification, to show "stale".',
      agreement: 'mou',
      responsibleBody: 'Security services',
      parties: ['AZ', 'US'],
      areas: ['counterterrorism'],
      deadline: { kind: 'absolute', date: `${Number(today.slice(0, 4)) + 1}-12-31`, precision: 'year' },
      history: [{ on: '2025-08-08', status: 'stalled', progress: 10, note: 'Illustrative example.' }],
      lastVerifiedOn: '2025-08-08',
      isExample: true,
    },
  ];

  const saved = new Map<string, CommitmentEntity>();
  for (const item of commitments) {
    const deadline = typeof item.deadline === 'function' ? item.deadline({}) : item.deadline;
    const due = computeDueDate(deadline, anchorDates, today);
    const last = item.history[item.history.length - 1];
    const commitment = await manager.save(
      manager.create(CommitmentEntity, {
        refCode: item.refCode,
        title: item.title,
        description: item.description,
        agreementId: must(agreements, item.agreement).id,
        parentId: item.parent ? must(saved, item.parent).id : null,
        sourceQuote: item.quote ?? '',
        sourceLocator: item.locator ?? '',
        responsibleBody: item.responsibleBody,
        deadline,
        anchorEventId: deadline.kind === 'relative' || deadline.kind === 'recurring' ? (deadline.anchorEventId ?? null) : null,
        dueDate: due.dueDate,
        anchorPending: due.anchorPending,
        status: last.status,
        progress: last.progress,
        lastVerifiedOn: item.lastVerifiedOn ?? null,
        isExample: item.isExample ?? false,
        parties: item.parties.map((code) => must(parties, code)),
        areas: item.areas.map((slug) => must(areas, slug)),
        assignees: [],
      }),
    );
    saved.set(item.refCode, commitment);
    let previous: (typeof item.history)[number] | null = null;
    for (const entry of item.history) {
      await manager.save(
        manager.create(StatusUpdateEntity, {
          commitmentId: commitment.id,
          authorId: null,
          authorLabel: DEMO_AUTHOR,
          effectiveOn: entry.on,
          // Noon of the day it took effect, but never later than now: a later update must come out on top.
          createdAt: new Date(Math.min(Date.parse(`${entry.on}T12:00:00Z`), now.getTime() - 60_000)),
          statusBefore: previous?.status ?? null,
          statusAfter: entry.status,
          progressBefore: previous?.progress ?? null,
          progressAfter: entry.progress,
          note: entry.note,
          evidence: entry.evidence ? [manager.create(EvidenceEntity, { ...entry.evidence, publishedOn: entry.on })] : [],
        }),
      );
      previous = entry;
    }
  }
}

function shift(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** A demo record by key; the demo data is fixed, so a missing one is a bug in this file. */
function must<T>(map: Map<string, T>, key: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Demo data refers to unknown key ${key}`);
  return value;
}
