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
      ...defaultTextSettings,
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

  it('the default service cadence in words: 30 days, quarterly; monthly to 12, every 2 to 24, every 3 after', () => {
    expect(metricCatalog.callback_compliance.formula.zh).toContain('安装后 30 天内首次回访，此后每 3 个月一次（');
    expect(metricCatalog.callback_compliance.formula.en).toContain(
      'a first callback within 30 days of installation, then one every 3 months (',
    );
    expect(metricCatalog.inspection_compliance.formula.zh).toContain('前 12 个月每月一次，12–24 个月每 2 个月一次，之后每 3 个月一次（');
    expect(metricCatalog.inspection_compliance.formula.en).toContain(
      'monthly in the first 12 months, every 2 months in months 12–24, every 3 months after that (',
    );
  });

  it('a configured cadence shows in the texts: 14 days, every 2 months; monthly to 6, every 4 after', () => {
    const s = {
      ...defaultTextSettings,
      firstCallbackDays: 14,
      callbackEveryMonths: 2,
      inspections: [{ untilMonth: 6, everyMonths: 1 }, { everyMonths: 4 }],
    };
    const c = metricCatalogWith(s);
    expect(c.callback_compliance.formula.zh).toContain('安装后 14 天内首次回访，此后每 2 个月一次（');
    expect(c.callback_compliance.formula.en).toContain('within 14 days of installation, then one every 2 months (');
    expect(c.inspection_compliance.formula.zh).toContain('按设备安装后的月数：前 6 个月每月一次，之后每 4 个月一次（');
    expect(c.inspection_compliance.formula.en).toContain(
      'months since installation: monthly in the first 6 months, every 4 months after that (',
    );
    // One step for ever; callbacks every month.
    const one = metricCatalogWith({ ...s, callbackEveryMonths: 1, inspections: [{ everyMonths: 2 }] });
    expect(one.inspection_compliance.formula.en).toContain('months since installation: every 2 months (');
    expect(one.inspection_compliance.formula.zh).toContain('按设备安装后的月数：每 2 个月一次（');
    expect(one.callback_compliance.formula.en).toContain('then one every month (');
    expect(one.callback_compliance.formula.zh).toContain('此后每月一次（');
  });

  it('no text keeps a place unfilled', () => {
    for (const d of Object.values(metricCatalog)) for (const text of [d.formula.zh, d.formula.en]) expect(text).not.toMatch(/\{\w+\}/);
  });
});
