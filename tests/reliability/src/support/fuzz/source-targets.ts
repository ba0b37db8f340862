/**
 * The write endpoints of source documents, described for the fuzzer: pasted text and URLs, multipart uploads,
 * extraction, the review of drafts and the decision on a quote a newer version changed.
 */
import { isIsoDate, isValidIsoDuration } from '@pactwatch/shared/deadlines';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { endpointCases } from './cases';
import { CURRENT, Field, integer, list, oneOf, pattern, reference, STALE, text, Verdict, version, weighted } from './fields';
import { FuzzContext, SOURCE_TEXT } from './fixtures';
import { HOSTILE_STRINGS, isStorable, validatorLength } from './hostile';
import type { Draft, FuzzTarget } from './runner';

const MAX_INT = 2_147_483_647;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The same field, but an acceptable value may still be refused for reasons the fuzzer does not model. */
function loosen(field: Field): Field {
  return { ...field, judge: (value) => (field.judge(value) === 'accept' ? 'either' : field.judge(value)) };
}

/** A field left out of good requests: any value of it may be refused for what the fuzzer does not model. */
function unset(field: Field): Field {
  return { ...loosen(field), good: fc.constant(undefined) };
}

/** An optional field that @IsOptional lets null through: what the service makes of null is not modelled. */
function orNull(field: Field): Field {
  return { ...field, judge: (value) => (value === null ? 'either' : field.judge(value)) };
}

/** Pasted text: any storable text with something in it besides spaces (it is kept as extracted text, not verbatim). */
function pastedText(required: boolean): Field {
  const base = text({ max: 100_000, nonEmpty: true, readBack: false, required });
  return {
    ...base,
    values: fc.oneof(base.values, fc.constantFrom(SOURCE_TEXT, '\n\n', ' \t ', '\r\n\f')),
    good: fc.oneof(
      fc.constant(SOURCE_TEXT),
      base.good.filter((value) => typeof value === 'string' && value.trim().length > 0),
    ),
    judge: (value) => {
      const verdict = base.judge(value);
      // Text made only of spaces holds no document; text the normaliser empties may be refused as holding no text.
      // There is no limit of its own but the request's size.
      if (typeof value === 'string' && isStorable(value) && validatorLength(value) > 100_000) return 'either';
      if (verdict !== 'accept' || typeof value !== 'string') return verdict;
      return value.trim().length === 0 ? 'reject' : value === SOURCE_TEXT ? 'accept' : 'either';
      return verdict;
    },
  };
}

/** A URL to fetch: only ones refused before any request goes out (the suite has no network). */
function refusedUrl(): Field {
  return {
    required: false,
    good: fc.constant(undefined),
    values: fc.constantFrom<unknown>(
      'javascript:alert(1)',
      'ftp://example.org/x',
      'file:///etc/passwd',
      'http://127.0.0.1/agreement.html',
      'http://localhost:1/x',
      'http://[::1]/x',
      'http://10.0.0.7/x',
      'http://169.254.169.254/latest/meta-data/',
      'https://user:secret@example.org/x',
      'not a url',
      '',
      `https://example.org/${'a'.repeat(2000)}`,
      'http://127.0.0.1/NUL\u0000',
      42,
      ['http://127.0.0.1/'],
      null,
    ),
    judge: (value) => (value === undefined ? 'accept' : 'reject'),
  };
}

/** A version number in the path: whole numbers 1 to 1,000,000; version 1 exists. */
function versionNumber(): Field {
  return pattern({
    required: true,
    good: fc.constant('1'),
    noise: fc.constantFrom('0', '-1', '1.5', 'abc', '1e3', '01', '2', '999999', '1000001', '99999999999', ' 1', '１'),
    accepts: (value) => {
      if (!/^\d+$/.test(value)) return 'reject';
      const n = Number(value);
      if (n < 1 || n > 1_000_000) return 'reject';
      return value === '1' ? 'accept' : 'either';
    },
  });
}

const DRAFT_PRECISIONS = ['day', 'month', 'quarter', 'year'];

/** A draft's deadline, judged as the review DTO does (extra keys are kept). */
function draftDeadline(): Field {
  const good = fc.oneof(
    fc.constant({ kind: 'none' }),
    fc.record({
      kind: fc.constant('absolute'),
      date: fc.constantFrom('2026-06-30', '2027-01-01'),
      precision: fc.constantFrom(...DRAFT_PRECISIONS),
    }),
    fc.record({ kind: fc.constant('relative'), duration: fc.constantFrom('P6M', 'P90D', 'P1Y') }),
    fc.record({ kind: fc.constant('recurring'), interval: fc.constantFrom('P1Y', 'P3M') }, { requiredKeys: ['kind', 'interval'] }),
  );
  const mixed = fc.record(
    {
      kind: fc.constantFrom<unknown>('none', 'absolute', 'relative', 'recurring', 'weekly', '', 3, null),
      date: fc.constantFrom<unknown>('2026-06-30', '2026-02-30', '2026-1-1', 'tomorrow', 20260101, null),
      precision: fc.constantFrom<unknown>('day', 'week', '', null),
      duration: fc.constantFrom<unknown>('P6M', 'P0D', '6 months', 'PT5H', '', 6),
      interval: fc.constantFrom<unknown>('P1Y', 'P', 'yearly', -1),
      start: fc.constantFrom<unknown>('2026-01-01', '2026-13-01', 0),
    },
    { requiredKeys: [] },
  );
  const values = fc.oneof(
    good,
    mixed,
    fc.constantFrom<unknown>('none', 42, [], ['none'], true, {}, { nested: { kind: 'none' } }),
    fc.constantFrom(...HOSTILE_STRINGS),
  );
  const judge = (value: unknown): Verdict => {
    if (value === undefined) return 'accept';
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'reject';
    const draft = value as Record<string, unknown>;
    const isDate = (v: unknown) => typeof v === 'string' && isIsoDate(v);
    const isDuration = (v: unknown) => typeof v === 'string' && isValidIsoDuration(v);
    switch (draft['kind']) {
      case 'none':
        return 'accept';
      case 'absolute':
        return isDate(draft['date']) && DRAFT_PRECISIONS.includes(draft['precision'] as string) ? 'accept' : 'reject';
      case 'relative':
        return isDuration(draft['duration']) ? 'accept' : 'reject';
      case 'recurring':
        return isDuration(draft['interval']) && (draft['start'] === undefined || isDate(draft['start'])) ? 'accept' : 'reject';
      default:
        return 'reject';
    }
  };
  return { values, good, judge, required: false };
}

/** A draft's anchor: null, an existing anchor event of the agreement, or a new one by name. */
function draftAnchor(anchors: readonly string[]): Field {
  const name = text({ max: 200, nonEmpty: true, trim: true, readBack: false });
  const good = fc.oneof(
    fc.constant(null),
    fc.record({ kind: fc.constant('existing'), anchorEventId: fc.constantFrom(...anchors) }),
    fc.record({ kind: fc.constant('new'), name: fc.constantFrom('Ratification', 'Entry into force') }),
  );
  const values = fc.oneof(
    good,
    fc.record({ kind: fc.constant('existing'), anchorEventId: fc.oneof(fc.uuid(), fc.constantFrom<unknown>('not-a-uuid', '', 7, null)) }),
    fc.record({ kind: fc.constant('new'), name: name.values }),
    fc.constantFrom<unknown>({ kind: 'other' }, { kind: 'new' }, {}, 'Ratification', 42, [], true),
  );
  const judge = (value: unknown): Verdict => {
    if (value === undefined || value === null) return 'accept';
    if (typeof value !== 'object' || Array.isArray(value)) return 'reject';
    const anchor = value as Record<string, unknown>;
    if (anchor['kind'] === 'existing') {
      const id = anchor['anchorEventId'];
      if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return 'reject';
      // An id of no anchor event of this agreement is refused by the service, naming it.
      return anchors.includes(id) ? 'accept' : 'either';
    }
    if (anchor['kind'] === 'new') {
      const verdict = name.judge(anchor['name']);
      // The DTO counts the name's length in UTF-16 units, the text field in validator units.
      return verdict === 'accept' && typeof anchor['name'] === 'string' && anchor['name'].length > 200 ? 'either' : verdict;
    }
    return 'reject';
  };
  return { values, good, judge, required: false };
}

/** A list of short codes kept as sent (the catalogue is checked when the draft is accepted). */
function codes(max: number): Field {
  const item = pattern({
    good: fc.stringMatching(new RegExp(`^[a-z0-9-]{1,${Math.min(max, 12)}}$`)),
    noise: fc.constantFrom('x'.repeat(max + 1), '', ' AZ '),
    accepts: (value) => (validatorLength(value) <= max ? 'accept' : 'reject'),
  });
  return list(item, { max: 50 });
}

/** Text and url go together: exactly one of them. */
function oneOfTextAndUrl(draft: Draft): Draft {
  const body = draft.body as Record<string, unknown> | undefined;
  if (draft.raw || typeof body !== 'object' || body === null || Array.isArray(body)) return draft;
  if (body['text'] !== undefined && body['url'] !== undefined) {
    return { ...draft, verdict: 'reject', culprits: [...new Set([...draft.culprits, 'url'])], stored: {} };
  }
  return draft;
}

interface UploadPart {
  verdict: Verdict;
  culprits: string[];
  raw: { text: Buffer; contentType: string };
}

const BOUNDARY = '----pactwatch-fuzz-boundary';

function multipart(parts: { name: string; fileName?: string; type?: string; bytes: Buffer }[], boundary = BOUNDARY): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.fileName !== undefined ? `; filename="${part.fileName}"` : ''}`;
    const type = part.type !== undefined ? `\r\nContent-Type: ${part.type}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`), part.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const FORM = `multipart/form-data; boundary=${BOUNDARY}`;
const DECLARED_TYPES = [
  'application/pdf',
  DOCX,
  'text/html',
  'text/plain',
  'text/plain; charset=utf-8',
  'image/png',
  'application/octet-stream',
  '',
];
const FILE_NAMES = [
  'agreement.pdf',
  'agreement.docx',
  'agreement.html',
  'agreement.txt',
  'agreement',
  'run.exe',
  '',
  '../../etc/passwd',
  'ä "quoted".txt',
];

/** Starts of real formats, so the readers get past the first bytes before the rest is noise. */
const MAGIC = [
  Buffer.from('%PDF-1.7\n'),
  Buffer.from('PK\u0003\u0004'),
  Buffer.from('<!doctype html><p>'),
  Buffer.from('\ufeff'),
  Buffer.alloc(0),
];

/** Multipart bodies: a good text file, random bytes of any declared type, an empty or missing file, a broken form. */
function uploadCases(options: { title: boolean }): fc.Arbitrary<UploadPart> {
  const good = fc.constant<UploadPart>({
    verdict: 'accept',
    culprits: [],
    raw: {
      text: multipart([{ name: 'file', fileName: 'statement.txt', type: 'text/plain', bytes: Buffer.from(SOURCE_TEXT) }]),
      contentType: FORM,
    },
  });
  const noise = fc
    .tuple(
      fc.constantFrom(...MAGIC),
      fc.uint8Array({ minLength: 1, maxLength: 3000 }),
      fc.constantFrom(...DECLARED_TYPES),
      fc.constantFrom(...FILE_NAMES),
    )
    .map(
      ([magic, bytes, type, fileName]): UploadPart => ({
        verdict: 'either',
        culprits: [],
        raw: { text: multipart([{ name: 'file', fileName, type, bytes: Buffer.concat([magic, Buffer.from(bytes)]) }]), contentType: FORM },
      }),
    );
  const empty = fc.constantFrom(...DECLARED_TYPES).map(
    (type): UploadPart => ({
      verdict: 'reject',
      culprits: ['problem:empty_file'],
      raw: { text: multipart([{ name: 'file', fileName: 'empty.txt', type, bytes: Buffer.alloc(0) }]), contentType: FORM },
    }),
  );
  const missing = fc.constantFrom<UploadPart>(
    { verdict: 'reject', culprits: ['problem:missing_file'], raw: { text: multipart([]), contentType: FORM } },
    {
      verdict: 'reject',
      culprits: ['problem:missing_file'],
      raw: { text: multipart([{ name: 'note', bytes: Buffer.from('no file here') }]), contentType: FORM },
    },
  );
  const notMultipart = fc.constantFrom<UploadPart>(
    {
      verdict: 'reject',
      culprits: ['body'],
      raw: { text: Buffer.from(JSON.stringify({ text: SOURCE_TEXT })), contentType: 'application/json' },
    },
    { verdict: 'reject', culprits: ['problem:not_multipart'], raw: { text: Buffer.from(SOURCE_TEXT), contentType: 'text/plain' } },
    { verdict: 'reject', culprits: ['body'], raw: { text: Buffer.from(SOURCE_TEXT), contentType: 'application/pdf' } },
  );
  const broken = fc.constantFrom<UploadPart>(
    // The closing boundary never comes.
    {
      verdict: 'reject',
      culprits: ['body'],
      raw: { text: multipart([{ name: 'file', fileName: 'a.txt', bytes: Buffer.from('x') }]).subarray(0, 80), contentType: FORM },
    },
    // A boundary that does not match the header's.
    {
      verdict: 'reject',
      culprits: ['body'],
      raw: { text: multipart([{ name: 'file', fileName: 'a.txt', bytes: Buffer.from(SOURCE_TEXT) }], 'other'), contentType: FORM },
    },
    { verdict: 'reject', culprits: ['body'], raw: { text: Buffer.alloc(0), contentType: FORM } },
    { verdict: 'reject', culprits: ['body'], raw: { text: Buffer.from(SOURCE_TEXT), contentType: 'multipart/form-data' } },
  );
  const titled = fc
    .tuple(text({ max: 300, trim: true }).values, fc.constantFrom(...DECLARED_TYPES.slice(2, 5)))
    .map(([title, type]): UploadPart => {
      const sent = typeof title === 'string' ? title : JSON.stringify(title);
      // A form field carries UTF-8: a lone surrogate arrives as U+FFFD.
      const received = Buffer.from(sent, 'utf8').toString('utf8');
      const fits = isStorable(received) && validatorLength(received.trim()) <= 300;
      return {
        verdict: fits ? 'either' : 'reject',
        culprits: fits ? [] : ['title'],
        raw: {
          text: multipart([
            { name: 'title', bytes: Buffer.from(sent, 'utf8') },
            { name: 'file', fileName: 'statement.txt', type, bytes: Buffer.from(SOURCE_TEXT) },
          ]),
          contentType: FORM,
        },
      };
    });
  return weighted(
    { arbitrary: good, weight: 2 },
    { arbitrary: noise, weight: 4 },
    { arbitrary: empty, weight: 1 },
    { arbitrary: missing, weight: 1 },
    { arbitrary: notMultipart, weight: 1 },
    { arbitrary: broken, weight: 1 },
    ...(options.title ? [{ arbitrary: titled, weight: 2 }] : []),
  );
}

/** Upload requests: the multipart body combined with generated path parameters (and query). */
function uploads(spec: Parameters<typeof endpointCases>[0], options: { title: boolean }): fc.Arbitrary<Draft> {
  return fc.tuple(endpointCases(spec), uploadCases(options)).map(([draft, part]) => {
    const verdict: Verdict =
      draft.verdict === 'reject' || part.verdict === 'reject' ? 'reject' : draft.verdict === 'either' ? 'either' : part.verdict;
    // With two things wrong (the path or query, and the body) either may be named first.
    const culprits =
      draft.verdict === 'reject' && part.verdict === 'reject' ? ['body'] : draft.verdict === 'reject' ? draft.culprits : part.culprits;
    return { ...draft, verdict, culprits, raw: part.raw, body: undefined, stored: {} };
  });
}

export function sourceTargets(ctx: FuzzContext): FuzzTarget[] {
  const { t, sources } = ctx;
  const as = (role: keyof FuzzContext['headers']) => () => ctx.headers[role];

  /** Resolves `$current` in a draft's version from its row. */
  const candidateVersion = async (draft: Draft): Promise<Draft> => {
    const id = draft.path ?? '';
    const rows = id.includes('\u0000')
      ? []
      : await t.db.dataSource.query(`SELECT version FROM extraction_candidates WHERE id::text = $1`, [id]);
    const current: number = rows[0]?.version ?? 1;
    const body = draft.body as Record<string, unknown> | undefined;
    if (typeof body !== 'object' || body === null || !('version' in body)) return draft;
    const sent = body['version'] === CURRENT ? current : body['version'] === STALE ? Math.max(1, current - 1) : body['version'];
    return { ...draft, body: { ...body, version: sent } };
  };

  const documentParams = (pool: readonly string[]) => ({ documentId: reference(pool) });
  const versionParams = (pool: { documentId: string }[]) => ({
    documentId: reference(pool.map((v) => v.documentId)),
    number: versionNumber(),
  });
  const demoAnchors = ctx.anchors;

  return [
    {
      method: 'POST',
      route: '/api/agreements/:agreementId/sources',
      headers: as('analyst'),
      cases: endpointCases({
        params: { agreementId: reference(ctx.agreements) },
        body: { title: text({ max: 300, trim: true, readBack: false, nullable: 'accept' }), text: pastedText(true), url: refusedUrl() },
      }).map(oneOfTextAndUrl),
    },
    {
      method: 'POST',
      route: '/api/agreements/:agreementId/sources/upload',
      headers: as('analyst'),
      cases: uploads(
        { params: { agreementId: reference(ctx.agreements) }, query: { title: text({ max: 300, trim: true, readBack: false }) } },
        { title: true },
      ),
    },
    {
      method: 'POST',
      route: '/api/sources/:documentId/versions',
      headers: as('analyst'),
      cases: endpointCases({ params: documentParams(sources.documents), body: { text: pastedText(true), url: refusedUrl() } }).map(
        oneOfTextAndUrl,
      ),
    },
    {
      method: 'POST',
      route: '/api/sources/:documentId/versions/upload',
      headers: as('analyst'),
      cases: uploads({ params: documentParams(sources.documents) }, { title: false }),
    },
    {
      method: 'POST',
      route: '/api/sources/:documentId/versions/:number/extract',
      headers: as('analyst'),
      cases: endpointCases({ params: versionParams(sources.versions) }),
    },
    {
      method: 'POST',
      route: '/api/sources/:documentId/versions/:number/accept-remaining',
      headers: as('analyst'),
      cases: endpointCases({ params: versionParams(sources.acceptAll) }),
    },
    {
      method: 'PATCH',
      route: '/api/candidates/:id',
      headers: as('analyst'),
      cases: endpointCases({
        path: reference(sources.candidates.edit),
        body: {
          version: version({ min: 1, max: MAX_INT }),
          title: text({ max: 300, nonEmpty: true, trim: true, nullable: 'either' }),
          // A quote or offsets that select no text of the version are refused by the service, naming them.
          quote: unset(text({ max: 20_000, nonEmpty: true, readBack: false, nullable: 'either' })),
          start: unset(integer({ min: 0, max: MAX_INT, nullable: 'either' })),
          end: unset(integer({ min: 1, max: MAX_INT, nullable: 'either' })),
          responsibleBody: text({ max: 300, trim: true, nullable: 'either' }),
          partyCodes: orNull(codes(16)),
          areaSlugs: orNull(codes(64)),
          deadline: orNull(draftDeadline()),
          anchor: draftAnchor(demoAnchors),
          parentId: loosen(reference(ctx.commitments, { nullable: 'accept' })),
        },
      }),
      prepare: candidateVersion,
      readBack: async (response: LightMyRequestResponse) => response.json(),
    },
    {
      method: 'POST',
      route: '/api/candidates/:id/accept',
      headers: as('analyst'),
      cases: endpointCases({
        path: loosen(reference(sources.candidates.accept)),
        body: {
          version: version({ min: 1, max: MAX_INT }),
          refCode: pattern({
            good: fc.stringMatching(/^[0-9a-f]{12}$/).map((tail) => `FZ-SRC-${tail}`),
            noise: fc.stringMatching(/^[A-Za-z0-9 ._/-]{0,70}$/),
            accepts: (value) => (/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/.test(value.trim()) ? 'either' : 'reject'),
            nullable: 'either',
          }),
        },
      }),
      prepare: candidateVersion,
    },
    {
      method: 'POST',
      route: '/api/candidates/:id/reject',
      headers: as('analyst'),
      cases: endpointCases({ path: loosen(reference(sources.candidates.reject)), body: { version: version({ min: 1, max: MAX_INT }) } }),
      prepare: candidateVersion,
    },
    {
      method: 'POST',
      route: '/api/commitments/:id/quote-review',
      headers: as('analyst'),
      cases: endpointCases({
        // Once decided (or with nothing to decide) a quote answers 409.
        path: loosen(reference([...sources.quoteReviews, ...sources.verifiedQuotes])),
        body: {
          decision: loosen(oneOf(['move', 'keep'], { required: true })),
          start: loosen(integer({ min: 0, max: MAX_INT, nullable: 'either' })),
          end: loosen(integer({ min: 1, max: MAX_INT, nullable: 'either' })),
        },
      }),
    },
    {
      method: 'POST',
      route: '/api/outbox/:id/retry',
      headers: as('admin'),
      // A mail sent again is pending: sending it once more answers 409.
      cases: endpointCases({ path: loosen(reference(ctx.deadMail)) }),
    },
  ];
}
