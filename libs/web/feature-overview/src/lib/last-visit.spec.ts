import { TestBed } from '@angular/core/testing';
import { LAST_VISIT_STORAGE, LastVisit } from './last-visit';

/** An in-memory Storage. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('LastVisit', () => {
  const lasting = memoryStorage();

  /** A new browser session (a new tab's sessionStorage) over the same localStorage. */
  function session(): LastVisit {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [{ provide: LAST_VISIT_STORAGE, useValue: { lasting, session: memoryStorage() } }] });
    return TestBed.inject(LastVisit);
  }

  it('has no mark on a first visit, then marks what came after the newest change shown, per user', () => {
    const first = session();
    expect(first.since('u1')).toBeNull();
    first.seen('u1', '2026-02-01T10:00:00Z');

    const next = session();
    expect(next.since('u1')).toBe('2026-02-01T10:00:00Z');
    expect(next.since('u2')).toBeNull();
  });

  it('keeps the mark for the whole visit, so a reload still shows what is new', () => {
    const visit = session();
    const mark = visit.since('u3');
    visit.seen('u3', '2026-02-02T09:00:00Z');
    expect(visit.since('u3')).toBe(mark);
    expect(session().since('u3')).toBe('2026-02-02T09:00:00Z');
  });

  it('never moves the mark back to an older change', () => {
    const visit = session();
    visit.seen('u4', '2026-02-05T00:00:00Z');
    visit.seen('u4', '2026-02-01T00:00:00Z');
    expect(session().since('u4')).toBe('2026-02-05T00:00:00Z');
  });
});
