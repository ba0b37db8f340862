/**
 * Runs generated requests against one endpoint and checks the rules of the bad-input scenario: no 5xx;
 * a refusal is a 4xx problem document that names the offending field; a refused request leaves every
 * table as it was; and text the API accepted reads back byte-equal.
 */
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { AuthHeaders } from '../../../../support/auth';
import type { TestApp } from '../../../../support/test-app';
import { Ignore, tableChecksum } from './database-watch';
import type { Verdict } from './fields';

/** One generated request, before `$current`-style placeholders are resolved. */
export interface Draft {
  verdict: Verdict;
  /**
   * What a refusal must name: field names, `body` (the body as a whole), `id` (a path parameter), `query.<name>`, or
   * `problem:<code>` (the rule a refused document broke, as the problem document's `problem` says it).
   */
  culprits: string[];
  /** The value of the route's `:id`. */
  path?: string;
  /** Values of the route's other path parameters, by name (e.g. `documentId`, `number`). */
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** A JSON value, or a raw body (text or bytes, e.g. a multipart upload) with its content type. */
  body?: unknown;
  raw?: { text: string | Buffer; contentType: string };
  /** Texts the API should keep as they are: field name -> the value it must read back. */
  stored: Record<string, string>;
  remoteAddress?: string;
  /** Which credentials to send, for endpoints that try several (e.g. sign-out with a live or a bogus session). */
  credentials?: string;
  /** The record to read back when neither the path nor the response says (e.g. a reference code in an imported file). */
  subject?: string;
}

export interface FuzzTarget {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route as Nest declares it, e.g. /api/agreements/:id. */
  route: string;
  cases: fc.Arbitrary<Draft>;
  headers(draft: Draft): AuthHeaders | Promise<AuthHeaders>;
  /** Resolves placeholders (e.g. the record's current version) just before sending. */
  prepare?(draft: Draft): Promise<Draft>;
  /** Reads the record back after a 2xx, as the API returns it. */
  readBack?(response: LightMyRequestResponse, draft: Draft): Promise<Record<string, unknown>>;
  /** Runs after a 2xx (e.g. to keep a rotated session). */
  accepted?(response: LightMyRequestResponse, draft: Draft): Promise<void> | void;
}

export interface FuzzReport {
  cases: number;
  accepted: number;
  refused: number;
  serverErrors: number;
  readBack: number;
  notVerbatim: number;
  /** How many rule breaks; the first 20 are described in `failures`. */
  failureCount: number;
  failures: string[];
}

/** Requests that must be refused run this many at a time (they wait on the database more than on the CPU). */
const CONCURRENCY = 8;

/** The route with every path parameter filled in: `:id` from the draft's path, the others from its params. */
export function pathOf(route: string, draft: Pick<Draft, 'path' | 'params'>): string {
  return route.replace(/:(\w+)/g, (_match, name: string) => {
    const value = draft.params?.[name] ?? (name === 'id' ? draft.path : undefined);
    if (value === undefined) throw new Error(`The draft for ${route} has no value for :${name}`);
    // A path carries UTF-8 only: a lone surrogate goes as U+FFFD.
    return encodeURIComponent(Buffer.from(value, 'utf8').toString('utf8'));
  });
}

function toInject(target: FuzzTarget, draft: Draft, headers: AuthHeaders): InjectOptions {
  const query = draft.query ? `?${new URLSearchParams(draft.query)}` : '';
  const url = `${pathOf(target.route, draft)}${query}`;
  if (draft.raw) {
    return {
      method: target.method,
      url,
      headers: { ...headers, 'content-type': draft.raw.contentType },
      payload: draft.raw.text,
      remoteAddress: draft.remoteAddress,
    };
  }
  const json =
    draft.body === undefined ? {} : { payload: JSON.stringify(draft.body), headers: { ...headers, 'content-type': 'application/json' } };
  return { method: target.method, url, headers, remoteAddress: draft.remoteAddress, ...json };
}

function summarise(draft: Draft, response: LightMyRequestResponse): string {
  const raw = draft.raw?.text;
  const sent = Buffer.isBuffer(raw)
    ? `${raw.length} bytes: ${JSON.stringify(raw.subarray(0, 200).toString('latin1'))}`
    : (raw ?? JSON.stringify(draft.body));
  const shorten = (text: string | undefined) => (text && text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text);
  return `${response.statusCode} for ${draft.verdict} [${draft.culprits.join(', ')}] path=${shorten(draft.path)} query=${JSON.stringify(
    draft.query,
  )} params=${JSON.stringify(draft.params)} body=${shorten(sent)} -> ${shorten(response.body)}`;
}

/** Whether a problem document names the field: `title`, `evidence.0.title`, or for a CSV file `row 3: title`. */
function named(culprit: string, problem: { errors?: { field?: string }[] }): boolean {
  return (problem.errors ?? []).some((error) => (error.field ?? '').replace(/^row \d+: /, '').split('.')[0] === culprit);
}

/** What is wrong with a response to a draft, or null when it keeps the rules. */
export function problemWith(draft: Draft, response: LightMyRequestResponse): string | null {
  const status = response.statusCode;
  if (status >= 500) return 'server error';
  if (status < 200 || (status >= 300 && status < 400)) return 'unexpected status';
  if (status < 300) return draft.verdict === 'reject' ? 'accepted a request that must be refused' : null;
  if (draft.verdict === 'accept') return 'refused an acceptable request';
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) return 'refusal is not a problem document';
  const problem = response.json() as { status?: number; code?: string; detail?: string; problem?: string; errors?: { field?: string }[] };
  if (problem.status !== status || typeof problem.code !== 'string' || !problem.detail)
    return 'problem document without status, code or detail';
  const rules = draft.culprits.filter((c) => c.startsWith('problem:')).map((c) => c.slice('problem:'.length));
  if (rules.length > 0 && !rules.includes(problem.problem ?? '')) return `the refusal does not name the problem ${rules.join(' or ')}`;
  const fields = draft.culprits.filter((c) => c !== 'body' && c !== 'id' && !c.startsWith('problem:'));
  if (draft.culprits.includes('id') && ![400, 404].includes(status)) return 'a bad path id must answer 400 or 404';
  if (fields.length > 0 && !draft.culprits.includes('body') && !draft.culprits.includes('id')) {
    if (status !== 400) return 'a bad field must answer 400';
    const missing = fields.filter((field) => !named(field.replace(/^query\./, ''), problem));
    if (missing.length > 0) return `the refusal does not name ${missing.join(', ')}`;
  }
  return null;
}

async function send(t: TestApp, target: FuzzTarget, draft: Draft): Promise<{ draft: Draft; response: LightMyRequestResponse }> {
  const ready = target.prepare ? await target.prepare(draft) : draft;
  return { draft: ready, response: await t.request(toInject(target, ready, await target.headers(ready))) };
}

/** Runs `work` on every item, `size` at a time. */
async function inPool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

/** Read back at most about this many accepted texts per endpoint (each record read costs a request). */
const READ_BACKS = 50;

/**
 * Fires `runs` generated requests at one endpoint. Those that must be refused run together, several at a
 * time, between two checksums of all tables. The others run one by one, with the count of changed rows
 * read after each: a request the API refused must leave it as it was. Preparing a request and reading a
 * record back only read.
 */
export async function fuzzEndpoint(
  t: TestApp,
  target: FuzzTarget,
  options: { runs: number; seed: number; ignore: Ignore; rowChanges: () => Promise<number> },
): Promise<FuzzReport> {
  // Each endpoint gets its own seed, so that two endpoints do not draw the same "unique" codes.
  const seed = [...`${target.method} ${target.route}`].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) | 0, options.seed);
  const drafts = fc.sample(target.cases, { numRuns: options.runs, seed });
  const report: FuzzReport = {
    cases: drafts.length,
    accepted: 0,
    refused: 0,
    serverErrors: 0,
    readBack: 0,
    notVerbatim: 0,
    failureCount: 0,
    failures: [],
  };
  const fail = (message: string) => {
    report.failureCount += 1;
    if (report.failures.length < 20) report.failures.push(message);
  };
  const tally = async (draft: Draft, response: LightMyRequestResponse) => {
    if (response.statusCode >= 500) report.serverErrors += 1;
    else if (response.statusCode < 300) report.accepted += 1;
    else report.refused += 1;
    const problem = problemWith(draft, response);
    if (problem) fail(`${problem}: ${summarise(draft, response)}`);
    if (response.statusCode < 300) await target.accepted?.(response, draft);
  };

  const mustRefuse = drafts.filter((draft) => draft.verdict === 'reject');
  const before = await tableChecksum(t.db.dataSource, options.ignore);
  await inPool(mustRefuse, CONCURRENCY, async (original) => {
    const { draft, response } = await send(t, target, original);
    await tally(draft, response);
  });
  if ((await tableChecksum(t.db.dataSource, options.ignore)) !== before) {
    fail(`the ${mustRefuse.length} requests that must be refused changed the database`);
  }

  let changes = await options.rowChanges();
  for (const original of drafts.filter((draft) => draft.verdict !== 'reject')) {
    const ready = target.prepare ? await target.prepare(original) : original;
    const response = await t.request(toInject(target, ready, await target.headers(ready)));
    const changesAfter = await options.rowChanges();
    if (response.statusCode >= 400 && changesAfter !== changes) fail(`refused, yet changed the database: ${summarise(ready, response)}`);
    if (response.statusCode < 300 && report.readBack < READ_BACKS) await checkStored(target, ready, response, report, fail);
    await tally(ready, response);
    // An accepted request's follow-up (e.g. revoking a token) may write too.
    changes = response.statusCode < 300 && target.accepted ? await options.rowChanges() : changesAfter;
  }
  return report;
}

async function checkStored(
  target: FuzzTarget,
  draft: Draft,
  response: LightMyRequestResponse,
  report: FuzzReport,
  fail: (message: string) => void,
): Promise<void> {
  if (!target.readBack || Object.keys(draft.stored).length === 0) return;
  const stored = await target.readBack(response, draft);
  for (const [field, expected] of Object.entries(draft.stored)) {
    report.readBack += 1;
    if (stored[field] !== expected) {
      report.notVerbatim += 1;
      const got = stored[field] === undefined ? 'nothing' : JSON.stringify(stored[field]).slice(0, 120);
      fail(`${field} did not read back verbatim: sent ${JSON.stringify(expected).slice(0, 120)}, got ${got}`);
    }
  }
}
