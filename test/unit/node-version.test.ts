import { describe, expect, it } from 'vitest';
import { MINIMUM_NODE, nodeVersionProblem } from '../../worker/runtime/node-version';

describe('the Node version the server needs', () => {
  it('accepts the minimum and anything later', () => {
    for (const v of [MINIMUM_NODE, '22.12.1', '22.23.3', '23.0.0', '24.1.0']) expect(nodeVersionProblem(v)).toBeNull();
  });

  it('refuses older versions, naming both versions and how to start it', () => {
    for (const v of ['20.20.2', '22.11.9', '22.0.0', '18.19.0']) {
      const problem = nodeVersionProblem(v);
      expect(problem).toContain(v);
      expect(problem).toContain(MINIMUM_NODE);
      expect(problem).toContain('npm start');
    }
  });

  it('refuses a version it cannot read', () => {
    expect(nodeVersionProblem('banana')).toContain('banana');
  });

  it('passes the Node running these tests (the one npm installed)', () => {
    expect(nodeVersionProblem()).toBeNull();
  });
});
