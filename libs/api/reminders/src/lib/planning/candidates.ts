/**
 * The commitments a pass can remind of, and who is concerned with each, read in two narrow queries and joined
 * in memory:
 * - the candidates: one row per open commitment due in the window (an index range scan on `due_date`), with its
 *   areas, assignees and direct watchers looked up by the commitment's key;
 * - the watches of whole agreements and policy areas, read once per pass, however many commitments they cover.
 */
import { CLOSED_STATUSES } from '@pactwatch/shared/deadlines';
import type { PlannerSql } from './planner-session';
import { appendTo, type Via } from './reminder-items';

export interface CandidateCommitment {
  id: string;
  agreement_id: string;
  owner_id: string | null;
  due_date: string;
  area_ids: string[];
  assignee_ids: string[];
  watcher_ids: string[];
}

export interface GroupWatch {
  user_id: string;
  target_type: 'agreement' | 'area';
  target_id: string;
  /** The agreement's title or the area's name, for "you watch …". */
  label: string;
}

export interface SqlQuery {
  text: string;
  values: unknown[];
}

/** Open commitments due in the window (archived ones never), one row each; every lookup besides the range scan is by the commitment's key. */
export function candidatesQuery(window: { from: string; to: string }): SqlQuery {
  return {
    text: `SELECT c.id, c.agreement_id, c.owner_id, to_char(c.due_date, 'YYYY-MM-DD') AS due_date,
                  ARRAY(SELECT ca.area_id FROM commitment_areas ca WHERE ca.commitment_id = c.id ORDER BY 1) AS area_ids,
                  ARRAY(SELECT a.user_id FROM commitment_assignees a WHERE a.commitment_id = c.id ORDER BY 1) AS assignee_ids,
                  ARRAY(SELECT w.user_id FROM watches w WHERE w.target_type = 'commitment' AND w.target_id = c.id ORDER BY 1) AS watcher_ids
             FROM commitments c
            WHERE c.due_date BETWEEN $1::date AND $2::date AND c.status <> ALL($3::varchar[]) AND c.archived_at IS NULL`,
    values: [window.from, window.to, CLOSED_STATUSES],
  };
}

export async function findCandidates(sql: PlannerSql, window: { from: string; to: string }): Promise<CandidateCommitment[]> {
  const { text, values } = candidatesQuery(window);
  return sql.query<CandidateCommitment>(text, values);
}

export async function findGroupWatches(sql: PlannerSql): Promise<GroupWatch[]> {
  return sql.query<GroupWatch>(
    `SELECT w.user_id, w.target_type, w.target_id, COALESCE(ag.title, pa.name) AS label
       FROM watches w
       LEFT JOIN agreements ag ON w.target_type = 'agreement' AND ag.id = w.target_id
       LEFT JOIN policy_areas pa ON w.target_type = 'area' AND pa.id = w.target_id
      WHERE w.target_type IN ('agreement', 'area')
      ORDER BY w.user_id, w.target_type, w.target_id`,
  );
}

const groupKey = (type: GroupWatch['target_type'], id: string) => `${type}:${id}`;

/**
 * Who is concerned with which candidate, indexed by recipient: their own commitments (as owner, assignee or
 * watcher) and the candidates of the agreements and areas they watch.
 */
export class Reach {
  private readonly direct = new Map<string, { candidate: CandidateCommitment; via: Via }[]>();
  private readonly members = new Map<string, CandidateCommitment[]>();
  private readonly watchesOf = new Map<string, GroupWatch[]>();

  constructor(candidates: readonly CandidateCommitment[], groupWatches: readonly GroupWatch[]) {
    for (const candidate of candidates) {
      if (candidate.owner_id) appendTo(this.direct, candidate.owner_id, { candidate, via: { via: 'owner', via_label: null } });
      for (const user of candidate.assignee_ids) appendTo(this.direct, user, { candidate, via: { via: 'assignee', via_label: null } });
      for (const user of candidate.watcher_ids)
        appendTo(this.direct, user, { candidate, via: { via: 'watch_commitment', via_label: null } });
      appendTo(this.members, groupKey('agreement', candidate.agreement_id), candidate);
      for (const area of candidate.area_ids) appendTo(this.members, groupKey('area', area), candidate);
    }
    for (const watch of groupWatches) {
      appendTo(this.watchesOf, watch.user_id, watch);
    }
  }

  /** The agreements and areas a user watches. */
  groupWatchesOf(userId: string): readonly GroupWatch[] {
    return this.watchesOf.get(userId) ?? [];
  }

  /**
   * The candidates a user is concerned with that `include` accepts, each with every way the user is concerned,
   * in the order owner, assignee, watcher of the commitment, of its agreement, of its areas.
   */
  concerns(userId: string, include: (candidate: CandidateCommitment) => boolean): Map<CandidateCommitment, Via[]> {
    const found = new Map<CandidateCommitment, Via[]>();
    for (const { candidate, via } of this.direct.get(userId) ?? []) if (include(candidate)) appendTo(found, candidate, via);
    for (const type of ['agreement', 'area'] as const) {
      for (const watch of this.groupWatchesOf(userId).filter((w) => w.target_type === type)) {
        for (const candidate of this.members.get(groupKey(type, watch.target_id)) ?? []) {
          if (include(candidate)) appendTo(found, candidate, { via: `watch_${type}`, via_label: watch.label });
        }
      }
    }
    return found;
  }
}
