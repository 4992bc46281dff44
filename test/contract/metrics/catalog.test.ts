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

  it('the default texts state the default weights, grades, flag rules, warning windows and proof-of-fix days', () => {
    const c = metricCatalog;
    expect(c.technician_score.formula.zh).toContain('满意度 30 × 客户满意率；时效 25 × 时效达标率；一次修复 25 × 一次修复率');
    expect(c.technician_score.formula.zh).toContain(
      '服务纪律 20 − 每起查实投诉 10 分，最低 0。等级 A ≥ 90、B ≥ 80、C ≥ 70、D ≥ 60、E 以下',
    );
    expect(c.technician_score.formula.en).toContain('Grades A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, E below');
    expect(c.early_warnings.formula.en).toContain('first 52 weeks (12 months)');
    expect(c.early_warnings.formula.en).toContain('1,040 weeks (240 months): about one false alarm per series in 20 years');
    expect(c.early_warnings.formula.zh).toContain('k = 受控期望 × (2 − 1) ÷ ln 2');
    expect(c.corrective_actions.formula.zh).toContain('生效日起满 90 天后，比较生效日之后的整周与之前 180 天内的整周');
    expect(c.quality_flags.formula.zh).toContain('数量 ≥ 5（flagMinCount）');
    expect(c.quality_flags.formula.en).toContain('the 99 % (flagConfidence) Poisson upper limit');
    expect(c.fault_pareto.formula.zh).toContain('跨过 80%（paretoVitalShare）');
    expect(c.complaint_answer_on_time.formula.en).toContain('within the promised time (24 h)');
  });

  it('configured weights, grades, flag rules, warning windows and proof-of-fix days show in the texts', () => {
    const c = metricCatalogWith({
      ...defaultTextSettings,
      complaintAnswerHours: 48,
      scoreWeights: { satisfaction: 40, timeliness: 20, first_time_fix: 30, discipline: 10 },
      complaintDeduction: 5,
      scoreGrades: [
        { grade: '优', min: 85 },
        { grade: '良', min: 70 },
      ],
      fallbackGrade: '差',
      flagMinCount: 8,
      flagConfidence: 0.995,
      flagMinSeverity1: 3,
      flagMinVerifiedComplaints: 4,
      flagRepeatRatio: 2.5,
      flagMinRepeats: 6,
      paretoVitalShare: 0.7,
      earlyWarning: { shiftRatio: 3, weekArl0: 520, monthArl0: 120, baselineWeeks: 26, baselineMonths: 6 },
      proofOfFix: { minAfterDays: 60, beforeDays: 120 },
    });
    expect(c.technician_score.formula.zh).toContain(
      '满意度 40 × 客户满意率；时效 20 × 时效达标率；一次修复 30 × 一次修复率（返修记在首次维修的工程师名下）；服务纪律 10 − 每起查实投诉 5 分，最低 0。等级 优 ≥ 85、良 ≥ 70、差 以下',
    );
    expect(c.technician_score.formula.en).toContain('satisfaction 40 × CSAT; timeliness 20 × SLA compliance; first-time fix 30 × FTFR');
    expect(c.technician_score.formula.en).toContain(
      'discipline 10 − 5 per verified complaint, not below 0. Grades 优 ≥ 85, 良 ≥ 70, 差 below',
    );
    expect(c.early_warnings.formula.zh).toContain('序列最初 26 周（6 个月）');
    expect(c.early_warnings.formula.zh).toContain('待检出的上升 = 受控比率的 3 倍；');
    expect(c.early_warnings.formula.en).toContain('k = in-control expected × (3 − 1) ÷ ln 3');
    // 520 weeks = 10 years.
    expect(c.early_warnings.formula.en).toContain('520 weeks (120 months): about one false alarm per series in 10 years');
    expect(c.corrective_actions.formula.en).toContain('once 60 days have passed');
    expect(c.corrective_actions.formula.en).toContain('the whole weeks of the 120 days before it');
    expect(c.corrective_actions.formula.zh).toContain('未满 60 天为“为时尚早”');
    expect(c.quality_flags.formula.zh).toContain(
      '数量 ≥ 8（flagMinCount）且高于前四个季度均值（已导入装机档案时按该机型的在用台数折算：在用台·日 × 同产品线其他有在用机身的机型每台·日的工单数，以保留产品线的季节变化；否则按产品线工单量折算）的 99.5%（flagConfidence）泊松上限',
    );
    expect(c.quality_flags.formula.en).toContain('scaled by units in service when the installed base is loaded');
    expect(c.quality_flags.formula.en).toContain('else by the product line’s ticket volume');
    expect(c.early_warnings.formula.en).toContain('exposure scaled by units in service when the installed base is loaded');
    expect(c.quality_flags.formula.en).toContain('at least 3 (flagMinSeverity1) severity-1 tickets');
    expect(c.quality_flags.formula.en).toContain(
      'at least 2.5 (flagRepeatRatio) × the quarter’s overall rate, with at least 6 (flagMinRepeats) repeats',
    );
    expect(c.quality_flags.formula.en).toContain('verified complaints ÷ 4;');
    expect(c.fault_pareto.formula.en).toContain('crossing 70 % (paretoVitalShare)');
    expect(c.complaint_answer_on_time.formula.zh).toContain('承诺时间（48 小时）内');
  });

  it('no text keeps a place unfilled', () => {
    for (const d of Object.values(metricCatalog)) for (const text of [d.formula.zh, d.formula.en]) expect(text).not.toMatch(/\{\w+\}/);
  });
});
