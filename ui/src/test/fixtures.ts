// Data shaped like what the Rust side sends, for the UI tests.
import type { Condition, LogPage, Plan, ProjectList, RequestView } from '../lib/types';

export function condition(over: Partial<Condition> = {}): Condition {
  return {
    code: 'done',
    label: 'Done',
    raw: 'DONE',
    tone: 'ok',
    detail: 'The cache is flushed; the next request fetches the new file.',
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
    history: [{ at: '2026-11-25T13:00:00Z', state: 'queued', status: null, detail: 'Recorded' }],
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
      requests: rs,
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
      isSandbox: false,
      key: { state: 'saved', masked: '••••••••x7k2' },
    },
  ],
};

export function plan(paths: string[], notices: Plan['list']['notices'] = []): Plan {
  const requests: string[][] = [];
  for (let i = 0; i < paths.length; i += 10) requests.push(paths.slice(i, i + 10));
  return {
    scope: 'original',
    list: { paths: paths.map((path, i) => ({ path, line: i + 1 })), notices },
    requests,
  };
}
