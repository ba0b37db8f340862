import type {
  AcceptResultDto,
  AgreementDto,
  CommitmentDetailDto,
  ExtractionCandidateDto,
  QuoteProvenanceDto,
  RecheckResultDto,
  SourceDocumentDto,
  SourceVersionDto,
} from '@pactwatch/shared/contracts';
import { createHash } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Api, signedIn } from '../commitments/fixtures';
import { startTestApp, TestApp } from '../../../support/test-app';
import { docxFile, encryptedPdf, FLOW_TEXT, FLOW_TEXT_CHANGED, REFERENCE_ARTICLE, scannedPdf, textPdf, upload } from './source-fixtures';

const TABLES = [
  'source_documents',
  'source_versions',
  'source_version_chunks',
  'extraction_candidates',
  'quote_locators',
  'commitments',
  'audit_log',
];

describe('source documents: add, review, accept, provenance', () => {
  let t: TestApp;
  let analyst: Api;
  let viewer: Api;
  let mou: AgreementDto;
  let server: Server;
  let serverUrl: string;

  beforeAll(async () => {
    t = await startTestApp({ demo: true, env: { SOURCE_MAX_BYTES: '200000', SOURCE_FETCH_ALLOW_PRIVATE: 'true' } });
    analyst = (await signedIn(t, 'analyst', 'Ana Analyst')).api;
    viewer = (await signedIn(t, 'viewer')).api;
    const agreements = await analyst.json<AgreementDto[]>('/api/agreements');
    const found = agreements.find((agreement) => agreement.anchorEvents.some((event) => event.name === 'MoU signed'));
    if (!found) throw new Error('the demo data has no agreement with the anchor "MoU signed"');
    mou = found;
    server = createServer((request, response) => {
      if (request.url === '/article.html') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(
          `<!doctype html><html><head><title>News</title></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>` +
            `<article><h1>Memorandum signed</h1>${REFERENCE_ARTICLE.split('\n\n')
              .slice(1)
              .map((p) => `<p>${p}</p>`)
              .join('')}</article><aside><h2>Related posts</h2><p>Another story entirely, shall we read it?</p></aside></body></html>`,
        );
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
  });

  async function counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of TABLES) out[table] = Number((await t.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
    return out;
  }

  async function addText(title: string, text: string): Promise<SourceDocumentDto> {
    const response = await analyst.post(`/api/agreements/${mou.id}/sources`, { title, text });
    expect(response.statusCode).toBe(201);
    return response.json();
  }

  it('drafts the Charter commitment from the reference article, due six months after "MoU signed", and accepting it gives 8 Feb 2026 with a verified quote', async () => {
    const document = await addText('White House news article', REFERENCE_ARTICLE);
    const extracted = await analyst.post(`/api/sources/${document.id}/versions/1/extract`);
    expect(extracted.statusCode).toBe(201);
    const candidates = extracted.json() as ExtractionCandidateDto[];
    const charter = candidates.find((candidate) => /Strategic Partnership Charter/.test(candidate.quote));
    expect(charter).toBeDefined();
    const signed = mou.anchorEvents.find((event) => event.name === 'MoU signed');
    expect({ deadline: charter?.deadline, anchor: charter?.anchor }).toEqual({
      deadline: { kind: 'relative', duration: 'P6M' },
      anchor: { kind: 'existing', anchorEventId: signed?.id, name: 'MoU signed' },
    });
    expect(REFERENCE_ARTICLE.slice(charter?.start, charter?.end)).toBe(charter?.quote);

    const accepted = await analyst.post(`/api/candidates/${charter?.id}/accept`, { version: charter?.version });
    expect(accepted.statusCode).toBe(201);
    const [created] = (accepted.json() as AcceptResultDto).accepted;
    const commitment = await analyst.json<CommitmentDetailDto>(`/api/commitments/${created.commitmentId}`);
    expect(commitment.dueDate).toBe('2026-02-08');
    expect(commitment.sourceQuote).toBe(charter?.quote);
    expect(commitment.sourceLocator).toBe('paragraph 3 of White House news article, version 1');
    const provenance = await viewer.json<QuoteProvenanceDto>(`/api/commitments/${created.commitmentId}/provenance`);
    expect(provenance).toMatchObject({
      state: 'verified',
      documentId: document.id,
      versionNumber: 1,
      start: charter?.start,
      end: charter?.end,
    });
  });

  it('runs the whole flow: add, review, accept two, reject one, commitments with locators, a changed version flags the changed quote', async () => {
    const document = await addText('Transit statement', FLOW_TEXT);
    const candidates = (await analyst.post(`/api/sources/${document.id}/versions/1/extract`)).json() as ExtractionCandidateDto[];
    const customs = candidates.find((candidate) => candidate.quote.includes('customs post'));
    const tariff = candidates.find((candidate) => candidate.quote.includes('tariff schedule'));
    const meetings = candidates.find((candidate) => candidate.quote.includes('meet every year'));
    expect([customs, tariff, meetings].every(Boolean)).toBe(true);

    const edited = await analyst.patch(`/api/candidates/${customs?.id}`, {
      version: customs?.version,
      title: 'Open the joint customs post',
    });
    expect(edited.statusCode).toBe(200);
    const customsNow = edited.json() as ExtractionCandidateDto;
    expect(customsNow.title).toBe('Open the joint customs post');

    expect((await analyst.post(`/api/candidates/${meetings?.id}/reject`, { version: meetings?.version })).statusCode).toBe(201);
    const first = await analyst.post(`/api/candidates/${customs?.id}/accept`, { version: customsNow.version });
    expect(first.statusCode).toBe(201);
    const second = await analyst.post(`/api/candidates/${tariff?.id}/accept`, { version: tariff?.version });
    expect(second.statusCode).toBe(201);
    const tariffCommitmentId = (second.json() as AcceptResultDto).accepted[0].commitmentId;
    const customsCommitmentId = (first.json() as AcceptResultDto).accepted[0].commitmentId;

    const after = (await analyst.json<ExtractionCandidateDto[]>(`/api/sources/${document.id}/versions/1/candidates`)).filter((c) =>
      [customs?.id, tariff?.id, meetings?.id].includes(c.id),
    );
    expect(after.map((c) => c.status).sort()).toEqual(['accepted', 'accepted', 'rejected']);
    for (const id of [customsCommitmentId, tariffCommitmentId]) {
      expect(await viewer.json<QuoteProvenanceDto>(`/api/commitments/${id}/provenance`)).toMatchObject({
        state: 'verified',
        versionNumber: 1,
      });
    }
    const audit = await t.db.dataSource.query(`SELECT summary FROM audit_log WHERE entity_type = 'commitment' AND entity_id = $1`, [
      tariffCommitmentId,
    ]);
    expect(audit[0].summary).toContain('from version 1 of source document "Transit statement"');

    const changed = await analyst.post(`/api/sources/${document.id}/versions`, { text: FLOW_TEXT_CHANGED });
    expect(changed.statusCode).toBe(201);
    const recheck = (changed.json() as { recheck: RecheckResultDto }).recheck;
    expect(recheck.moved).toBe(1);
    expect(recheck.toReview.map((review) => [review.commitmentId, review.recheck])).toEqual([[tariffCommitmentId, 'changed']]);
    expect(recheck.toReview[0].suggestion?.text).toBe('The Parties will publish a revised transit tariff schedule by 1 March 2026.');

    expect(await viewer.json<QuoteProvenanceDto>(`/api/commitments/${customsCommitmentId}/provenance`)).toMatchObject({
      state: 'verified',
      versionNumber: 2,
      pendingReview: null,
    });
    const flagged = await viewer.json<QuoteProvenanceDto>(`/api/commitments/${tariffCommitmentId}/provenance`);
    expect(flagged).toMatchObject({
      state: 'verified',
      versionNumber: 1,
      latestVersionNumber: 2,
      pendingReview: { recheck: 'changed', toVersionNumber: 2 },
    });

    const moved = await analyst.post(`/api/commitments/${tariffCommitmentId}/quote-review`, { decision: 'move' });
    expect(moved.statusCode).toBe(201);
    expect(moved.json()).toMatchObject({ state: 'verified', versionNumber: 2, pendingReview: null });
    const commitment = await analyst.json<CommitmentDetailDto>(`/api/commitments/${tariffCommitmentId}`);
    expect(commitment.sourceQuote).toBe('The Parties will publish a revised transit tariff schedule by 1 March 2026.');
  });

  it('accepts all remaining drafts in one transaction, creating a new pending anchor event for one that counts from ratification', async () => {
    const document = await addText(
      'Ratification protocol',
      'The Parties shall exchange the instruments of ratification within 30 days of ratification.\n\nThe Parties will publish a joint report by 1 December 2026.',
    );
    const candidates = (await analyst.post(`/api/sources/${document.id}/versions/1/extract`)).json() as ExtractionCandidateDto[];
    const ratification = candidates.find((candidate) => candidate.quote.includes('instruments of ratification'));
    expect(ratification?.anchor).toEqual({ kind: 'new', name: 'Ratification' });
    const response = await analyst.post(`/api/sources/${document.id}/versions/1/accept-remaining`);
    expect(response.statusCode).toBe(201);
    const result = response.json() as AcceptResultDto;
    expect(result.accepted).toHaveLength(candidates.length);
    expect(result.createdAnchorEvents.map((event) => event.name)).toEqual(['Ratification']);
    const created = await analyst.json<CommitmentDetailDto>(
      `/api/commitments/${result.accepted.find((a) => a.candidateId === ratification?.id)?.commitmentId}`,
    );
    expect({ dueDate: created.dueDate, flags: created.flags }).toEqual({ dueDate: null, flags: ['anchor_pending'] });
    const audit = await t.db.dataSource.query(`SELECT summary FROM audit_log WHERE entity_type = 'anchor_event' AND entity_id = $1`, [
      result.createdAnchorEvents[0].id,
    ]);
    expect(audit[0].summary).toContain('from version 1 of source document "Ratification protocol"');
  });

  it('writes nothing when one draft of "accept all" cannot become a commitment', async () => {
    const document = await addText(
      'Two drafts',
      'The Parties shall open a liaison office within 60 days of signing.\n\nThe Parties will hold a summit by 1 June 2026.',
    );
    const candidates = (await analyst.post(`/api/sources/${document.id}/versions/1/extract`)).json() as ExtractionCandidateDto[];
    const relative = candidates.find((candidate) => candidate.deadline.kind === 'relative');
    expect((await analyst.patch(`/api/candidates/${relative?.id}`, { version: relative?.version, anchor: null })).statusCode).toBe(200);
    const before = await counts();
    const response = await analyst.post(`/api/sources/${document.id}/versions/1/accept-remaining`);
    expect({ status: response.statusCode, field: response.json().errors?.[0]?.field }).toEqual({ status: 400, field: 'anchor' });
    expect(await counts()).toEqual(before);
  });

  it('marks a hand-typed commitment "not tied to a source"', async () => {
    const list = await viewer.json<{ items: { id: string }[] }>('/api/commitments?pageSize=1');
    const provenance = await viewer.json<QuoteProvenanceDto>(`/api/commitments/${list.items[0].id}/provenance`);
    expect(provenance.state).toBe('untied');
  });

  it('keeps the original bytes of an uploaded PDF and its SHA-256, with article numbers in the text', async () => {
    const pdf = await textPdf(['Article 1', 'The Parties shall exchange liaison officers within 30 days of signing.']);
    const response = await upload(
      t,
      analyst.headers,
      `/api/agreements/${mou.id}/sources/upload`,
      { name: 'liaison.pdf', type: 'application/pdf', bytes: pdf },
      'Liaison protocol',
    );
    expect(response.statusCode).toBe(201);
    const document = response.json() as SourceDocumentDto;
    expect(document.versions[0]).toMatchObject({
      mediaType: 'application/pdf',
      byteSize: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    const version = await viewer.json<SourceVersionDto>(`/api/sources/${document.id}/versions/1`);
    expect(version.text).toBe('Article 1\n\nThe Parties shall exchange liaison officers within 30 days of signing.');
    expect(version.paragraphs.map((paragraph) => paragraph.article)).toEqual(['1', '1']);
    const original = await viewer.get(`/api/sources/${document.id}/versions/1/original`);
    expect(original.rawPayload.equals(pdf)).toBe(true);
  });

  it('reads the paragraphs of a DOCX, with their article numbers', async () => {
    const docx = await docxFile(['Article 3', 'The Parties shall hold joint exercises every two years.']);
    const response = await upload(t, analyst.headers, `/api/agreements/${mou.id}/sources/upload`, {
      name: 'exercises.docx',
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes: docx,
    });
    expect(response.statusCode).toBe(201);
    const document = response.json() as SourceDocumentDto;
    const version = await viewer.json<SourceVersionDto>(`/api/sources/${document.id}/versions/1`);
    expect(version.text).toBe('Article 3\n\nThe Parties shall hold joint exercises every two years.');
    expect(version.paragraphs.map((paragraph) => paragraph.article)).toEqual(['3', '3']);
  });

  it('fetches a URL once and keeps the article without the navigation or related posts', async () => {
    const response = await analyst.post(`/api/agreements/${mou.id}/sources`, { url: `${serverUrl}/article.html` });
    expect(response.statusCode).toBe(201);
    const document = response.json() as SourceDocumentDto;
    expect(document.kind).toBe('url');
    const version = await viewer.json<SourceVersionDto>(`/api/sources/${document.id}/versions/1`);
    expect(version.text).toContain('tasked with drafting a Strategic Partnership Charter within six months.');
    expect(version.text).not.toContain('Related posts');
    expect(version.text).not.toContain('Home');
  });

  it('lets viewers read documents but not add them', async () => {
    expect((await viewer.get(`/api/agreements/${mou.id}/sources`)).statusCode).toBe(200);
    expect((await viewer.post(`/api/agreements/${mou.id}/sources`, { title: 'x', text: 'The Parties shall meet.' })).statusCode).toBe(403);
  });

  describe('bad input: a clear 4xx naming the problem, and nothing written', () => {
    const cases: [string, () => Promise<{ name: string; type: string; bytes: Buffer }>, number, string, RegExp][] = [
      ['an empty file', async () => ({ name: 'empty.txt', type: 'text/plain', bytes: Buffer.alloc(0) }), 400, 'empty_file', /empty/],
      [
        'a file over the size limit',
        async () => ({ name: 'big.txt', type: 'text/plain', bytes: Buffer.alloc(200_001, 'a') }),
        413,
        'too_large',
        /limit of 0\.2 MB/,
      ],
      [
        'an encrypted PDF',
        async () => ({ name: 'locked.pdf', type: 'application/pdf', bytes: await encryptedPdf() }),
        422,
        'encrypted_pdf',
        /encrypted/,
      ],
      [
        'a scanned PDF without a text layer',
        async () => ({ name: 'scan.pdf', type: 'application/pdf', bytes: await scannedPdf() }),
        422,
        'no_text',
        /No text found.*OCR is not supported/,
      ],
      [
        'an unsupported type',
        async () => ({
          name: 'photo.png',
          type: 'image/png',
          bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
        }),
        415,
        'unsupported_type',
        /Unsupported file type "photo.png" \(image\/png\)/,
      ],
      [
        'a DOCX that is not a ZIP',
        async () => ({
          name: 'letter.docx',
          type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          bytes: Buffer.from('just some text'),
        }),
        422,
        'not_a_zip',
        /not a DOCX.*ZIP/,
      ],
      [
        'text that is not UTF-8',
        async () => ({ name: 'latin1.txt', type: 'text/plain', bytes: Buffer.from([0x54, 0x68, 0xe9, 0x20, 0xff]) }),
        422,
        'not_utf8',
        /not valid UTF-8/,
      ],
    ];

    it.each(cases)('refuses %s', async (_name, make, status, problem, detail) => {
      const before = await counts();
      const response = await upload(t, analyst.headers, `/api/agreements/${mou.id}/sources/upload`, await make());
      expect({ status: response.statusCode, problem: response.json().problem }).toEqual({ status, problem });
      expect(response.json().detail).toMatch(detail);
      expect(await counts()).toEqual(before);
    });

    it('refuses a URL on a loopback address unless the setting allows it', async () => {
      const strict = await startTestApp({ db: t.db, env: { SOURCE_FETCH_ALLOW_PRIVATE: 'false' } });
      try {
        const api = (await signedIn(strict, 'analyst')).api;
        const before = await counts();
        const response = await api.post(`/api/agreements/${mou.id}/sources`, { url: `${serverUrl}/article.html` });
        expect({ status: response.statusCode, problem: response.json().problem }).toEqual({ status: 400, problem: 'url_refused' });
        expect(await counts()).toEqual(before);
      } finally {
        await strict.stop();
      }
    });

    it('refuses a non-http URL', async () => {
      const before = await counts();
      const response = await analyst.post(`/api/agreements/${mou.id}/sources`, { url: 'file:///etc/passwd' });
      expect({ status: response.statusCode, problem: response.json().problem }).toEqual({ status: 400, problem: 'url_refused' });
      expect(await counts()).toEqual(before);
    });
  });
});
