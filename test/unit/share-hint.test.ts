import { describe, expect, it } from 'vitest';
import { chooseHint } from '../../web/pages/share-hint';

describe('the share form hint', () => {
  it('says all are ticked only when every offered certificate is', () => {
    expect(chooseHint(['a', 'b'], ['a', 'b'])).toBe('All are ticked. Untick any you do not want to share.');
    expect(chooseHint(['a', 'b', 'c'], ['a', 'c'])).toBe(
      '2 of 3 are ticked. Tick or untick any to choose what to share.',
    );
    expect(chooseHint(['a'], [])).toBe('None are ticked yet. Tick the certificates you want to share.');
    // A ticked id that is not offered does not count.
    expect(chooseHint(['a', 'b'], ['a', 'z'])).toContain('1 of 2 are ticked');
  });
});
