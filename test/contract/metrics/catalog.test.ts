// The catalog's formula texts state the configured settings, never a frozen number: the defaults agree with the
// configuration's, and a changed setting changes the text.
import { describe, expect, it } from 'vitest';
import { analysisSettingsOf, defaultConfig } from '../../../warehouse/config/config.ts';
import { defaultTextSettings, metricCatalog, metricCatalogWith, textSettingsOf } from '../../../contract/metrics/catalog.ts';

describe('settings in the formula texts', () => {
  it('the default text settings are the configuration’s defaults', () => {
    expect(textSettingsOf(analysisSettingsOf(defaultConfig))).toEqual(defaultTextSettings);
  });

  it('a configured repeat window, return deadline, chronic rule and minimum show in the texts', () => {
    const c = metricCatalogWith({
      repeatWindowDays: 45,
      partsReturnWorkingDays: 10,
      chronicTickets: 4,
      chronicWindowDays: 180,
      minTickets: 12,
    });
    expect(c.repeat_rate.formula.zh).toContain('45 天内再次报修');
    expect(c.repeat_rate.formula.en).toContain('within 45 days');
    expect(c.parts_return_on_time.formula.zh).toContain('10 个工作日内');
    expect(c.chronic_units.formula.en).toContain('4 or more counted tickets within 180 days');
    expect(c.technician_score.formula.zh).toContain('少于 12 张');
    expect(metricCatalog.repeat_rate.formula.en).toContain('within 30 days');
  });

  it('no text keeps a place unfilled', () => {
    for (const d of Object.values(metricCatalog)) for (const text of [d.formula.zh, d.formula.en]) expect(text).not.toMatch(/\{\w+\}/);
  });
});
