/**
 * What the fuzzer needs to aim at: signed-in users of each role, ids of existing records (for references
 * and paths), records made to be deleted, and live single-use links and unsubscribe tokens.
 */
import { UnsubscribeTokens } from '@pactwatch/api/reminders';
import { createHash, randomBytes } from 'node:crypto';
import {
  anonymousHeaders,
  AuthHeaders,
  createUser,
  sessionHeaders,
  signInAs,
  TEST_PASSWORD,
  TestUser,
  withJson,
} from '../../../../support/auth';
import type { TestApp } from '../../../../support/test-app';

export const SESSION_SECRET = 'reliability-fuzz-secret-that-signs-unsubscribe-links';

export interface FuzzContext {
  t: TestApp;
  today: string;
  headers: { analyst: AuthHeaders; admin: AuthHeaders; viewer: AuthHeaders; anonymous: AuthHeaders };
  agreements: string[];
  commitments: string[];
  anchors: string[];
  parties: { id: string; code: string }[];
  areas: { id: string; slug: string }[];
  /** Users that may own or be assigned to commitments. */
  people: string[];
  statusUpdates: string[];
  /** Records created only to be deleted by the DELETE endpoints. */
  disposable: Record<'commitments' | 'agreements' | 'anchors' | 'parties' | 'areas' | 'watches' | 'tokens' | 'feedTokens', string[]>;
  /** Accounts the admin may edit without locking the fuzzer's own users out. */
  editableUsers: string[];
  /** Accounts to sign in with (password TEST_PASSWORD). */
  logins: TestUser[];
  /** Live sessions for sign-out to end, one each. */
  sessions: AuthHeaders[];
  /** A signed-in viewer whose password changes; its headers are replaced when the session rotates. */
  passwordChanger: { user: TestUser; headers: AuthHeaders };
  resetTokens: string[];
  invitationTokens: string[];
  unsubscribeTokens: string[];
  sources: SourceFixtures;
  /** Mail deliveries that gave up (dead), for an admin to send again. */
  deadMail: string[];
}

/** Source documents of an agreement, each with one version of {@link SOURCE_TEXT} and its drafts. */
export interface SourceFixtures {
  /** Documents that take new versions. */
  documents: string[];
  /** Document and version number pairs, for the routes under /sources/:documentId/versions/:number. */
  versions: { documentId: string; number: number }[];
  /** Versions whose drafts "accept all remaining" may take. */
  acceptAll: { documentId: string; number: number }[];
  /** Proposed drafts: to edit (never decided), to accept, to reject. */
  candidates: Record<'edit' | 'accept' | 'reject', string[]>;
  /** Commitments accepted from a draft whose quote a newer version changed (each waits for a move or keep). */
  quoteReviews: string[];
  /** Commitments accepted from a draft whose quote no newer version changed (nothing to decide). */
  verifiedQuotes: string[];
}

/** A short agreement the extractor drafts three commitments from (one due a fixed date, one relative, one recurring). */
export const SOURCE_TEXT = [
  'Joint statement on transit cooperation',
  'Article 1',
  'The Parties shall open a joint customs post within 90 days of signing.',
  'Article 2',
  'The Parties will publish a transit tariff schedule by 1 December 2025.',
  'Article 3',
  'The ministries of transport shall meet every year to review the corridor.',
].join('\n\n');

const SOURCE_TEXT_CHANGED = SOURCE_TEXT.replace(
  'a transit tariff schedule by 1 December 2025',
  'a revised tariff schedule by 1 March 2026',
);

const DISPOSABLE = 30;
/** Enough live sessions for the sign-out requests that send one. */
const SIGN_OUTS = 400;
const HOUR = 3_600_000;

async function ids(t: TestApp, sql: string): Promise<string[]> {
  return (await t.db.dataSource.query(sql)).map((row: { id: string }) => row.id);
}

async function create(t: TestApp, headers: AuthHeaders, url: string, payload: object): Promise<string> {
  const response = await t.request({ method: 'POST', url, headers: withJson(headers), payload });
  if (response.statusCode !== 201) throw new Error(`Could not create a fixture at ${url}: ${response.statusCode} ${response.body}`);
  return response.json().id;
}

async function post(t: TestApp, headers: AuthHeaders, url: string, payload: object): Promise<unknown> {
  const response = await t.request({ method: 'POST', url, headers: withJson(headers), payload });
  if (response.statusCode !== 201) throw new Error(`Could not make a fixture at ${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

async function times<T>(n: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const made: T[] = [];
  for (let i = 0; i < n; i += 1) made.push(await make(i));
  return made;
}

/** Stores single-use links with known tokens, as if they had been emailed. */
async function links(t: TestApp, purpose: 'password_reset' | 'invitation', users: TestUser[]): Promise<string[]> {
  const now = t.clock.now();
  const tokens: string[] = [];
  for (const user of users) {
    const token = randomBytes(24).toString('base64url');
    await t.db.dataSource.query(
      `INSERT INTO account_links (user_id, purpose, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [user.id, purpose, createHash('sha256').update(token).digest('hex'), now, new Date(now.getTime() + 48 * HOUR)],
    );
    tokens.push(token);
  }
  return tokens;
}

/** Documents with one version each, drafted by the extractor; some drafts accepted and their quotes changed in version 2. */
async function sourceFixtures(t: TestApp, headers: AuthHeaders, agreementId: string): Promise<SourceFixtures> {
  const document = async (title: string) => {
    const made = (await post(t, headers, `/api/agreements/${agreementId}/sources`, { title, text: SOURCE_TEXT })) as { id: string };
    const drafts = (await post(t, headers, `/api/sources/${made.id}/versions/1/extract`, {})) as { id: string; quote: string }[];
    if (drafts.length === 0) throw new Error('The extractor drafted nothing from the fixture text');
    return { id: made.id, drafts };
  };
  const made = await times(18, (i) => document(`Fuzz source ${i}`));
  const drafts = (from: number, to: number) => made.slice(from, to).flatMap((d) => d.drafts.map((draft) => draft.id));
  const quoteReviews: string[] = [];
  const verifiedQuotes: string[] = [];
  for (const reviewed of made.slice(14, 18)) {
    const accepted = (await post(t, headers, `/api/sources/${reviewed.id}/versions/1/accept-remaining`, {})) as {
      accepted: { candidateId: string; commitmentId: string }[];
    };
    await post(t, headers, `/api/sources/${reviewed.id}/versions`, { text: SOURCE_TEXT_CHANGED });
    for (const { candidateId, commitmentId } of accepted.accepted) {
      const quote = reviewed.drafts.find((draft) => draft.id === candidateId)?.quote ?? '';
      (quote.includes('tariff schedule') ? quoteReviews : verifiedQuotes).push(commitmentId);
    }
  }
  return {
    documents: made.slice(0, 4).map((d) => d.id),
    versions: made.slice(0, 4).map((d) => ({ documentId: d.id, number: 1 })),
    acceptAll: made.slice(4, 8).map((d) => ({ documentId: d.id, number: 1 })),
    candidates: { edit: drafts(8, 10), accept: drafts(10, 12), reject: drafts(12, 14) },
    quoteReviews,
    verifiedQuotes,
  };
}

/** The key unsubscribe links are sealed with, made as the reminders service makes it when none is stored yet. */
async function unsubscribeTokens(t: TestApp): Promise<UnsubscribeTokens> {
  await t.db.dataSource.query(
    `INSERT INTO reminder_state (id, unsubscribe_key) VALUES (1, $1)
     ON CONFLICT (id) DO UPDATE SET unsubscribe_key = COALESCE(reminder_state.unsubscribe_key, EXCLUDED.unsubscribe_key)`,
    [randomBytes(32).toString('base64url')],
  );
  const [row] = await t.db.dataSource.query(`SELECT unsubscribe_key FROM reminder_state WHERE id = 1`);
  return new UnsubscribeTokens(Buffer.from(row.unsubscribe_key, 'base64url'));
}

export async function loadFuzzContext(t: TestApp): Promise<FuzzContext> {
  const [admin, analyst, viewer] = await Promise.all(
    ['admin', 'analyst', 'viewer'].map((role) => createUser(t, { role: role as TestUser['role'] })),
  );
  const headers = {
    admin: await signInAs(t, admin.email),
    analyst: await signInAs(t, analyst.email),
    viewer: await signInAs(t, viewer.email),
    anonymous: await anonymousHeaders(t),
  };
  const changer = await createUser(t, { role: 'viewer' });
  const invited = await times(DISPOSABLE, () => createUser(t, { role: 'viewer' }));
  await t.db.dataSource.query(`UPDATE users SET password_hash = NULL WHERE id = ANY($1::uuid[])`, [invited.map((u) => u.id)]);
  const resettable = await times(DISPOSABLE, () => createUser(t, { role: 'viewer' }));
  const editable = await times(10, () => createUser(t, { role: 'viewer' }));
  const [demoAgreement] = await ids(t, `SELECT id FROM agreements ORDER BY created_at LIMIT 1`);
  const tokens = await unsubscribeTokens(t);
  const sources = await sourceFixtures(t, headers.analyst, demoAgreement);

  return {
    t,
    today: t.clock.now().toISOString().slice(0, 10),
    headers,
    agreements: await ids(t, `SELECT id FROM agreements`),
    commitments: await ids(t, `SELECT id FROM commitments`),
    anchors: await ids(t, `SELECT id FROM anchor_events`),
    parties: await t.db.dataSource.query(`SELECT id, code FROM parties`),
    areas: await t.db.dataSource.query(`SELECT id, slug FROM policy_areas`),
    people: [admin.id, analyst.id, viewer.id],
    statusUpdates: await ids(t, `SELECT id FROM status_updates`),
    disposable: {
      commitments: await times(DISPOSABLE, (i) =>
        create(t, headers.analyst, '/api/commitments', {
          refCode: `DEL-${i}`,
          title: `To delete ${i}`,
          agreementId: demoAgreement,
          deadline: { kind: 'none' },
        }),
      ),
      agreements: await times(DISPOSABLE, (i) => create(t, headers.analyst, '/api/agreements', { title: `To delete ${i}`, kind: 'mou' })),
      anchors: await times(DISPOSABLE, (i) => create(t, headers.analyst, '/api/anchor-events', { name: `To delete ${i}` })),
      parties: await times(DISPOSABLE, (i) => create(t, headers.analyst, '/api/parties', { code: `DEL-${i}`, name: `To delete ${i}` })),
      areas: await times(DISPOSABLE, (i) => create(t, headers.analyst, '/api/areas', { slug: `to-delete-${i}`, name: `To delete ${i}` })),
      watches: await times(DISPOSABLE, async (i) => {
        const watched = await create(t, headers.analyst, '/api/agreements', { title: `Watched ${i}`, kind: 'mou' });
        return create(t, headers.viewer, '/api/watches', { targetType: 'agreement', targetId: watched });
      }),
      tokens: await times(DISPOSABLE, (i) => create(t, headers.viewer, '/api/me/tokens', { name: `To revoke ${i}`, scope: 'read' })),
      feedTokens: await times(DISPOSABLE, (i) =>
        create(t, headers.viewer, '/api/me/feed-tokens', { name: `Feed to revoke ${i}`, feed: 'deadlines' }),
      ),
    },
    editableUsers: editable.map((u) => u.id),
    logins: [analyst, viewer, changer],
    sessions: await times(SIGN_OUTS, () => sessionHeaders(t, viewer.id)),
    passwordChanger: { user: { ...changer, password: TEST_PASSWORD }, headers: await signInAs(t, changer.email) },
    resetTokens: await links(t, 'password_reset', resettable),
    invitationTokens: await links(t, 'invitation', invited),
    unsubscribeTokens: [...resettable, ...editable].map((user) => tokens.sign(user.id)),
    sources,
    deadMail: await times(DISPOSABLE, async (i) => {
      const [row] = await t.db.dataSource.query(
        `INSERT INTO mail_outbox (recipient, subject, text, html, state, dedupe_key, attempts, last_error, created_at)
         VALUES ($1, $2, 'Body', '<p>Body</p>', 'dead', $3, 5, 'connection refused', $4) RETURNING id`,
        [`dead-${i}@example.org`, `Undelivered ${i}`, `fuzz-dead-${i}`, t.clock.now()],
      );
      return row.id as string;
    }),
  };
}
