// Data shaped like what the Rust side sends, for the UI tests.
import type { Condition, LogPage, Notice, NoticeGroup, PlanSummary, ProjectList, RequestView } from '../lib/types';

export function condition(over: Partial<Condition> = {}): Condition {
  return {
    code: 'done',
    text: { id: 'condition-done' },
    raw: 'DONE',
    tone: 'ok',
    finished: true,
    retryable: false,
    ...over,
  };
}

export function request(over: Partial<RequestView> = {}): RequestView {
  return {
    id: 1,
    batchId: 1,
    seq: 1,
    project: { id: 'sandbox', name: 'Sandbox', apiBase: 'http://127.0.0.1:1' },
    scope: 'original',
    createdAt: '2026-11-25T13:00:00Z',
    updatedAt: '2026-11-25T13:00:05Z',
    uuid: '4fc96d31-aaaa-bbbb-cccc-000000000001',
    addedAt: '2026-11-25T13:00:01Z',
    state: 'acknowledged',
    status: 'DONE',
    condition: condition(),
    attempts: 0,
    dueAt: null,
    error: null,
    retryOf: null,
    retriedBy: [],
    pathCount: 2,
    failedCount: 0,
    paths: [
      { path: '/a.jpg', result: 'invalidated' },
      { path: '/b.jpg', result: 'invalidated' },
    ],
    morePaths: 0,
    freshness: null,
    history: [
      {
        at: '2026-11-25T13:00:00Z',
        state: 'queued',
        status: null,
        detail: 'Recorded; waiting to be sent',
        said: { id: 'history-recorded', args: {} },
      },
    ],
    ...over,
  };
}

export function page(requests: RequestView[]): LogPage {
  const batches = new Map<number, RequestView[]>();
  for (const r of requests) batches.set(r.batchId, [...(batches.get(r.batchId) ?? []), r]);
  return {
    batches: [...batches.entries()].map(([id, rs]) => ({
      id,
      createdAt: rs[0].createdAt,
      project: rs[0].project,
      scope: rs[0].scope,
      origin: 'app',
      requestCount: rs.length,
      counts: [...new Set(rs.map((r) => r.condition.code))].map((code) => ({
        code,
        count: rs.filter((r) => r.condition.code === code).length,
      })),
      requests: rs,
      freshness: null,
    })),
    nextBefore: null,
  };
}

export const PROJECTS: ProjectList = {
  selected: 'sandbox',
  keychainProblem: null,
  settingsProblem: null,
  projects: [
    {
      id: 'sandbox',
      name: 'Sandbox',
      apiBase: 'http://127.0.0.1:1',
      effectiveApiBase: 'http://127.0.0.1:1',
      v7: false,
      batchSize: 10,
      deliveryBase: 'http://127.0.0.1:1/delivery',
      checkLimit: 50,
      isSandbox: true,
      key: { state: 'public' },
    },
    {
      id: 'shop',
      name: 'Winter Shop',
      apiBase: 'https://api.cloudimage.com',
      effectiveApiBase: 'https://api.cloudimage.com',
      v7: false,
      batchSize: 10,
      checkLimit: 50,
      isSandbox: false,
      key: { state: 'saved', masked: '••••••••x7k2' },
    },
  ],
};

/** A preview summary as the core sends it: notices grouped by kind, refused first. */
export function plan(paths: string[], notices: Notice[] = [], id = 1): PlanSummary {
  const groups: NoticeGroup[] = [];
  for (const notice of notices) {
    const group = groups.find((g) => g.kind === notice.kind);
    if (group) {
      group.count += 1;
      if (group.first.length < 5) group.first.push(notice);
    } else {
      groups.push({ kind: notice.kind, count: 1, first: [notice] });
    }
  }
  groups.sort((a, b) => Number(b.kind === 'rejected') - Number(a.kind === 'rejected'));
  return {
    id,
    scope: 'original',
    paths: paths.length,
    requests: Math.ceil(paths.length / 10),
    firstPaths: paths.slice(0, 5).map((path, i) => ({ path, line: i + 1 })),
    groups,
  };
}
