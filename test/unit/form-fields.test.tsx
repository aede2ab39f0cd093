/** The shared form pieces: every hint and error a field shows is linked to its control, and nothing else is. */
import { describe, expect, it } from 'vitest';
import { describedBy, FieldNotes, SelectField } from '../../web/components/forms';
import { emptyForm } from '../../web/components/form-state';

const html = (node: unknown) => String(node);

describe('describedBy', () => {
  it('names the hint and the error that are shown, and nothing when neither is', () => {
    expect(describedBy('role', 'Pick one', undefined)).toBe('role-hint');
    expect(describedBy('role', 'Pick one', 'Choose a role')).toBe('role-hint role-error');
    expect(describedBy('role', undefined, 'Choose a role')).toBe('role-error');
    expect(describedBy('role', undefined, undefined)).toBeUndefined();
  });
});

describe('FieldNotes', () => {
  it('renders the hint and the error with the ids describedBy points at', () => {
    const out = html(<FieldNotes id="days" hint="How long" error="Choose 7, 30 or 90 days" />);
    expect(out).toContain('<span class="hint" id="days-hint">How long</span>');
    expect(out).toContain('id="days-error"');
    expect(out).toContain('<span class="visually-hidden">Error: </span>Choose 7, 30 or 90 days');
  });

  it('renders nothing for a field with neither', () => {
    expect(html(<FieldNotes id="days" />)).toBe('');
  });
});

describe('SelectField', () => {
  const groups = [
    { label: 'Care Workforce Pathway', options: [['cwp-a', 'Care worker'] as [string, string]] },
    { label: 'NHS', options: [['nhs-b', 'Healthcare support worker'] as [string, string]] },
  ];

  it('lists plain options first, then grouped ones, with the current value selected', () => {
    const form = emptyForm({ role: 'nhs-b' });
    const out = html(
      <SelectField name="role" label="Role" form={form} options={[['', 'Not chosen']]} groups={groups} hint="Any" />,
    );
    expect(out.indexOf('Not chosen')).toBeLessThan(out.indexOf('<optgroup label="Care Workforce Pathway">'));
    expect(out).toContain('<option value="nhs-b" selected="">Healthcare support worker</option>');
    expect(out).toContain('<option value="cwp-a">Care worker</option>');
    expect(out).toContain('aria-describedby="role-hint"');
    expect(out).not.toContain('aria-invalid');
  });

  it('marks the control invalid and links its error', () => {
    const form = { values: {}, errors: { role: 'Choose a role' } };
    const out = html(<SelectField name="role" label="Role" form={form} options={[]} groups={groups} />);
    expect(out).toContain('aria-invalid="true"');
    expect(out).toContain('aria-describedby="role-error"');
    expect(out).toContain('id="role-error"');
  });
});
