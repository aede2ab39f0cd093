import { describe, expect, it } from 'vitest';
import { BarChart, StackedBarChart } from '../../web/charts';

const html = (node: unknown) => String(node);

describe('SVG charts', () => {
  it('are labelled images with a title and description, no script and no inline style', () => {
    const bar = html(
      BarChart({
        id: 'c1',
        title: 'Workers by band',
        description: 'Workers for each band.',
        bars: [
          { label: 'Band 2', value: 120, display: '120' },
          { label: 'Band 3 <b>', value: null, display: 'protected' },
        ],
      }),
    );
    expect(bar).toContain('role="img"');
    expect(bar).toContain('aria-labelledby="c1-title c1-desc"');
    expect(bar).toContain('<title id="c1-title">Workers by band</title>');
    expect(bar).toContain('<desc id="c1-desc">Workers for each band.</desc>');
    expect(bar).toContain('Band 3 &lt;b&gt;');
    expect(bar).toContain('stroke-dasharray'); // a protected bar is drawn as an outline
    expect(bar).toContain('protected'); // with its one word
    for (const chart of [
      bar,
      html(
        StackedBarChart({
          id: 'c2',
          title: 'Training',
          description: 'Currency.',
          segments: [
            { label: 'In date', colour: '#00703c' },
            { label: 'Expired', colour: '#b10e1e' },
          ],
          rows: [
            {
              label: 'Fire safety',
              parts: [
                { value: 20, display: '20' },
                { value: null, display: 'protected' },
              ],
            },
          ],
        }),
      ),
    ]) {
      expect(chart).not.toMatch(/style=|<script|on[a-z]+=/i);
      expect(chart).toMatch(/^<svg viewBox="0 0 400 \d+"/);
    }
  });
});
