// The unit timeline chart from a hand-built history of three tickets: A (first), B repeats A with the same fault,
// C repeats B with another fault; the warranty is shaded and each repeat is joined to what it repeats.
import { describe, expect, it } from 'vitest';
import { unitTimelineOption } from '../../../presentation/charts/unit-timeline.option.ts';
import { palette } from '../../../presentation/charts/chart-theme.ts';
import type { UnitTicket, UnitTimeline } from '../../../warehouse/queries/unit-timeline.ts';

const ticket = (id: string, opened: string, fault: string, repeats?: [string, 'strict' | 'loose', number]): UnitTicket => ({
  ticket_id: id,
  opened_at: opened,
  resolved_at: null,
  status: 'closed',
  fault_code: fault,
  fault_category: null,
  resolution: null,
  technician_id: 'E1',
  region: null,
  rating: null,
  repeats_ticket_id: repeats?.[0] ?? null,
  repeat_mode: repeats?.[1] ?? null,
  days_since_previous_fix: repeats?.[2] ?? null,
  visits: [],
  parts: [],
  complaints: [],
});

const unit: UnitTimeline = {
  serial_no: 'SN1',
  product_model: 'M1',
  installed_at: '2024-01-10',
  warranty_until: '2025-01-10',
  tickets: [
    ticket('A', '2024-05-01 09:00', 'F2'),
    ticket('B', '2024-05-20 10:00', 'F2', ['A', 'strict', 18.5]),
    ticket('C', '2024-06-10 11:00', 'F1', ['B', 'loose', 20]),
  ],
};

describe('unitTimelineOption', () => {
  const option = unitTimelineOption(unit, { lang: 'zh', static: true }, { title: 'T' });
  const series = option.series as {
    type: string;
    data: { value: [string, string]; keys?: { ticket_id: string }; itemStyle?: { color: string } }[] | [string, string][];
    lineStyle?: { color: string };
    markArea?: { data: [{ xAxis: string; name: string }, { xAxis: string }][] };
  }[];

  it('puts each ticket on its fault row at its opening time, coloured by repeat mode', () => {
    expect((option.yAxis as { data: string[] }).data).toEqual(['F1', 'F2']);
    const points = series[0].data as { value: [string, string]; keys: { ticket_id: string }; itemStyle: { color: string } }[];
    expect(points.map((p) => [p.keys.ticket_id, p.value[0], p.value[1], p.itemStyle.color])).toEqual([
      ['A', '2024-05-01 09:00', 'F2', palette[0]],
      ['B', '2024-05-20 10:00', 'F2', palette[3]],
      ['C', '2024-06-10 11:00', 'F1', palette[1]],
    ]);
  });

  it('joins each repeat to the ticket it repeats and shades the warranty', () => {
    expect(series.slice(1).map((s) => [s.type, s.data, s.lineStyle!.color])).toEqual([
      [
        'line',
        [
          ['2024-05-01 09:00', 'F2'],
          ['2024-05-20 10:00', 'F2'],
        ],
        palette[3],
      ],
      [
        'line',
        [
          ['2024-05-20 10:00', 'F2'],
          ['2024-06-10 11:00', 'F1'],
        ],
        palette[1],
      ],
    ]);
    expect(series[0].markArea!.data).toEqual([[{ name: '保修期', xAxis: '2024-01-10' }, { xAxis: '2025-01-10' }]]);
  });

  it('a unit with no installation date has no warranty band', () => {
    const bare = unitTimelineOption({ ...unit, installed_at: null }, { lang: 'en', static: true }, { title: 'T' });
    expect((bare.series as { markArea?: unknown }[])[0].markArea).toBeUndefined();
  });

  it('the hover text shows markup in a ticket as text, never as HTML', () => {
    const evil = '<img src=x onerror="alert(1)">';
    const hostile: UnitTimeline = {
      ...unit,
      tickets: [{ ...ticket('<b>T1</b>', '2024-05-01 09:00', evil), resolution: `${evil} & <script>x</script>` }],
    };
    const o = unitTimelineOption(hostile, { lang: 'en' }, { title: 'T' });
    const text = (o.tooltip as { formatter: (p: unknown) => string }).formatter({
      data: { keys: { ticket_id: '<b>T1</b>' }, value: ['2024-05-01 09:00', evil] },
    });
    expect(text).not.toMatch(/<(img|script|b)\b/);
    expect(text).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(text).toContain('&lt;b&gt;T1&lt;/b&gt;');
    expect(text).toContain('&amp; &lt;script&gt;');
  });
});
