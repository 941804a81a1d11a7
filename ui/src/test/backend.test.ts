import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { backend } from '../lib/backend';

afterEach(() => clearMocks());

describe('backend', () => {
  it('sends each command with the argument names the Rust commands take', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return null;
    });
    await backend.preview('p1', 'original', { kind: 'text', text: '/a.jpg' });
    await backend.submit('p1', 'all', { kind: 'staged', id: 3 }, 'Winter Shop');
    await backend.retry(7);
    await backend.refresh();
    await backend.log({ status: 'failed', limit: 25 });
    await backend.requestDetails(3);
    await backend.saveProject({ name: 'X', v7: true, batchSize: 5, key: 'k' });
    await backend.testConnection({ projectId: 'p1' });
    await backend.selectProject('p1');
    expect(calls).toEqual([
      ['preview', { projectId: 'p1', scope: 'original', source: { kind: 'text', text: '/a.jpg' } }],
      ['submit', { projectId: 'p1', scope: 'all', source: { kind: 'staged', id: 3 }, confirmation: 'Winter Shop' }],
      ['retry', { id: 7 }],
      ['refresh', { ids: null }],
      ['log', { filter: { status: 'failed', limit: 25 } }],
      ['request_details', { id: 3 }],
      ['save_project', { draft: { name: 'X', v7: true, batchSize: 5, key: 'k' } }],
      ['test_connection', { projectId: 'p1', key: null, apiBase: null }],
      ['select_project', { id: 'p1' }],
    ]);
  });

  it('passes on errors as {kind, problem}', async () => {
    const error = {
      kind: 'keychainUnavailable',
      problem: { id: 'problem-keychain-unavailable', args: { cause: 'locked' } },
      advice: { id: 'advice-unlock-keychain' },
      refused: [],
    };
    mockIPC(() => {
      throw error;
    });
    await expect(backend.listProjects()).rejects.toEqual(error);
  });

  it('wraps anything else as an unexpected error', async () => {
    mockIPC(() => {
      throw 'boom';
    });
    await expect(backend.appInfo()).rejects.toEqual({
      kind: 'unexpected',
      problem: { id: 'problem-unexpected', args: { cause: 'boom' } },
      advice: null,
      refused: [],
    });
  });
});
