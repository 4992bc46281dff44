// Every metric's names, formula in words, format and grain: shown as tooltips, on the definitions page and in
// the PDF appendix. A metric's key is the same in its SQL file, the API path, the CLI and the page.

export type MetricFormat = 'percent' | 'count' | 'hours' | 'score' | 'currency' | 'per100';

/**
 * How a period's value comes from the metric table:
 * ratio Σnumerator/Σdenominator · per100 100 × Σnumerator/Σdenominator · mean Σnumerator/Σdenominator (a score)
 * count, sum Σnumerator · duration n, mean, median, p90 over the rows (tickets) of the period
 * backlog Σ(opened − resolved) over every day up to the period's end
 * pareto tickets per fault (numerator) over the period's tickets (denominator), ranked, with the cumulative share.
 */
export type MetricKind = 'ratio' | 'per100' | 'mean' | 'count' | 'sum' | 'duration' | 'backlog' | 'pareto';

export interface MetricDefinition {
  key: string;
  label: { zh: string; en: string };
  formula: { zh: string; en: string };
  format: MetricFormat;
  kind: MetricKind;
  /** Dimensions of this metric beyond the common ones (region, product line, …). */
  extraDimensions?: readonly string[];
  /** Filters applied when the reader neither filters nor splits by that dimension (e.g. the strict repeat mode). */
  defaultFilters?: Readonly<Record<string, readonly string[]>>;
}

const def = <K extends string>(key: K, d: Omit<MetricDefinition, 'key'>) => ({ key, ...d }) as MetricDefinition & { key: K };

export const metricCatalog = {
  opened: def('opened', {
    label: { zh: '新增工单', en: 'Tickets opened' },
    formula: { zh: '期内报修的计数工单数（已取消的不计）', en: 'Counted tickets opened in the period (cancelled tickets are not counted)' },
    format: 'count',
    kind: 'count',
  }),
  backlog: def('backlog', {
    label: { zh: '积压工单', en: 'Backlog' },
    formula: {
      zh: '期末已报修但尚未解决的计数工单数',
      en: 'Counted tickets opened by the end of the period and not resolved by then',
    },
    format: 'count',
    kind: 'backlog',
  }),
  resolution_rate: def('resolution_rate', {
    label: { zh: '解决率', en: 'Resolution rate' },
    formula: {
      zh: '已解决的计数工单 ÷ 计数工单（按报修时间归期；已取消的工单不计）',
      en: 'Resolved counted tickets ÷ counted tickets, by the period the ticket was opened in (cancelled tickets are not counted)',
    },
    format: 'percent',
    kind: 'ratio',
  }),
  response_time: def('response_time', {
    label: { zh: '首次响应时长', en: 'Response time' },
    formula: { zh: '首次响应时间 − 报修时间（小时；中位数、P90、均值）', en: 'First response − opened, in hours (median, p90, mean); tickets with both times' },
    format: 'hours',
    kind: 'duration',
  }),
  arrival_time: def('arrival_time', {
    label: { zh: '到场时长', en: 'Arrival time' },
    formula: { zh: '到场时间 − 报修时间（小时）', en: 'Arrived on site − opened, in hours; tickets with both times' },
    format: 'hours',
    kind: 'duration',
  }),
  resolution_time: def('resolution_time', {
    label: { zh: '解决时长', en: 'Resolution time' },
    formula: { zh: '解决时间 − 报修时间 − 暂停时长（小时）', en: 'Resolved − opened − paused time, in hours; resolved tickets' },
    format: 'hours',
    kind: 'duration',
  }),
  sla_compliance: def('sla_compliance', {
    label: { zh: '时效达标率', en: 'SLA compliance' },
    formula: {
      zh: '达标的时效目标 ÷ 适用的时效目标（首次响应、到场、解决；按服务时间与故障等级目标计；超时未完成的计为未达标）',
      en: 'Targets met ÷ targets that apply (response, arrival, resolution), in service hours against the severity’s targets; a ticket still open past its target counts as a breach',
    },
    format: 'percent',
    kind: 'ratio',
    extraDimensions: ['sla_target'],
  }),
  csat: def('csat', {
    label: { zh: '客户满意率', en: 'CSAT' },
    formula: { zh: '评分 4–5 的已评价工单 ÷ 已评价工单（无评分时取最近一次回访评分）', en: 'Rated tickets scoring 4 or 5 ÷ rated tickets (the latest callback’s rating when the ticket has none)' },
    format: 'percent',
    kind: 'ratio',
  }),
  satisfaction_score: def('satisfaction_score', {
    label: { zh: '满意度均分', en: 'Satisfaction score' },
    formula: { zh: '已评价工单的平均评分（1–5）', en: 'Mean rating (1–5) of rated tickets' },
    format: 'score',
    kind: 'mean',
  }),
  dissatisfied_rate: def('dissatisfied_rate', {
    label: { zh: '不满意率', en: 'Dissatisfied' },
    formula: { zh: '评分 1–2 的已评价工单 ÷ 已评价工单', en: 'Rated tickets scoring 1 or 2 ÷ rated tickets' },
    format: 'percent',
    kind: 'ratio',
  }),
  rating_response_rate: def('rating_response_rate', {
    label: { zh: '评价率', en: 'Rating response rate' },
    formula: { zh: '已评价的已解决工单 ÷ 已解决工单', en: 'Rated resolved tickets ÷ resolved tickets' },
    format: 'percent',
    kind: 'ratio',
  }),
  satisfaction_distribution: def('satisfaction_distribution', {
    label: { zh: '满意度分布', en: 'Satisfaction distribution' },
    formula: { zh: '各评分（1–5）的已评价工单数', en: 'Rated tickets by score (1–5)' },
    format: 'count',
    kind: 'count',
    extraDimensions: ['score'],
  }),
  complaints: def('complaints', {
    label: { zh: '投诉量', en: 'Complaints' },
    formula: { zh: '期内收到的投诉数（按投诉时间），可按类别、是否查实细分', en: 'Complaints received in the period (by received time), by category and whether verified' },
    format: 'count',
    kind: 'count',
    extraDimensions: ['category', 'verified'],
  }),
  complaint_rate: def('complaint_rate', {
    label: { zh: '投诉率', en: 'Complaint rate' },
    formula: { zh: '每百张计数工单的投诉数（投诉按投诉时间、工单按报修时间归期）', en: 'Complaints per 100 counted tickets (complaints by received time, tickets by opened time)' },
    format: 'per100',
    kind: 'per100',
  }),
  complaint_answer_on_time: def('complaint_answer_on_time', {
    label: { zh: '投诉及时答复率', en: 'Complaints answered on time' },
    formula: { zh: '在承诺时间内答复的投诉 ÷ 应答复的投诉（默认 24 小时）', en: 'Complaints answered within the promised time (default 24 h) ÷ complaints due an answer' },
    format: 'percent',
    kind: 'ratio',
  }),
  complaint_escalated_rate: def('complaint_escalated_rate', {
    label: { zh: '投诉上报率', en: 'Complaints escalated' },
    formula: { zh: '上报领导的投诉 ÷ 投诉', en: 'Escalated complaints ÷ complaints' },
    format: 'percent',
    kind: 'ratio',
  }),
  complaint_resolution_time: def('complaint_resolution_time', {
    label: { zh: '投诉处理时长', en: 'Complaint resolution time' },
    formula: { zh: '处理完成时间 − 投诉时间（小时）', en: 'Resolved − received, in hours; resolved complaints' },
    format: 'hours',
    kind: 'duration',
  }),
  cost: def('cost', {
    label: { zh: '服务成本', en: 'Service cost' },
    formula: {
      zh: '配件（数量 × 单价）、工时费、差旅费之和（元），可按成本类型、保内/保外细分',
      en: 'Parts (quantity × unit cost), labour and travel cost in CNY, by cost type and in vs out of warranty',
    },
    format: 'currency',
    kind: 'sum',
    extraDimensions: ['cost_type', 'warranty'],
  }),
  repeat_rate: def('repeat_rate', {
    label: { zh: '返修率', en: 'Repeat rate' },
    formula: {
      zh: '返修工单 ÷ 有序列号的计数工单。返修：同一机身在上一张工单解决后 30 天内再次报修；严格口径（默认）要求故障相同，宽松口径不要求；返修记在上一张工单的工程师名下',
      en: 'Repeat tickets ÷ counted tickets with a serial number. A repeat: the same unit reported again within 30 days of its previous ticket’s resolution; strict mode (default) needs the same fault, loose mode any fault; charged to the previous ticket’s technician',
    },
    format: 'percent',
    kind: 'ratio',
    extraDimensions: ['repeat_mode', 'fault_code'],
    defaultFilters: { repeat_mode: ['strict'] },
  }),
  first_time_fix_rate: def('first_time_fix_rate', {
    label: { zh: '一次修复率', en: 'First-time fix rate' },
    formula: {
      zh: '已解决的维修工单中，上门不超过一次且在返修期内未返修（严格口径）的比例',
      en: 'Among resolved repair tickets, the share fixed with at most one visit and not followed by a repeat (strict) within the repeat window',
    },
    format: 'percent',
    kind: 'ratio',
    extraDimensions: ['fault_code'],
  }),
  fault_pareto: def('fault_pareto', {
    label: { zh: '故障帕累托', en: 'Fault Pareto' },
    formula: {
      zh: '期内各故障代码（或故障类别）的计数工单数，从多到少排列，含占比与累计占比；累计占比跨过 80% 的故障及其之前的为“关键少数”',
      en: 'Counted tickets per fault code (or category) in the period, largest first, with share and cumulative share; the faults up to and including the one crossing 80 % are the vital few',
    },
    format: 'count',
    kind: 'pareto',
    extraDimensions: ['fault_code', 'fault_category'],
  }),
} as const;

export type MetricKey = keyof typeof metricCatalog;
export const metricKeys = Object.keys(metricCatalog) as MetricKey[];

export function isMetricKey(k: string): k is MetricKey {
  return Object.hasOwn(metricCatalog, k);
}
