import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import type { AnchorEventDto, ExtractionCandidateDto, UpdateCandidateRequest } from '@pactwatch/shared/contracts';
import { CandidateEditor } from './candidate-editor';

const DRAFT: ExtractionCandidateDto = {
  id: 'k1',
  versionId: 'v1',
  ordinal: 1,
  status: 'proposed',
  quote: 'The working group shall draft a charter.',
  start: 10,
  end: 50,
  article: null,
  paragraph: 2,
  title: 'Draft a charter',
  responsibleBody: 'working group',
  partyCodes: [],
  areaSlugs: [],
  deadline: { kind: 'none' },
  anchor: null,
  anchorPhrase: null,
  parentId: null,
  cue: 'shall',
  commitmentId: null,
  commitmentRefCode: null,
  decidedBy: null,
  decidedAt: null,
  version: 3,
};
const SIGNED: AnchorEventDto = {
  id: 'a1',
  agreementId: 'ag1',
  name: 'MoU signed',
  occurredOn: '2025-08-08',
  note: '',
  dependentCommitments: 0,
  version: 1,
};

describe('CandidateEditor', () => {
  let fixture: ComponentFixture<CandidateEditor>;

  beforeEach(() => {
    fixture = TestBed.createComponent(CandidateEditor);
    fixture.componentRef.setInput('candidate', DRAFT);
    fixture.componentRef.setInput('anchors', [SIGNED]);
    fixture.detectChanges();
  });

  it('saves a new title and a deadline counted from the chosen anchor event, with the version it started from', async () => {
    const loader = TestbedHarnessEnvironment.loader(fixture);
    const saved: UpdateCandidateRequest[] = [];
    fixture.componentInstance.saved.subscribe((request) => saved.push(request));

    await (
      await loader.getHarness(MatInputHarness.with({ selector: '[name="title"]' }))
    ).setValue('Draft the Strategic Partnership Charter');
    await (await loader.getHarness(MatSelectHarness.with({ selector: '[name="kind"]' }))).clickOptions({ text: 'After an event' });
    await (await loader.getHarness(MatInputHarness.with({ selector: '[name="duration"]' }))).setValue('p6m');
    await (await loader.getHarness(MatSelectHarness.with({ selector: '[name="anchor"]' }))).clickOptions({ text: /MoU signed/ });
    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('button[type="submit"]')?.click();

    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      version: 3,
      title: 'Draft the Strategic Partnership Charter',
      deadline: { kind: 'relative', duration: 'P6M' },
      anchor: { kind: 'existing', anchorEventId: 'a1' },
    });
    expect(saved[0].quote).toBeUndefined();
  });
});
