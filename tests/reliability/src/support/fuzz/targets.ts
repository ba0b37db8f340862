/**
 * Every write endpoint of the API, described for the fuzzer: who calls it, its fields (mirroring the
 * DTOs' rules), how placeholders are resolved and how an accepted record is read back.
 */
import { IMPLEMENTATION_STATUSES, isValidTimeZone } from '@pactwatch/shared/deadlines';
import { AGREEMENT_KIND_LABELS, ROLES } from '@pactwatch/shared/contracts';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { AuthHeaders, setCookie, TEST_PASSWORD } from '../../../../support/auth';
import { endpointCases } from './cases';
import { csvImportCases } from './csv-cases';
import {
  boolean,
  CURRENT,
  date,
  deadline,
  Field,
  httpUrl,
  integer,
  list,
  object,
  oneOf,
  pattern,
  reference,
  STALE,
  text,
  Verdict,
  version,
} from './fields';
import type { FuzzContext } from './fixtures';
import { isStorable, validatorLength } from './hostile';
import { sourceTargets } from './source-targets';
import type { Draft, FuzzTarget } from './runner';

const MAX_INT = 2_147_483_647;
const REF_CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
const PARTY_CODE = /^[A-Z0-9][A-Z0-9-]{1,15}$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const AGREEMENT_KINDS = Object.keys(AGREEMENT_KIND_LABELS);
const EVIDENCE_KINDS = ['official_document', 'official_statement', 'news_report', 'dataset', 'analysis', 'other'];
const TIME_ZONES = ['UTC', 'Asia/Baku', 'Europe/Brussels', 'America/New_York', 'Asia/Tokyo'];

/** The same field, but an acceptable value may still be refused for reasons the fuzzer does not model. */
function loosen(field: Field): Field {
  return { ...field, judge: (value) => (field.judge(value) === 'accept' ? 'either' : field.judge(value)) };
}

function nullable(field: Field, verdict: Verdict): Field {
  return { ...field, judge: (value) => (value === null ? verdict : field.judge(value)) };
}

/** A unique-looking value the fuzzer made (so a duplicate is impossible) is accepted; other valid ones may clash. */
const unique = (prefix: string, rest: fc.Arbitrary<string>) => fc.noBias(rest).map((tail) => `${prefix}${tail}`);
const hex = (length: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${length}}$`));

function timeZone(options: { nullable?: Verdict } = {}): Field {
  return nullable(
    pattern({
      good: fc.constantFrom(...TIME_ZONES),
      noise: fc.constantFrom('Mars/Olympus', 'utc', '+04:00', 'Europe/Brussels ', 'Asia/Baku/x', ''),
      accepts: (value) => (isValidTimeZone(value) ? (TIME_ZONES.includes(value) ? 'accept' : 'either') : 'reject'),
    }),
    options.nullable ?? 'reject',
  );
}

function email(good: fc.Arbitrary<string>, known: (value: string) => Verdict): Field {
  return pattern({
    required: true,
    good,
    noise: fc.constantFrom('no-at-sign', 'two@@example.org', ' spaced@example.org', 'x@', '@example.org', `${'a'.repeat(320)}@e.org`),
    accepts: (value) => (EMAIL.test(value) && validatorLength(value) <= 320 ? known(value) : 'reject'),
  });
}

/**
 * A password: at most 256 characters as the DTO counts them, and for an existing password at least one; for a
 * new one the service wants `newMin` UTF-16 units.
 */
function password(options: { required: boolean; newMin?: number; good: fc.Arbitrary<string | undefined>; verdict?: Verdict }): Field {
  const judge = (value: unknown): Verdict => {
    if (value === undefined) return options.required ? 'reject' : 'accept';
    if (typeof value !== 'string' || !isStorable(value) || validatorLength(value) > 256) return 'reject';
    // The service measures a new password in UTF-16 units, at both ends.
    if (options.newMin ? value.length < options.newMin || value.length > 256 : validatorLength(value) < 1) return 'reject';
    return options.verdict ?? 'accept';
  };
  const values = fc.oneof(
    options.good,
    fc.constantFrom('short', '', 'x'.repeat(257), 'nine char', 'ten chars!', 'NUL \u0000 inside a password', 'lone \ud800 surrogate!'),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom<unknown>(42, null, ['x'], {}),
  );
  return { values, good: options.good, judge, required: options.required };
}

/** `?version=` on DELETE: text that the DTO turns into a whole number. */
function queryVersion(): Field {
  return {
    required: false,
    good: fc.constant(CURRENT),
    values: fc.constantFrom(
      CURRENT,
      STALE,
      '0',
      '-1',
      '1.5',
      'abc',
      '',
      ' 3',
      '99999999999',
      '9'.repeat(16),
      '1e3',
      '2147483648',
      'x\u0000',
    ),
    judge: (value) => {
      if (value === undefined || value === CURRENT || value === '') return 'accept';
      if (value === STALE) return 'either';
      if (typeof value !== 'string' || !/^-?\d{1,15}$/.test(value.trim())) return 'reject';
      const n = Number(value.trim());
      return n >= 1 && n <= MAX_INT ? 'either' : 'reject';
    },
  };
}

export function fuzzTargets(ctx: FuzzContext): FuzzTarget[] {
  const { t } = ctx;
  const get = async (url: string, headers: AuthHeaders) => (await t.request({ method: 'GET', url, headers })).json();
  const idOf = (response: LightMyRequestResponse) => response.json().id as string;
  const as = (role: keyof FuzzContext['headers']) => () => ctx.headers[role];

  /** Resolves `$current` / `$stale` in the body's or the query's version from the record's row. */
  const versioned =
    (table: string, idOfDraft: (draft: Draft) => string | undefined = (draft) => draft.path) =>
    async (draft: Draft): Promise<Draft> => {
      const id = idOfDraft(draft) ?? '';
      const rows = id.includes('\u0000') ? [] : await t.db.dataSource.query(`SELECT version FROM ${table} WHERE id::text = $1`, [id]);
      const current: number = rows[0]?.version ?? 1;
      const resolve = (value: unknown) => (value === CURRENT ? current : value === STALE ? Math.max(1, current - 1) : value);
      const body =
        typeof draft.body === 'object' && draft.body !== null && 'version' in draft.body
          ? { ...draft.body, version: resolve((draft.body as { version: unknown }).version) }
          : draft.body;
      const query =
        draft.query?.['version'] !== undefined ? { ...draft.query, version: String(resolve(draft.query['version'])) } : draft.query;
      return { ...draft, body, query };
    };

  const codes = ctx.parties.map((p) => p.code).filter((code) => !code.startsWith('DEL-'));
  const slugs = ctx.areas.map((a) => a.slug).filter((slug) => !slug.startsWith('to-delete-'));
  const partyCode = pattern({
    good: fc.constantFrom(...codes),
    noise: fc.constantFrom(' az ', 'us', 'ZZ', 'TOO-LONG-A-PARTY-CODE', ''),
    accepts: (value) => {
      const code = value.trim().toUpperCase();
      if (validatorLength(code) > 16) return 'reject';
      return codes.includes(code) ? 'accept' : 'either';
    },
  });
  const areaSlug = pattern({
    good: fc.constantFrom(...slugs),
    noise: fc.constantFrom(' energy ', 'Energy', 'no-such-area', 'x'.repeat(65), ''),
    accepts: (value) => {
      const slug = value.trim();
      if (validatorLength(slug) > 64) return 'reject';
      return slugs.includes(slug) ? 'accept' : 'either';
    },
  });
  const refCode = (required: boolean) =>
    pattern({
      required,
      good: unique('FZ-', hex(12)),
      noise: fc.stringMatching(/^[A-Za-z0-9 ._/-]{0,70}$/),
      accepts: (value) => (!REF_CODE.test(value.trim()) ? 'reject' : /^FZ-[0-9a-f]{12}$/.test(value.trim()) ? 'accept' : 'either'),
    });
  const commitmentFields = (create: boolean): Record<string, Field> => ({
    ...(create
      ? {
          refCode: refCode(true),
          title: text({ singleLine: true, max: 300, nonEmpty: true, trim: true, required: true }),
          agreementId: reference(ctx.agreements, { required: true }),
          deadline: deadline(ctx.anchors, { required: true }),
          status: oneOf(IMPLEMENTATION_STATUSES),
          progress: integer({ min: 0, max: 100 }),
        }
      : {
          refCode: refCode(false),
          title: text({ singleLine: true, max: 300, nonEmpty: true, trim: true }),
          agreementId: reference(ctx.agreements),
          deadline: deadline(ctx.anchors),
          version: version({ min: 1, max: MAX_INT }),
        }),
    description: text({ max: 20000 }),
    parentId: loosen(reference(ctx.commitments, { nullable: 'accept' })),
    sourceQuote: text({ max: 20000 }),
    sourceLocator: text({ singleLine: true, max: 300, trim: true }),
    sourceUrl: httpUrl({ max: 2000, nullable: 'accept' }),
    responsibleBody: text({ singleLine: true, max: 300, trim: true }),
    ownerId: loosen(reference(ctx.people, { nullable: 'accept' })),
    assigneeIds: loosen(list(reference(ctx.people), { max: 50 })),
    partyCodes: list(partyCode, { max: 50 }),
    areaSlugs: list(areaSlug, { max: 50 }),
  });
  const commitmentText = async (id: string) => get(`/api/commitments/${id}`, ctx.headers.analyst);

  const agreementFields = (create: boolean): Record<string, Field> => ({
    title: text({ singleLine: true, max: 300, nonEmpty: true, trim: true, required: create }),
    kind: oneOf(AGREEMENT_KINDS, { required: create }),
    signedOn: date({ nullable: 'accept' }),
    sourceUrl: httpUrl({ max: 2000, nullable: 'accept' }),
    summary: text({ max: 20000 }),
    partyCodes: list(partyCode, { max: 50 }),
    ...(create ? {} : { version: version({ min: 1, max: MAX_INT }) }),
  });
  const partyFields = (create: boolean): Record<string, Field> => ({
    code: pattern({
      required: create,
      good: unique('FZ', fc.stringMatching(/^[A-Z0-9]{8}$/)),
      noise: fc.constantFrom('a', 'az-', '-AZ', 'TOO-LONG-A-PARTY-CODE', ' fz1 ', 'A_B'),
      accepts: (value) => {
        const code = value.trim().toUpperCase();
        return !PARTY_CODE.test(code) ? 'reject' : /^FZ[A-Z0-9]{8}$/.test(code) ? 'accept' : 'either';
      },
    }),
    name: text({ singleLine: true, max: 200, nonEmpty: true, trim: true, required: create }),
    kind: oneOf(['country', 'organisation']),
    ...(create ? {} : { version: version({ min: 1, max: MAX_INT }) }),
  });
  const areaFields = (create: boolean): Record<string, Field> => ({
    slug: pattern({
      required: create,
      good: unique('fz-', hex(10)),
      noise: fc.constantFrom('Upper', 'double--hyphen', '-lead', 'trail-', 'x'.repeat(65), ' fz-a '),
      accepts: (value) => {
        const slug = value.trim();
        if (validatorLength(slug) > 64 || !SLUG.test(slug)) return 'reject';
        return /^fz-[0-9a-f]{10}$/.test(slug) ? 'accept' : 'either';
      },
    }),
    name: text({ singleLine: true, max: 120, nonEmpty: true, trim: true, required: create }),
    ...(create ? {} : { version: version({ min: 1, max: MAX_INT }) }),
  });
  const anchorFields = (create: boolean): Record<string, Field> => ({
    ...(create ? { agreementId: reference(ctx.agreements, { nullable: 'accept' }) } : {}),
    name: text({ singleLine: true, max: 200, nonEmpty: true, trim: true, required: create }),
    occurredOn: date({ nullable: 'accept' }),
    note: text({ max: 2000 }),
    // The reason is kept in the anchor's history, and only when the date changes.
    ...(create ? {} : { reason: nullable(text({ max: 2000, readBack: false }), 'either'), version: version({ min: 1, max: MAX_INT }) }),
  });
  const evidence = object({
    url: httpUrl({ max: 2000, required: true }),
    title: text({ singleLine: true, max: 300, nonEmpty: true, trim: true, required: true }),
    kind: oneOf(EVIDENCE_KINDS),
    publishedOn: date({ nullable: 'accept' }),
  });

  /** POST/PATCH/DELETE of a simple resource at `base`. */
  const crud = (
    base: string,
    table: string,
    fields: (create: boolean) => Record<string, Field>,
    pools: { update: string[]; remove: string[] },
  ): FuzzTarget[] => [
    {
      method: 'POST',
      route: base,
      headers: as('analyst'),
      cases: endpointCases({ body: fields(true) }),
      readBack: (response) => get(`${base}/${idOf(response)}`, ctx.headers.analyst),
    },
    {
      method: 'PATCH',
      route: `${base}/:id`,
      headers: as('analyst'),
      cases: endpointCases({ body: fields(false), path: reference(pools.update) }),
      prepare: versioned(table),
      readBack: (_response, draft) => get(`${base}/${draft.path}`, ctx.headers.analyst),
    },
    {
      method: 'DELETE',
      route: `${base}/:id`,
      headers: as('analyst'),
      cases: endpointCases({ path: loosen(reference(pools.remove)), query: { version: queryVersion() } }),
      prepare: versioned(table),
    },
  ];

  const latestStatusUpdate = async (commitmentId: string): Promise<Record<string, unknown>> => {
    const [row] = await t.db.dataSource.query(
      `SELECT id FROM status_updates WHERE commitment_id = $1 ORDER BY xmin::text::bigint DESC LIMIT 1`,
      [commitmentId],
    );
    const history: { id: string }[] = await get(`/api/commitments/${commitmentId}/status-updates`, ctx.headers.analyst);
    return history.find((update) => update.id === row?.id) ?? {};
  };

  const resetTokens = [...ctx.resetTokens];
  const invitationTokens = [...ctx.invitationTokens];
  const linkToken = (pool: string[]) =>
    pattern({
      required: true,
      good: fc.constantFrom(...pool),
      noise: fc.constantFrom('not-a-token', 'x'.repeat(201), `${pool[0]}x`),
      accepts: (value) => (validatorLength(value) < 1 || validatorLength(value) > 200 ? 'reject' : 'either'),
    });
  const loginEmails = ctx.logins.map((user) => user.email);

  return [
    {
      method: 'POST',
      route: '/api/commitments',
      headers: as('analyst'),
      cases: endpointCases({ body: commitmentFields(true) }),
      readBack: (response) => commitmentText(idOf(response)),
    },
    {
      method: 'PATCH',
      route: '/api/commitments/:id',
      headers: as('analyst'),
      cases: endpointCases({ body: commitmentFields(false), path: reference(ctx.commitments) }),
      prepare: versioned('commitments'),
      readBack: (_response, draft) => commitmentText(draft.path ?? ''),
    },
    {
      method: 'DELETE',
      route: '/api/commitments/:id',
      headers: as('analyst'),
      cases: endpointCases({ path: loosen(reference(ctx.disposable.commitments)), query: { version: queryVersion() } }),
      prepare: versioned('commitments'),
    },
    {
      method: 'POST',
      route: '/api/commitments/:id/status-updates',
      headers: as('analyst'),
      cases: endpointCases({
        path: reference(ctx.commitments),
        body: {
          status: oneOf(IMPLEMENTATION_STATUSES, { required: true }),
          progress: integer({ min: 0, max: 100, required: true }),
          note: text({ max: 10000 }),
          effectiveOn: date({ notAfter: ctx.today }),
          evidence: list(evidence, { max: 20 }),
          correctsId: loosen(reference(ctx.statusUpdates, { nullable: 'accept' })),
          version: version({ min: 1, max: MAX_INT }),
        },
      }),
      prepare: async (draft) => {
        const ready = await versioned('commitments')(draft);
        // Whether an update without note or evidence changes anything, and whether an entry is corrected already,
        // depend on the history by the time it arrives: the API may record or refuse those.
        const body = ready.body as { note?: unknown; evidence?: unknown; correctsId?: unknown } | null | undefined;
        const noted = typeof body?.note === 'string' && body.note.trim() !== '';
        const evidenced = Array.isArray(body?.evidence) && body.evidence.length > 0;
        const stateful = typeof body === 'object' && body !== null && (Boolean(body.correctsId) || (!noted && !evidenced));
        return stateful && ready.verdict === 'accept' ? { ...ready, verdict: 'either' } : ready;
      },
      readBack: (_response, draft) => latestStatusUpdate(draft.path ?? ''),
    },
    {
      method: 'POST',
      route: '/api/commitments/:id/verifications',
      headers: as('analyst'),
      cases: endpointCases({
        path: reference(ctx.commitments),
        body: { note: text({ max: 10000 }), version: version({ min: 1, max: MAX_INT }) },
      }),
      prepare: versioned('commitments'),
    },
    // Restoring or deleting for good needs an archived commitment: others answer 409, unknown ids 404.
    {
      method: 'POST',
      route: '/api/archived-commitments/:id/restore',
      headers: as('admin'),
      cases: endpointCases({ path: loosen(reference(ctx.disposable.commitments)) }),
    },
    {
      method: 'DELETE',
      route: '/api/archived-commitments/:id',
      headers: as('admin'),
      cases: endpointCases({ path: loosen(reference(ctx.disposable.commitments)) }),
    },
    ...crud('/api/agreements', 'agreements', agreementFields, { update: ctx.agreements, remove: ctx.disposable.agreements }),
    ...crud('/api/anchor-events', 'anchor_events', anchorFields, { update: ctx.anchors, remove: ctx.disposable.anchors }),
    ...crud('/api/parties', 'parties', partyFields, { update: ctx.disposable.parties, remove: ctx.disposable.parties }),
    ...crud('/api/areas', 'policy_areas', areaFields, { update: ctx.disposable.areas, remove: ctx.disposable.areas }),
    {
      method: 'POST',
      route: '/api/commitments/import.csv',
      headers: as('analyst'),
      cases: csvImportCases(ctx),
      readBack: (_response, draft) => get(`/api/commitments/${encodeURIComponent(draft.subject ?? '')}`, ctx.headers.analyst),
    },
    {
      method: 'PUT',
      route: '/api/me/reminder-preferences',
      headers: as('viewer'),
      cases: endpointCases({
        body: {
          enabled: boolean(),
          leadDays: list(integer({ min: 1, max: 365 }), { max: 8, unique: true }),
          onDueDay: boolean(),
          overdueRepeatDays: integer({ min: 1, max: 365, nullable: 'accept' }),
          digest: oneOf(['immediate', 'daily', 'weekly']),
          sendHour: integer({ min: 0, max: 23 }),
          timeZone: timeZone({ nullable: 'either' }),
          pausedUntil: pattern({
            nullable: 'accept',
            good: fc.constantFrom('2026-03-01', '2026-12-31'),
            noise: fc.constantFrom('2026-02-30', '2026-13-01', '9999-99-99', '0000-00-00', '2026-3-1', 'tomorrow'),
            accepts: (value) => {
              if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'reject';
              return date().judge(value) === 'accept' ? 'accept' : 'either';
            },
          }),
          statusChangeNotices: oneOf(['immediate', 'digest', 'off']),
        },
      }),
    },
    {
      method: 'POST',
      route: '/api/watches',
      headers: as('viewer'),
      cases: endpointCases({
        body: {
          targetType: oneOf(['commitment', 'agreement', 'area'], { required: true }),
          targetId: loosen(reference([...ctx.commitments, ...ctx.agreements, ...ctx.areas.map((a) => a.id)], { required: true })),
        },
      }),
    },
    {
      method: 'DELETE',
      route: '/api/watches/:id',
      headers: as('viewer'),
      cases: endpointCases({ path: loosen(reference(ctx.disposable.watches)) }),
    },
    {
      method: 'POST',
      route: '/api/users',
      headers: as('admin'),
      cases: endpointCases({
        body: {
          email: email(
            unique('fz-', hex(12)).map((local) => `${local}@example.org`),
            (value) => (/^fz-[0-9a-f]{12}@example\.org$/.test(value) ? 'accept' : 'either'),
          ),
          displayName: text({ singleLine: true, max: 200, nonEmpty: true, storedTrimmed: true, required: true }),
          role: oneOf(ROLES, { required: true }),
          // Hashing is slow on purpose: good requests leave the password out (an invitation is sent instead).
          password: password({ required: false, newMin: 10, good: fc.constant(undefined) }),
        },
      }),
      readBack: async (response) => (await get('/api/users', ctx.headers.admin)).find((u: { id: string }) => u.id === idOf(response)),
    },
    {
      method: 'PATCH',
      route: '/api/users/:id',
      headers: as('admin'),
      cases: endpointCases({
        path: reference(ctx.editableUsers),
        body: {
          displayName: text({ singleLine: true, max: 200, nonEmpty: true, storedTrimmed: true }),
          role: oneOf(ROLES),
          disabled: boolean(),
          timeZone: timeZone(),
          version: version({ min: 0 }),
        },
      }),
      prepare: versioned('users'),
      readBack: async (_response, draft) => (await get('/api/users', ctx.headers.admin)).find((u: { id: string }) => u.id === draft.path),
    },
    {
      method: 'PATCH',
      route: '/api/me',
      headers: as('viewer'),
      cases: endpointCases({
        body: {
          displayName: text({ singleLine: true, max: 200, nonEmpty: true, storedTrimmed: true }),
          timeZone: timeZone(),
        },
      }),
      readBack: () => get('/api/me', ctx.headers.viewer),
    },
    {
      method: 'POST',
      route: '/api/me/tokens',
      headers: as('viewer'),
      cases: endpointCases({
        body: {
          name: text({ singleLine: true, max: 100, nonEmpty: true, storedTrimmed: true, required: true }),
          scope: oneOf(['read', 'read-write'], { required: true }),
        },
      }),
      readBack: async (response) => (await get('/api/me/tokens', ctx.headers.viewer)).find((x: { id: string }) => x.id === idOf(response)),
      // At most 50 live tokens a user: revoke each new one once it has been read back.
      accepted: async (response) => {
        await t.request({ method: 'DELETE', url: `/api/me/tokens/${idOf(response)}`, headers: ctx.headers.viewer });
      },
    },
    {
      method: 'DELETE',
      route: '/api/me/tokens/:id',
      headers: as('viewer'),
      cases: endpointCases({ path: loosen(reference(ctx.disposable.tokens)) }),
    },
    {
      method: 'POST',
      route: '/api/me/feed-tokens',
      headers: as('viewer'),
      cases: endpointCases({
        body: {
          name: text({ singleLine: true, max: 100, nonEmpty: true, storedTrimmed: true, required: true }),
          feed: oneOf(['deadlines', 'changes'], { required: true }),
          expiresInDays: oneOf([30, 90, 365], { nullable: 'accept' }),
        },
      }),
      readBack: async (response) =>
        (await get('/api/me/feed-tokens', ctx.headers.viewer)).find((x: { id: string }) => x.id === idOf(response)),
      // At most 50 live feed links a user: revoke each new one once it has been read back.
      accepted: async (response) => {
        await t.request({ method: 'DELETE', url: `/api/me/feed-tokens/${idOf(response)}`, headers: ctx.headers.viewer });
      },
    },
    {
      method: 'DELETE',
      route: '/api/me/feed-tokens/:id',
      headers: as('viewer'),
      cases: endpointCases({ path: loosen(reference(ctx.disposable.feedTokens)) }),
    },
    {
      method: 'PATCH',
      route: '/api/settings',
      headers: as('admin'),
      cases: endpointCases({
        body: {
          timeZone: timeZone(),
          staleAfterDays: integer({ min: 1, max: 3650 }),
          publicPortal: boolean(),
          workspaceName: text({ singleLine: true, max: 120, nonEmpty: true, storedTrimmed: true }),
          version: version({ min: 0 }),
        },
      }),
      prepare: versioned('workspace_settings', () => '1'),
      readBack: () => get('/api/settings', ctx.headers.admin),
    },
    {
      method: 'POST',
      route: '/api/auth/login',
      headers: as('anonymous'),
      cases: endpointCases({
        remoteAddresses: ['10.20.0.1', '10.20.0.2'],
        body: {
          email: email(fc.constantFrom(...loginEmails, 'nobody@example.org'), () => 'either'),
          password: password({ required: true, good: fc.constantFrom(TEST_PASSWORD, 'a wrong password'), verdict: 'either' }),
        },
      }),
    },
    {
      method: 'POST',
      route: '/api/auth/logout',
      headers: async (draft) => {
        if (draft.credentials === 'live') return ctx.sessions.pop() ?? ctx.headers.anonymous;
        if (draft.credentials === 'bogus')
          return { ...ctx.headers.anonymous, cookie: `pactwatch_session=bogus; ${ctx.headers.anonymous.cookie}` };
        return { cookie: ctx.headers.anonymous.cookie };
      },
      cases: fc.tuple(endpointCases({ body: {} }), fc.constantFrom('live', 'bogus', 'no-csrf')).map(([draft, credentials]) => ({
        ...draft,
        credentials,
        // Sign-out reads no body: any JSON will do, only what cannot be parsed (or is too large) is refused.
        verdict: credentials === 'no-csrf' || draft.raw ? 'either' : 'accept',
        culprits: draft.raw ? draft.culprits : [],
      })),
    },
    {
      method: 'POST',
      route: '/api/auth/password',
      headers: () => ctx.passwordChanger.headers,
      cases: endpointCases({
        // Wrong current passwords count towards the sign-in throttle, so any well-formed request may get a 429.
        body: {
          currentPassword: password({ required: true, good: fc.constant(TEST_PASSWORD), verdict: 'either' }),
          newPassword: password({ required: true, newMin: 10, good: fc.constant(TEST_PASSWORD) }),
        },
      }),
      // A password change ends the other sessions and gives this one a new id.
      accepted: (response) => {
        const session = setCookie(response, 'pactwatch_session');
        const xsrf = setCookie(response, 'XSRF-TOKEN');
        if (session && xsrf)
          ctx.passwordChanger.headers = { cookie: `pactwatch_session=${session}; XSRF-TOKEN=${xsrf}`, 'x-xsrf-token': xsrf };
      },
    },
    {
      method: 'POST',
      route: '/api/auth/password-reset/request',
      headers: as('anonymous'),
      cases: endpointCases({
        remoteAddresses: ['10.30.0.1', '10.30.0.2', '10.30.0.3'],
        body: { email: email(fc.constantFrom(...loginEmails, 'nobody@example.org'), () => 'either') },
      }),
    },
    {
      method: 'POST',
      route: '/api/auth/password-reset/confirm',
      headers: as('anonymous'),
      cases: endpointCases({
        body: { token: linkToken(resetTokens), newPassword: password({ required: true, newMin: 10, good: fc.constant(TEST_PASSWORD) }) },
      }),
    },
    {
      method: 'POST',
      route: '/api/auth/invitations/accept',
      headers: as('anonymous'),
      cases: endpointCases({
        body: {
          token: linkToken(invitationTokens),
          password: password({ required: true, newMin: 10, good: fc.constant(TEST_PASSWORD) }),
          displayName: nullable(text({ singleLine: true, max: 200, nonEmpty: true, storedTrimmed: true }), 'either'),
        },
      }),
    },
    {
      method: 'POST',
      route: '/api/unsubscribe',
      headers: () => ({}),
      cases: endpointCases({
        query: {
          token: pattern({
            required: true,
            good: fc.constantFrom(...ctx.unsubscribeTokens),
            noise: fc.constantFrom('x'.repeat(201), 'not.a.token', `${ctx.unsubscribeTokens[0]}x`),
            accepts: (value) => (validatorLength(value) > 200 ? 'reject' : ctx.unsubscribeTokens.includes(value) ? 'accept' : 'either'),
          }),
        },
      }).map((draft) => ({ ...draft, raw: { text: 'List-Unsubscribe=One-Click', contentType: 'application/x-www-form-urlencoded' } })),
    },
    ...sourceTargets(ctx),
  ];
}
