/**
 * The benchmark archive: a deterministic, realistically shaped data set of agreements,
 * commitments, status history, evidence, users and watches, loaded with multi-row
 * `INSERT ... SELECT * FROM unnest(...)` batches inside one transaction.
 */
import * as argon2 from 'argon2';
import { Client } from 'pg';
import { AnchorDates, computeDueDate, DeadlineSpec, ImplementationStatus } from '@pactwatch/shared/deadlines';
import { Rng } from './rng';
import {
  AGREEMENT_KIND_WEIGHTS,
  AGREEMENT_KIND_WORDS,
  AGREEMENT_KINDS,
  AREAS,
  BODIES,
  NOTES,
  OBJECTS,
  PARTIES,
  placeNames,
  QUALIFIERS,
  SENTENCES,
  VERBS,
} from './vocabulary';

export interface SeedOptions {
  commitments: number;
  seed: number;
  /** YYYY-MM-DD; dates are laid out around it. Defaults to today (UTC). */
  today: string;
  /**
   * Share of commitments with a live deadline (default 1). The rest are archive: due more than
   * 400 days ago or more than 60 days ahead, outside any reminder window. The 1M planning data set
   * uses 0.1, so it has the same number of items due as the 100k one and ten times the total.
   */
  activeShare?: number;
  /** Number of users (default commitments / 20, between 100 and 50,000). */
  users?: number;
  progress?: (done: number, total: number, rows: number) => void;
  log?: (message: string) => void;
}

export interface SeedResult {
  commitments: number;
  rows: Record<string, number>;
  totalRows: number;
  seconds: number;
  rowsPerSecond: number;
  loadSeconds: number;
  indexSeconds: number;
  watches: 'seeded' | 'no watches table' | string;
}

/** The marker the seed leaves in workspace_settings.workspace_name, so `npm run bench` can reuse a data set. */
/** A viewer with a known password, so the bench can sign in (iCal feed tokens, authenticated runs). */
export const BENCH_VIEWER = { email: 'bench-viewer@bench.pactwatch.test', password: 'bench-viewer-password' };

export function seedMarker(commitments: number, seed: number, today: string, activeShare = 1): string {
  return `bench ${commitments} seed ${seed} ${today}${activeShare < 1 ? ` active ${activeShare}` : ''}`;
}

const DAY = 86_400_000;
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const isoInstant = (day: number, seconds: number) => new Date(day * DAY + seconds * 1000).toISOString();

const OPEN: ImplementationStatus[] = ['not_started', 'in_progress', 'at_risk', 'stalled'];
const OPEN_WEIGHTS = [25, 45, 18, 12];
const CLOSED: ImplementationStatus[] = ['completed', 'partially_completed', 'not_pursued'];
const CLOSED_WEIGHTS = [70, 18, 12];
const EVIDENCE_KINDS = ['official_document', 'official_statement', 'news_report', 'dataset', 'analysis', 'other'];

type Column = [name: string, pgType: string];

/** Column-oriented row buffer for one table, flushed as one `INSERT ... SELECT * FROM unnest(...)`. */
class Batch {
  private columns: unknown[][];
  count = 0;
  total = 0;

  constructor(
    readonly table: string,
    private readonly spec: Column[],
  ) {
    this.columns = spec.map(() => []);
  }

  add(...values: unknown[]): void {
    for (let i = 0; i < values.length; i++) this.columns[i].push(values[i]);
    this.count++;
  }

  /** Queues the insert behind `after` (one connection runs one query at a time) and resets the buffer. */
  flush(client: Client, after: Promise<unknown> = Promise.resolve()): Promise<unknown> | null {
    if (this.count === 0) return null;
    const names = this.spec.map(([name]) => `"${name}"`).join(', ');
    const params = this.spec.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
    const values = this.columns;
    this.total += this.count;
    this.columns = this.spec.map(() => []);
    this.count = 0;
    return after.then(() => client.query(`INSERT INTO "${this.table}" (${names}) SELECT * FROM unnest(${params})`, values));
  }
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? key);
}

async function tableExists(client: Client, table: string): Promise<boolean> {
  const result = await client.query(`SELECT to_regclass($1) IS NOT NULL AS exists`, [`public.${table}`]);
  return result.rows[0].exists as boolean;
}

async function tableColumns(client: Client, table: string): Promise<Map<string, { type: string; nullable: boolean; hasDefault: boolean }>> {
  const result = await client.query(
    `SELECT column_name, udt_name, is_nullable = 'YES' AS nullable, column_default IS NOT NULL OR is_generated = 'ALWAYS' OR is_identity = 'YES' AS has_default
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
    [table],
  );
  return new Map(
    result.rows.map((r) => [r.column_name as string, { type: r.udt_name as string, nullable: r.nullable, hasDefault: r.has_default }]),
  );
}

/**
 * Replaces every row of the domain tables with the generated archive. Runs in one transaction:
 * secondary indexes are dropped before the load and rebuilt after it (faster than maintaining
 * them row by row), and a failure leaves the previous data untouched.
 */
export async function seedBenchData(client: Client, options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => undefined);
  const rng = new Rng(options.seed);
  const started = Date.now();
  const today = dayNumber(options.today);
  const n = options.commitments;
  const agreementCount = Math.max(5, Math.round(n / 50));
  const userCount = options.users ?? Math.min(50_000, Math.max(100, Math.round(n / 20)));
  const activeShare = options.activeShare ?? 1;
  const analystCount = Math.max(5, Math.round(userCount / 125));
  const places = placeNames(600);

  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL synchronous_commit = off`);
    await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
    const superuser = (await client.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`)).rows[0]?.rolsuper === true;
    // Generated rows are consistent by construction; skip per-row foreign-key triggers when allowed.
    if (superuser) await client.query(`SET LOCAL session_replication_role = replica`);

    const tables = (
      await client.query(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'typeorm_metadata', 'workspace_settings', 'data_version')`,
      )
    ).rows.map((r) => `"${r.tablename}"`);
    await client.query(`TRUNCATE ${tables.join(', ')} CASCADE`);

    const loaded = [
      'users',
      'parties',
      'policy_areas',
      'agreements',
      'agreement_parties',
      'anchor_events',
      'anchor_event_changes',
      'commitments',
    ];
    loaded.push('commitment_parties', 'commitment_areas', 'commitment_assignees', 'status_updates', 'evidence_links', 'watches');
    const indexes = (
      await client.query(
        `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
           FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace s ON s.oid = t.relnamespace
          WHERE s.nspname = 'public' AND t.relname = ANY($1)
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
        [loaded],
      )
    ).rows as { name: string; definition: string }[];
    for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);

    // Reference data.
    const users = new Batch('users', [
      ['id', 'uuid'],
      ['email', 'varchar'],
      ['email_normalized', 'varchar'],
      ['display_name', 'varchar'],
      ['role', 'varchar'],
      ['time_zone', 'varchar'],
      ['password_hash', 'varchar'],
      ['version', 'int4'],
      ['created_at', 'timestamptz'],
    ]);
    users.add(
      rng.uuid(),
      BENCH_VIEWER.email,
      BENCH_VIEWER.email,
      'Bench viewer',
      'viewer',
      'UTC',
      await argon2.hash(BENCH_VIEWER.password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 }),
      1,
      isoInstant(today - 10, 0),
    );
    const analysts: { id: string; label: string }[] = [];
    const viewers: string[] = [];
    const zones = ['UTC', 'Europe/Brussels', 'America/New_York', 'Asia/Baku', 'Asia/Tokyo', 'Australia/Sydney'];
    for (let i = 0; i < userCount; i++) {
      const id = rng.uuid();
      const role = i < 2 ? 'admin' : i < 2 + analystCount ? 'analyst' : 'viewer';
      const email = `${role}-${String(i).padStart(5, '0')}@bench.pactwatch.test`;
      const name = `${role === 'viewer' ? 'Stakeholder' : role === 'analyst' ? 'Analyst' : 'Admin'} ${i}`;
      if (role !== 'viewer') analysts.push({ id, label: name });
      else viewers.push(id);
      users.add(id, email, email, name, role, rng.pick(zones), null, 1, isoInstant(today - rng.int(30, 1500), rng.int(0, 86399)));
    }

    const parties = PARTIES.map(([code, name, kind]) => ({ id: rng.uuid(), code, name, kind }));
    const partyBatch = new Batch('parties', [
      ['id', 'uuid'],
      ['code', 'varchar'],
      ['name', 'varchar'],
      ['kind', 'varchar'],
      ['version', 'int4'],
    ]);
    for (const p of parties) partyBatch.add(p.id, p.code, p.name, p.kind, 1);
    const areas = AREAS.map(([slug, name]) => ({ id: rng.uuid(), slug, name }));
    const areaBatch = new Batch('policy_areas', [
      ['id', 'uuid'],
      ['slug', 'varchar'],
      ['name', 'varchar'],
      ['version', 'int4'],
    ]);
    for (const a of areas) areaBatch.add(a.id, a.slug, a.name, 1);

    // Agreements, their parties and anchor events.
    const agreementBatch = new Batch('agreements', [
      ['id', 'uuid'],
      ['title', 'varchar'],
      ['kind', 'varchar'],
      ['signed_on', 'date'],
      ['source_url', 'varchar'],
      ['summary', 'text'],
      ['version', 'int4'],
    ]);
    const agreementParties = new Batch('agreement_parties', [
      ['agreement_id', 'uuid'],
      ['party_id', 'uuid'],
    ]);
    const anchorBatch = new Batch('anchor_events', [
      ['id', 'uuid'],
      ['agreement_id', 'uuid'],
      ['name', 'varchar'],
      ['occurred_on', 'date'],
      ['note', 'text'],
      ['version', 'int4'],
    ]);
    const anchorChanges = new Batch('anchor_event_changes', [
      ['id', 'uuid'],
      ['anchor_event_id', 'uuid'],
      ['previous_date', 'date'],
      ['new_date', 'date'],
      ['reason', 'text'],
      ['changed_at', 'timestamptz'],
    ]);
    interface Agreement {
      id: string;
      index: number;
      signed: number;
      parties: (typeof parties)[number][];
      areas: (typeof areas)[number][];
      anchors: { id: string; date: number | null }[];
      code: string;
      size: number;
    }
    const agreements: Agreement[] = [];
    const weights: number[] = [];
    for (let i = 0; i < agreementCount; i++) {
      // Log-normal sizes: most agreements have a few dozen commitments, a few have hundreds.
      const normal = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
      weights.push(Math.exp(normal * 0.9));
    }
    const weightSum = weights.reduce((a, b) => a + b, 0);
    let assigned = 0;
    for (let i = 0; i < agreementCount; i++) {
      const size =
        i === agreementCount - 1
          ? n - assigned
          : Math.max(1, Math.min(n - assigned - (agreementCount - 1 - i), Math.round((n * weights[i]) / weightSum)));
      assigned += size;
      const kind = rng.weighted(AGREEMENT_KINDS, AGREEMENT_KIND_WEIGHTS);
      const partyCount = rng.weighted([2, 3, 4, 5], [60, 22, 12, 6]);
      const agreementParties_ = rng.sample(parties, partyCount, (list) => rng.zipf(list, 0.8));
      const agreementAreas = rng.sample(areas, rng.int(1, 3), (list) => rng.zipf(list, 1.1));
      // Recent years hold most agreements.
      const signed = today - Math.floor(Math.pow(rng.next(), 1.6) * 15 * 365) - 1;
      const code = agreementParties_
        .slice(0, 2)
        .map((p) => p.code)
        .join('-');
      const year = isoDay(signed).slice(0, 4);
      const place = rng.zipf(places, 1.05);
      const title = `${AGREEMENT_KIND_WORDS[kind]} between ${agreementParties_.map((p) => p.name).join(', ')} on ${agreementAreas[0].name.toLowerCase()} cooperation (${place})`;
      const id = rng.uuid();
      agreementBatch.add(
        id,
        title.slice(0, 300),
        kind,
        isoDay(signed),
        `https://treaties.bench.pactwatch.test/${year}/${i}`,
        `Signed in ${year} by ${agreementParties_.map((p) => p.name).join(' and ')}. Covers ${agreementAreas.map((a) => a.name.toLowerCase()).join(', ')}.`,
        1,
      );
      for (const p of agreementParties_) agreementParties.add(id, p.id);
      const anchors: Agreement['anchors'] = [];
      const addAnchor = (name: string, date: number | null, note: string) => {
        const anchorId = rng.uuid();
        anchors.push({ id: anchorId, date });
        anchorBatch.add(anchorId, id, name, date === null ? null : isoDay(date), note, 1);
        if (date !== null)
          anchorChanges.add(rng.uuid(), anchorId, null, isoDay(date), 'Recorded from the source', isoInstant(date + 1, rng.int(0, 86399)));
      };
      addAnchor(`${AGREEMENT_KIND_WORDS[kind]} signed`, signed, '');
      if (rng.chance(0.5)) {
        const inForce = signed + rng.int(30, 400);
        addAnchor('Entry into force', inForce < today && rng.chance(0.75) ? inForce : null, 'Pending ratification by all parties');
      }
      if (rng.chance(0.2)) addAnchor('Ratification by parliament', null, 'Not yet scheduled');
      agreements.push({
        id,
        index: i,
        signed,
        parties: agreementParties_,
        areas: agreementAreas,
        anchors,
        code: `${code}-${year}-${String(i).padStart(4, '0')}`,
        size,
      });
    }

    const commitmentBatch = new Batch('commitments', [
      ['id', 'uuid'],
      ['ref_code', 'varchar'],
      ['title', 'varchar'],
      ['description', 'text'],
      ['agreement_id', 'uuid'],
      ['parent_id', 'uuid'],
      ['source_quote', 'text'],
      ['source_locator', 'varchar'],
      ['source_url', 'varchar'],
      ['responsible_body', 'varchar'],
      ['owner_id', 'uuid'],
      ['deadline', 'jsonb'],
      ['anchor_event_id', 'uuid'],
      ['due_date', 'date'],
      ['anchor_pending', 'bool'],
      ['status', 'varchar'],
      ['progress', 'int2'],
      ['last_verified_on', 'date'],
      ['version', 'int4'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ]);
    const commitmentParties = new Batch('commitment_parties', [
      ['commitment_id', 'uuid'],
      ['party_id', 'uuid'],
    ]);
    const commitmentAreas = new Batch('commitment_areas', [
      ['commitment_id', 'uuid'],
      ['area_id', 'uuid'],
    ]);
    const assignees = new Batch('commitment_assignees', [
      ['commitment_id', 'uuid'],
      ['user_id', 'uuid'],
    ]);
    const updates = new Batch('status_updates', [
      ['id', 'uuid'],
      ['commitment_id', 'uuid'],
      ['author_id', 'uuid'],
      ['author_label', 'varchar'],
      ['created_at', 'timestamptz'],
      ['effective_on', 'date'],
      ['status_before', 'varchar'],
      ['status_after', 'varchar'],
      ['progress_before', 'int2'],
      ['progress_after', 'int2'],
      ['note', 'text'],
      ['corrects_id', 'uuid'],
    ]);
    const evidence = new Batch('evidence_links', [
      ['id', 'uuid'],
      ['status_update_id', 'uuid'],
      ['url', 'varchar'],
      ['title', 'varchar'],
      ['kind', 'varchar'],
      ['published_on', 'date'],
    ]);

    let rowsSoFar = 0;
    // Inserts run one after another on the connection while the next chunk is generated.
    let queue: Promise<unknown> = Promise.resolve();
    const flushAll = (batches: Batch[]) => {
      for (const batch of batches) {
        const count = batch.count;
        const flushed = batch.flush(client, queue);
        if (flushed) queue = flushed.then(() => (rowsSoFar += count));
      }
      return queue;
    };
    await flushAll([users, partyBatch, areaBatch, agreementBatch, agreementParties, anchorBatch, anchorChanges]);

    const watchable: string[] = [];
    let inFlight: Promise<unknown> = Promise.resolve();
    let done = 0;
    const CHUNK = 2_000;

    for (const agreement of agreements) {
      const topLevel: string[] = [];
      const dates: AnchorDates = Object.fromEntries(agreement.anchors.map((x) => [x.id, x.date === null ? null : isoDay(x.date)]));
      for (let seq = 1; seq <= agreement.size; seq++) {
        const id = rng.uuid();
        const party = rng.pick(agreement.parties);
        const party2 = rng.pick(agreement.parties);
        const area = rng.chance(0.8) ? agreement.areas[0] : rng.zipf(areas, 1.1);
        const values = {
          area: area.name.toLowerCase(),
          place: rng.zipf(places, 1.05),
          party: party.name,
          party2: party2.name,
          body: fill(rng.pick(BODIES), { party: party.name }),
          n: String(rng.int(2, 500)),
        };
        const verb = rng.pick(VERBS);
        const object = rng.zipf(OBJECTS, 0.9);
        const qualifier = fill(rng.pick(QUALIFIERS), values);
        const title = `${verb} ${object} ${qualifier}`;
        const sentenceValues = { ...values, verb: verb.toLowerCase(), object, qualifier };
        const description = [0, 1, 2]
          .slice(0, rng.int(2, 3))
          .map(() => fill(rng.pick(SENTENCES), sentenceValues))
          .join(' ');
        const quote = `The Parties shall ${verb.toLowerCase()} ${object} ${qualifier}.`;

        // Deadline: every kind, including relative ones whose anchor is still pending.
        const kind = rng.weighted(['none', 'absolute', 'relative', 'recurring'] as const, [8, 47, 35, 10]);
        let spec: DeadlineSpec;
        let anchorEventId: string | null = null;
        if (kind === 'none') spec = { kind: 'none' };
        else if (kind === 'absolute') {
          const date = today + Math.round(-900 + Math.pow(rng.next(), 0.8) * 2400);
          spec = {
            kind: 'absolute',
            date: isoDay(date),
            precision: rng.weighted(['day', 'month', 'quarter', 'year'] as const, [50, 20, 15, 15]),
          };
        } else if (kind === 'relative') {
          const anchor = rng.pick(agreement.anchors);
          anchorEventId = anchor.id;
          const duration = rng.weighted([`P${rng.int(1, 36)}M`, `P${rng.int(30, 720)}D`, `P${rng.int(1, 10)}Y`], [55, 30, 15]);
          spec = { kind: 'relative', anchorEventId: anchor.id, duration };
        } else {
          const interval = rng.pick(['P180D', 'P90D', 'P6M', 'P1Y', 'P3M']);
          if (rng.chance(0.6)) spec = { kind: 'recurring', interval, start: isoDay(agreement.signed + rng.int(0, 120)) };
          else {
            const anchor = rng.pick(agreement.anchors);
            anchorEventId = anchor.id;
            spec = { kind: 'recurring', interval, anchorEventId: anchor.id };
          }
        }
        let due = computeDueDate(spec, dates, isoDay(today));
        if (activeShare < 1 && !rng.chance(activeShare) && (due.dueDate === null || Math.abs(dayNumber(due.dueDate) - today) <= 400)) {
          const date = rng.chance(0.7) ? today - rng.int(401, 4000) : today + rng.int(401, 3000);
          spec = { kind: 'absolute', date: isoDay(date), precision: 'day' };
          anchorEventId = null;
          due = computeDueDate(spec, dates, isoDay(today));
        }
        const dueDay = due.dueDate === null ? null : dayNumber(due.dueDate);

        const closedShare = dueDay === null ? 0.25 : dueDay < today ? 0.55 : 0.15;
        const status = rng.chance(closedShare) ? rng.weighted(CLOSED, CLOSED_WEIGHTS) : rng.weighted(OPEN, OPEN_WEIGHTS);
        const progress =
          status === 'completed'
            ? 100
            : status === 'partially_completed'
              ? rng.int(60, 95)
              : status === 'not_pursued'
                ? rng.int(0, 60)
                : status === 'not_started'
                  ? 0
                  : rng.int(5, 90);

        const created = Math.min(today - 1, agreement.signed + rng.int(0, 60));
        const lastDay = Math.max(created, today - (rng.chance(0.65) ? rng.int(0, 85) : rng.int(91, 700)));
        const history = rng.int(1, 19);
        const days: number[] = [];
        for (let k = 0; k < history; k++) days.push(created + Math.floor(rng.next() * (lastDay - created + 1)));
        days.sort((a, b) => a - b);
        days[days.length - 1] = lastDay;
        let before: ImplementationStatus | null = null;
        let progressBefore: number | null = null;
        let previousId: string | null = null;
        for (let k = 0; k < history; k++) {
          const last = k === history - 1;
          const after: ImplementationStatus = last
            ? status
            : k === 0
              ? rng.pick(['not_started', 'in_progress'] as const)
              : rng.weighted(OPEN, [5, 60, 20, 15]);
          const progressAfter = last ? progress : after === 'not_started' ? 0 : Math.round((progress * (k + 1)) / history);
          const author = rng.pick(analysts);
          const updateId = rng.uuid();
          const correction = previousId !== null && rng.chance(0.02);
          updates.add(
            updateId,
            id,
            author.id,
            author.label,
            isoInstant(days[k], rng.int(25_000, 70_000)),
            isoDay(days[k]),
            before,
            after,
            progressBefore,
            progressAfter,
            correction ? `Correction of the previous update: ${rng.pick(NOTES)}` : rng.pick(NOTES),
            correction ? previousId : null,
          );
          if (rng.chance(0.3)) {
            evidence.add(
              rng.uuid(),
              updateId,
              `https://news.bench.pactwatch.test/${agreement.index}/${seq}/${k}`,
              `${rng.pick(['Ministry statement', 'Press release', 'Official gazette', 'News report', 'Progress report'])} on ${object}`.slice(
                0,
                300,
              ),
              rng.pick(EVIDENCE_KINDS),
              isoDay(days[k] - rng.int(0, 10)),
            );
          }
          before = after;
          progressBefore = progressAfter;
          previousId = updateId;
        }

        const parent = topLevel.length > 0 && rng.chance(0.12) ? rng.pick(topLevel) : null;
        if (parent === null && topLevel.length < 8) topLevel.push(id);
        const lastVerified = rng.chance(0.03) ? null : isoDay(lastDay);
        commitmentBatch.add(
          id,
          `${agreement.code}-${String(seq).padStart(3, '0')}`,
          title.slice(0, 300),
          description,
          agreement.id,
          parent,
          quote,
          `Article ${rng.int(1, 30)}(${rng.int(1, 9)}), p. ${rng.int(1, 80)}`,
          rng.chance(0.5) ? `https://treaties.bench.pactwatch.test/${agreement.index}#c${seq}` : null,
          values.body.slice(0, 300),
          rng.chance(0.7) ? rng.pick(analysts).id : null,
          JSON.stringify(spec),
          anchorEventId,
          due.dueDate,
          due.anchorPending,
          status,
          progress,
          lastVerified,
          history + 1,
          isoInstant(created, rng.int(0, 86399)),
          isoInstant(lastDay, rng.int(70_000, 86_399)),
        );
        for (const p of rng.sample(agreement.parties, rng.int(1, 2))) commitmentParties.add(id, p.id);
        const commitmentAreaList = new Set([area, ...(rng.chance(0.4) ? [rng.zipf(areas, 1.1)] : [])]);
        for (const a of commitmentAreaList) commitmentAreas.add(id, a.id);
        if (rng.chance(0.5)) for (const a of rng.sample(analysts, rng.int(1, 2))) assignees.add(id, a.id);
        if (rng.chance(0.05)) watchable.push(id);

        done++;
        if (commitmentBatch.count >= CHUNK) {
          // Let the previous chunk finish before queueing this one: one chunk generates while one loads.
          await inFlight;
          inFlight = flushAll([commitmentBatch, commitmentParties, commitmentAreas, assignees, updates, evidence]);
          options.progress?.(done, n, rowsSoFar);
        }
      }
    }
    await inFlight;
    await flushAll([commitmentBatch, commitmentParties, commitmentAreas, assignees, updates, evidence]);
    options.progress?.(done, n, rowsSoFar);

    const watches = await seedWatches(client, rng, { viewers, analysts, agreements, areas, watchable, today });
    rowsSoFar += watches.rows;
    const loadSeconds = (Date.now() - started) / 1000;

    log(`Rebuilding ${indexes.length} indexes`);
    const indexStarted = Date.now();
    for (const index of indexes) await client.query(index.definition);
    const indexSeconds = (Date.now() - indexStarted) / 1000;

    await client.query(
      `UPDATE workspace_settings SET public_portal = true, time_zone = 'UTC', stale_after_days = 90, workspace_name = $1, version = version + 1 WHERE id = 1`,
      [seedMarker(n, options.seed, options.today, activeShare)],
    );
    // The triggers that move the data version are off in replica mode: move it here, so running instances drop what they cached.
    await client.query(`UPDATE data_version SET version = nextval('data_version_seq'), changed_at = now()`);
    await client.query('COMMIT');
    log('Vacuuming and analysing');
    await client.query('VACUUM (ANALYZE)');

    const rows: Record<string, number> = {};
    for (const batch of [users, partyBatch, areaBatch, agreementBatch, agreementParties, anchorBatch, anchorChanges, commitmentBatch])
      rows[batch.table] = batch.total;
    for (const batch of [commitmentParties, commitmentAreas, assignees, updates, evidence]) rows[batch.table] = batch.total;
    if (watches.table) rows[watches.table] = watches.rows;
    const totalRows = Object.values(rows).reduce((a, b) => a + b, 0);
    const seconds = (Date.now() - started) / 1000;
    return {
      commitments: n,
      rows,
      totalRows,
      seconds,
      rowsPerSecond: Math.round(totalRows / loadSeconds),
      loadSeconds,
      indexSeconds,
      watches: watches.status,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

interface WatchContext {
  viewers: string[];
  analysts: { id: string }[];
  agreements: { id: string }[];
  areas: { id: string }[];
  watchable: string[];
  today: number;
}

/**
 * Watches (users following commitments, agreements and areas) when the reminders schema has a
 * `watches` table; the columns are read from the database so the seed follows the migration.
 */
async function seedWatches(client: Client, rng: Rng, context: WatchContext): Promise<{ rows: number; status: string; table?: string }> {
  if (!(await tableExists(client, 'watches'))) return { rows: 0, status: 'no watches table' };
  const columns = await tableColumns(client, 'watches');
  const known = ['id', 'user_id', 'target_type', 'target_id', 'created_at'];
  const required = [...columns.entries()]
    .filter(([name, c]) => !c.nullable && !c.hasDefault && !known.includes(name))
    .map(([name]) => name);
  if (!columns.has('user_id') || !columns.has('target_type') || !columns.has('target_id') || required.length > 0) {
    return { rows: 0, status: `watches table has an unexpected shape (${[...columns.keys()].join(', ')}): not seeded` };
  }
  const targetIdType = columns.get('target_id')?.type === 'uuid' ? 'uuid' : 'varchar';
  const spec: Column[] = [
    ['id', 'uuid'],
    ['user_id', 'uuid'],
    ['target_type', 'varchar'],
    ['target_id', targetIdType],
    ['created_at', 'timestamptz'],
  ];
  const batch = new Batch(
    'watches',
    spec.filter(([name]) => columns.has(name)),
  );
  const hasId = columns.has('id');
  const hasCreated = columns.has('created_at');
  const people = [...context.viewers, ...context.analysts.map((a) => a.id)];
  for (const user of people) {
    const targets = new Set<string>();
    const count = rng.weighted([0, 1, 2, 3, 5, 8], [10, 30, 25, 15, 12, 8]);
    for (let i = 0; i < count; i++) {
      const kind = rng.weighted(['commitment', 'agreement', 'area'] as const, [70, 25, 5]);
      const target =
        kind === 'commitment'
          ? rng.pick(context.watchable)
          : kind === 'agreement'
            ? rng.zipf(context.agreements, 0.7).id
            : rng.zipf(context.areas, 1).id;
      if (!target || targets.has(target)) continue;
      targets.add(target);
      const values: unknown[] = [];
      if (hasId) values.push(rng.uuid());
      values.push(user, kind, target);
      if (hasCreated) values.push(isoInstant(context.today - rng.int(1, 700), rng.int(0, 86399)));
      batch.add(...values);
    }
    if (batch.count >= 10_000) await batch.flush(client);
  }
  await batch.flush(client);
  let prefs = 0;
  if (await tableExists(client, 'reminder_preferences')) {
    // A third of the users changed the defaults: other lead days, weekly digests, another send hour.
    const prefColumns = await tableColumns(client, 'reminder_preferences');
    const wanted: Column[] = [
      ['user_id', 'uuid'],
      ['lead_days', '_int2'],
      ['digest', 'varchar'],
      ['send_hour', 'int2'],
    ];
    if (wanted.every(([name]) => prefColumns.has(name))) {
      const rows: unknown[][] = [[], [], [], []];
      for (const user of people) {
        if (!rng.chance(0.33)) continue;
        rows[0].push(user);
        rows[1].push(`{${rng.pick(['30,7,1', '14,3', '60,30,7,1', '7', '30'])}}`);
        rows[2].push(rng.pick(['immediate', 'daily', 'daily', 'weekly']));
        rows[3].push(rng.int(6, 10));
      }
      const version = prefColumns.has('version') ? ', version' : '';
      // The app writes updated_at from its clock (no database default); the generator's rows are stamped now.
      const updated = prefColumns.has('updated_at') ? ', updated_at' : '';
      await client.query(
        `INSERT INTO reminder_preferences (user_id, lead_days, digest, send_hour${version}${updated})
         SELECT u, l::smallint[], d, h${version ? ', 1' : ''}${updated ? ', now()' : ''} FROM unnest($1::uuid[], $2::text[], $3::varchar[], $4::int2[]) AS t(u, l, d, h)`,
        rows,
      );
      prefs = rows[0].length;
    }
  }
  return { rows: batch.total + prefs, status: `seeded (${batch.total} watches, ${prefs} reminder preferences)`, table: 'watches' };
}
