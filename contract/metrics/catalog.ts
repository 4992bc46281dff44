// Every metric's names, formula in words, format and grain: shown as tooltips, on the definitions page and in
// the PDF appendix. A metric's key is the same in its SQL file, the API path, the CLI and the page.

export const metricFormats = ['percent', 'count', 'hours', 'score', 'currency', 'per100', 'per1000'] as const;
export type MetricFormat = (typeof metricFormats)[number];

/**
 * How a period's value comes from the metric table:
 * ratio Σnumerator/Σdenominator · per100 100 × Σnumerator/Σdenominator · mean Σnumerator/Σdenominator (a score)
 * count, sum Σnumerator · duration n, mean, median, p90 over the rows (tickets) of the period
 * backlog Σ(opened − resolved) over every day up to the period's end
 * pareto tickets per fault (numerator) over the period's tickets (denominator), ranked, with the cumulative share.
 * table a list with its own columns (flags, units, solutions…), read by its own query in warehouse/queries.
 */
export const metricKinds = ['ratio', 'per100', 'mean', 'count', 'sum', 'duration', 'backlog', 'pareto', 'table'] as const;
export type MetricKind = (typeof metricKinds)[number];

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
  /** What is "still open past its target" is judged at the last refresh: the figure moves at each refresh until
   *  its tickets close, so every answer carries `as_of` and every screen and PDF shows it. */
  judgedAtRefresh?: boolean;
  /** Durations that can be floored at 0 (a pause longer than the time measured): the view carries `floored` and
   *  `business_floored`, and each period answers how many of its tickets were floored. */
  flooredAtZero?: boolean;
  /** Each row's day is the day its ticket (ticket_id) was opened: a drill-down reads only the tickets opened in the
   *  period (checked against the views in the tests). */
  openedDay?: boolean;
}

const def = <K extends string>(key: K, d: Omit<MetricDefinition, 'key'>) => ({ key, ...d }) as MetricDefinition & { key: K };

const catalogTexts = {
  opened: def('opened', {
    label: { zh: '新增工单', en: 'Tickets opened' },
    formula: { zh: '期内报修的计数工单数（已取消的不计）', en: 'Counted tickets opened in the period (cancelled tickets are not counted)' },
    format: 'count',
    kind: 'count',
    openedDay: true,
  }),
  backlog: def('backlog', {
    label: { zh: '积压工单', en: 'Backlog' },
    formula: {
      zh: '期末已报修但尚未解决的计数工单数（含以前各期结转的工单；没有任何新增或解决的期间也照样列出）。按维度拆分时，各组之和等于总数；期末没有积压的组不列出（即为 0）',
      en: 'Counted tickets opened by the end of the period and not resolved by then (tickets carried over from earlier periods included; a period without any opening or resolution is still listed). Split by a dimension, the groups add up to the total; a group with nothing open at the period’s end is not listed (0)',
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
    openedDay: true,
  }),
  response_time: def('response_time', {
    label: { zh: '首次响应时长', en: 'Response time' },
    formula: {
      zh: '首次响应时间 − 报修时间（小时；中位数、P90、均值）',
      en: 'First response − opened, in hours (median, p90, mean); tickets with both times',
    },
    format: 'hours',
    kind: 'duration',
    openedDay: true,
  }),
  arrival_time: def('arrival_time', {
    label: { zh: '到场时长', en: 'Arrival time' },
    formula: { zh: '到场时间 − 报修时间（小时）', en: 'Arrived on site − opened, in hours; tickets with both times' },
    format: 'hours',
    kind: 'duration',
    openedDay: true,
  }),
  resolution_time: def('resolution_time', {
    label: { zh: '解决时长', en: 'Resolution time' },
    formula: {
      zh: '解决时间 − 报修时间 − 暂停时长（小时），只含已解决工单。按服务时间计时，只计服务时段内的时长，再减去暂停时长（暂停按自然时间记录）；暂停长于服务时段内时长的（约 5% 的工单）记为 0，不为负，并注明有几张',
      en: 'Resolved − opened − paused time, in hours; resolved tickets. In service hours, only the time inside service hours counts, less the paused time (recorded as elapsed minutes); when the pause is longer than the in-hours time (about 5 % of tickets) the duration is 0, never negative',
    },
    format: 'hours',
    kind: 'duration',
    openedDay: true,
    flooredAtZero: true,
  }),
  sla_compliance: def('sla_compliance', {
    label: { zh: '时效达标率', en: 'SLA compliance' },
    formula: {
      zh: '达标的时效目标 ÷ 适用的时效目标（首次响应、到场、解决；按服务时间与故障等级目标计；超时未完成的计为未达标）。到场目标适用于已到场的工单，以及需上门服务（已派工，或服务类型为上门类型：默认维修、安装、保养、巡检，可设置 onSiteServiceTypes）且超过到场时限仍未解决的工单——未派工也计为未达标。“超时未完成”按最近一次数据刷新的时间判断（显示“截至”时间）：已结束期间的数值在其工单全部完成前仍可能变化',
      en: 'Targets met ÷ targets that apply (response, arrival, resolution), in service hours against the severity’s targets; a ticket still open past its target counts as a breach. Arrival applies to tickets with an arrival, and to tickets needing service on site (dispatched, or of an on-site service type: repair, install, maintenance, inspection by default, setting onSiteServiceTypes) still open past the arrival target, dispatched or not. “Still open past its target” is judged at the last data refresh (shown as “as of”): a closed period’s figure can still change until its tickets close',
    },
    format: 'percent',
    kind: 'ratio',
    openedDay: true,
    extraDimensions: ['sla_target'],
    judgedAtRefresh: true,
  }),
  csat: def('csat', {
    label: { zh: '客户满意率', en: 'CSAT' },
    formula: {
      zh: '评分 4–5 的已评价工单 ÷ 已评价工单。工单本身无评分时，取最近一次有评分的回访的评分（最近一次回访未评分时，沿用更早一次回访的评分）',
      en: 'Rated tickets scoring 4 or 5 ÷ rated tickets. A ticket without its own rating takes the rating of its latest callback that has one (when the latest callback is unrated, an earlier callback’s rating stands)',
    },
    format: 'percent',
    kind: 'ratio',
    openedDay: true,
  }),
  satisfaction_score: def('satisfaction_score', {
    label: { zh: '满意度均分', en: 'Satisfaction score' },
    formula: {
      zh: '已评价工单的平均评分（1–5；评分取法同客户满意率）',
      en: 'Mean rating (1–5) of rated tickets (ratings taken as for CSAT)',
    },
    format: 'score',
    kind: 'mean',
    openedDay: true,
  }),
  dissatisfied_rate: def('dissatisfied_rate', {
    label: { zh: '不满意率', en: 'Dissatisfied' },
    formula: { zh: '评分 1–2 的已评价工单 ÷ 已评价工单', en: 'Rated tickets scoring 1 or 2 ÷ rated tickets' },
    format: 'percent',
    kind: 'ratio',
    openedDay: true,
  }),
  rating_response_rate: def('rating_response_rate', {
    label: { zh: '评价率', en: 'Rating response rate' },
    formula: { zh: '已评价的已解决工单 ÷ 已解决工单', en: 'Rated resolved tickets ÷ resolved tickets' },
    format: 'percent',
    kind: 'ratio',
    openedDay: true,
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
    formula: {
      zh: '期内收到的投诉数（按投诉时间），可按类别、是否查实细分',
      en: 'Complaints received in the period (by received time), by category and whether verified',
    },
    format: 'count',
    kind: 'count',
    extraDimensions: ['category', 'verified'],
  }),
  complaint_rate: def('complaint_rate', {
    label: { zh: '投诉率', en: 'Complaint rate' },
    formula: {
      zh: '每百张计数工单的投诉数（投诉按投诉时间、工单按报修时间归期）',
      en: 'Complaints per 100 counted tickets (complaints by received time, tickets by opened time)',
    },
    format: 'per100',
    kind: 'per100',
  }),
  complaint_answer_on_time: def('complaint_answer_on_time', {
    label: { zh: '投诉及时答复率', en: 'Complaints answered on time' },
    formula: {
      zh: '在承诺时间（{complaintAnswerHours} 小时）内答复的投诉 ÷ 应答复的投诉（已答复的，或超过承诺时间仍未答复的，按最近一次数据刷新的时间判断）',
      en: 'Complaints answered within the promised time ({complaintAnswerHours} h) ÷ complaints due an answer (answered, or still unanswered past the promised time as of the last data refresh)',
    },
    format: 'percent',
    kind: 'ratio',
    judgedAtRefresh: true,
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
      zh: '返修工单 ÷ 有序列号的计数工单。返修：同一机身在上一张工单解决后 {repeatWindowDays} 天内再次报修；严格口径（默认）要求故障相同，宽松口径不要求；返修记在上一张工单的工程师名下',
      en: 'Repeat tickets ÷ counted tickets with a serial number. A repeat: the same unit reported again within {repeatWindowDays} days of its previous ticket’s resolution; strict mode (default) needs the same fault, loose mode any fault; charged to the previous ticket’s technician',
    },
    format: 'percent',
    kind: 'ratio',
    openedDay: true,
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
    openedDay: true,
    extraDimensions: ['fault_code'],
  }),
  fault_pareto: def('fault_pareto', {
    label: { zh: '故障帕累托', en: 'Fault Pareto' },
    formula: {
      zh: '期内各故障代码（或故障类别）的计数工单数，从多到少排列，含占比与累计占比；累计占比跨过 {paretoVitalShare}（paretoVitalShare）的故障及其之前的为“关键少数”',
      en: 'Counted tickets per fault code (or category) in the period, largest first, with share and cumulative share; the faults up to and including the one crossing {paretoVitalShare} (paretoVitalShare) are the vital few',
    },
    format: 'count',
    kind: 'pareto',
    openedDay: true,
    extraDimensions: ['fault_code', 'fault_category'],
  }),
  quality_flags: def('quality_flags', {
    label: { zh: '质量问题标记', en: 'Quality flags' },
    formula: {
      zh: '每季度每个（型号，故障）组合：发生过多 = 数量 ≥ {flagMinCount}（flagMinCount）且高于前四个季度均值（已导入装机档案时按该机型的在用台数折算：在用台·日 × 同产品线其他有在用机身的机型每台·日的工单数，以保留产品线的季节变化；否则按产品线工单量折算）的 {flagConfidence}（flagConfidence）泊松上限；前四个季度中该产品线没有工单的季度不计入基线，基线不足 4 个季度的标记注明“历史较短”，不足 {flagMinHistoryQuarters} 个季度（flagMinHistoryQuarters）的不判定发生过多。影响重大 = 以下任一：一级故障工单 ≥ {flagMinSeverity1} 张（flagMinSeverity1）且多于“该组合工单数 × 当季整体一级占比”的泊松上限（单张一级工单不算）；查实投诉 ≥ {flagMinVerifiedComplaints} 起（flagMinVerifiedComplaints）（默认按被投诉工单的报修季度计，可设为按投诉时间 flagComplaintsBy）；返修率 ≥ 当季整体返修率的 {flagRepeatRatio} 倍（flagRepeatRatio），返修 ≥ {flagMinRepeats} 次（flagMinRepeats），且返修次数多于按整体返修率预期的泊松上限。强度 = 各成立原因中“实际 ÷ 所越过的界限”的最大值：数量 ÷ 其泊松上限、一级工单 ÷ 其泊松上限、返修 ÷ 其泊松上限（上限小于 1 时按 1 计）、查实投诉 ÷ {flagMinVerifiedComplaints}；标记按强度从高到低排列。上一季度同一（型号，故障）也被标记的为“持续”，否则为“新”。每条标记写明原因与数字',
      en: 'Per quarter and (model, fault): too often = count ≥ {flagMinCount} (flagMinCount) and above the {flagConfidence} (flagConfidence) Poisson upper limit of the previous four quarters’ mean (scaled by units in service when the installed base is loaded — the model’s unit-days × the tickets per unit-day of the other models with units on its line, so the line’s season stays — else by the product line’s ticket volume); quarters without tickets on the product line are left out of the baseline, flags from fewer than four quarters are marked “short history”, and with fewer than {flagMinHistoryQuarters} (flagMinHistoryQuarters) there is no too-often flag. Major impact = any of: at least {flagMinSeverity1} (flagMinSeverity1) severity-1 tickets and more than the Poisson upper limit of the pair’s tickets × the quarter’s overall severity-1 share (one severity-1 ticket is not enough); at least {flagMinVerifiedComplaints} (flagMinVerifiedComplaints) verified complaints (counted in the complained ticket’s quarter by default, or the complaint’s with flagComplaintsBy); a repeat rate at least {flagRepeatRatio} (flagRepeatRatio) × the quarter’s overall rate, with at least {flagMinRepeats} (flagMinRepeats) repeats, more than their Poisson upper limit at the quarter’s rate. Strength = the largest, over the reasons that hold, of observed ÷ the line it crossed: count ÷ its Poisson limit, severity-1 tickets ÷ theirs, repeats ÷ theirs (a limit below 1 counts as 1), verified complaints ÷ {flagMinVerifiedComplaints}; flags are ranked by strength, strongest first. A flag is recurring when the same (model, fault) was flagged the quarter before, else new. Each flag states its reasons in words and numbers',
    },
    format: 'count',
    kind: 'table',
  }),
  chronic_units: def('chronic_units', {
    label: { zh: '顽固故障机', en: 'Chronic units' },
    formula: {
      zh: '{chronicWindowDays} 天内（含首尾）有 {chronicTickets} 张及以上计数工单的机身（序列号）；期内只要有一张工单使其达到该数量即列入',
      en: 'Units (serial numbers) with {chronicTickets} or more counted tickets within {chronicWindowDays} days (both ends included); listed for a period when one of its tickets in the period reaches that count',
    },
    format: 'count',
    kind: 'table',
  }),
  fault_solutions: def('fault_solutions', {
    label: { zh: '故障—解决方案', en: 'Fault solutions' },
    formula: {
      zh: '每个故障代码所用的解决方案（解决方案代码，无则取解决说明）、使用次数、占比，以及有效率 = 返修期内未同故障返修的次数 ÷ 已过返修期或已返修的次数；返修期未满且未返修的记为“待观察”',
      en: 'For each fault code, the solutions used (resolution code, else the resolution text), how often, their share, and how often each held = not followed by a same-fault repeat within the repeat window ÷ uses whose window has run out or that came back; fixes still inside their window are pending',
    },
    format: 'percent',
    kind: 'table',
  }),
  failures_by_age: def('failures_by_age', {
    label: { zh: '按在用时长的故障', en: 'Failures by time in service' },
    formula: {
      zh: '维修工单按在用月数（报修日 − 安装日，每月按 365.25 ÷ 12 天）与保内/保外计数；每个型号以各机身首次故障的在用天数做 Weibull 最大似然拟合（形状、尺度；只含已故障机身，无在保基数，不含删失）',
      en: 'Repair tickets by months in service (opened day − installed day, months of 365.25 ÷ 12 days), in vs out of warranty; per model a Weibull fit by maximum likelihood on each unit’s days in service at its first failure (shape, scale; failed units only, no censoring, as the installed base is not loaded)',
    },
    format: 'count',
    kind: 'table',
  }),
  reliability_fits: def('reliability_fits', {
    label: { zh: '可靠性拟合（含在用机身）', en: 'Reliability fits (with the installed base)' },
    formula: {
      zh: '每个型号及其每个生产批次的两参数 Weibull 分布，以最大似然法拟合（含右删失）：每台在用机身计其首次计数故障前的在用天数（故障），未故障的计至数据最后一天（删失）；左截断（延迟进入）：数据首日（第一张工单）之前安装的机身，此前的故障未被记录，只从其在数据首日的在用天数 a 起计入风险，每台的似然以存活至 a 为条件（故障 ln f(t) − ln S(a)，删失 ln S(t) − ln S(a)），数据首日之后未被观察到的机身（如之前已报废）不计；形状按轮廓似然求最大（无截断时以牛顿法解轮廓方程，有截断时在形状网格上搜索后二分求解），尺度随之而得。B10 寿命 = 尺度 × (−ln 0.9)^(1/形状)。形状、尺度与 B10 的 95% 置信区间用 Fisher 矩阵法（观测信息矩阵之逆，各值取对数后按正态）。故障少于 5 台不拟合。概率图：乘积限估计（Johnson 步长，Herd–Johnson 法）F = 1 − Π r ÷ (r + 1)，r 为每次故障时的在险机身数，机身只从其进入（左截断）起计入；无延迟进入时即 Johnson 调整秩 ÷ (n + 1)（平均秩）。未导入在用机身时沿用“按在用时长的故障”的拟合（仅含已故障机身），并如此标明',
      en: 'Per model, and per model and production batch, a two-parameter Weibull fitted by maximum likelihood with right-censored units: each unit of the installed base counts its days in service to its first counted failure (a failure), or to the last data day when it has not failed (a suspension); left truncation (delayed entry): a unit installed before the data’s first day (the first ticket), whose failures before then were never recorded, is at risk only from its age a on that day, its likelihood conditional on surviving to a (ln f(t) − ln S(a) failed, ln S(t) − ln S(a) suspended), and a unit not observed after it (scrapped before the data begin) is left out; the shape maximises the profile likelihood (without truncation by Newton’s method on its equation inside a bracket, with it by a search over a grid of shapes and bisection), the scale follows from it. B10 life = scale × (−ln 0.9)^(1/shape). 95 % bounds on shape, scale and B10 by the Fisher matrix (the inverse of the observed information, normal on the log of each figure). Fewer than 5 failures: not fitted. Probability plot: the product-limit estimator with Johnson’s step (Herd–Johnson), F = 1 − Π r ÷ (r + 1), r the units at risk at each failure, a unit counted only from its entry (left truncation); without delayed entry, Johnson’s adjusted ranks ÷ (n + 1) (mean ranks). Without the installed base loaded, the fit of failures by time in service stays (failed units only), labelled so',
    },
    format: 'count',
    kind: 'table',
  }),
  warranty_forecast: def('warranty_forecast', {
    label: { zh: '保修索赔预测', en: 'Warranty forecast' },
    formula: {
      zh: '每个型号未来 12 个自然月的预计保修索赔与成本：索赔 = 机身在保修期内的首次计数故障；每台仍在使用且在保的机身，按该型号含删失与左截断（数据首日之前安装的机身只从其在数据首日的在用天数起计入风险）的 Weibull 拟合，计算其在已用到当前天数的条件下于各月（至保修期满为止）故障的概率，相加即预计索赔。95% 区间：泊松二项方差 Σp(1−p) 加拟合参数的不确定性（delta 法，Fisher 矩阵协方差），正态近似，向外取整到整数件。成本 = 预计索赔 × 该型号每次保修索赔的平均成本（保内成本 ÷ 有保内成本的工单数），成本区间 = 索赔区间 × 同一平均成本。保修期长度取每台机身的保修截止日期 − 安装日期，未填的取该型号工单上安装日期至保修截止日期的中位数。与实际比较：以最近 12 个完整月之前一天为截止，用当时的数据（各机身截至当时的在用天数，进入天数相同）拟合并预测这 12 个月，与各月实际到达的在保首次故障并列。同一机身的再次维修不在预测之内',
      en: 'Per model, the expected warranty claims and cost in each of the next 12 calendar months: a claim is a unit’s first counted failure within its warranty; each unit still working and in warranty gets, from the model’s Weibull fit with suspensions and left truncation (a unit installed before the data’s first day at risk only from its age then), its probability of failing in each month (up to its warranty’s end) given the days it has already run, and their sum is the expected claims. 95 % interval: Poisson-binomial variance Σp(1−p) plus the fit’s uncertainty by the delta method (the Fisher-matrix covariance), normal approximation, rounded outward to whole claims. Cost = expected claims × the model’s mean cost per warranty claim (warranty cost ÷ tickets with warranty cost lines); its interval = the claims’ interval × the same mean. Warranty length: each unit’s warranty end − installation day, else the median over its model’s tickets of installation day to warranty end. Against what arrived: the fit and the units at risk as they stood the day before the last 12 whole months (their ages then, the same entry ages), forecast over those months, beside the first failures in warranty that came in each month. A unit’s repeat repairs are not forecast',
    },
    format: 'count',
    kind: 'table',
  }),
  claims_per_thousand: def('claims_per_thousand', {
    label: { zh: '千台索赔率（按在用月数）', en: 'Claims per 1,000 units by months in service' },
    formula: {
      zh: '按生产月份或生产批次、在用月数（MIS，自安装日起每月按 365.25 ÷ 12 天，MIS 1 = 第 0–30 天）：千台索赔率 = 1000 × 索赔数 ÷ 在役台数。在役台数：装机档案中有安装日期的机身，截至报废日期或数据截止日已满该在用月数，且该月始于数据首日（第一张工单）之后——数据开始前的在用月份无从观察，不计；索赔数：这些机身在该在用月内报修的计数维修工单（服务类型为维修或空白，全部计入，不只首次故障）。首次故障早于安装日期的机身视为记录有误，不计',
      en: 'By production month or batch and months in service (MIS; months of 365.25 ÷ 12 days from the installation day, MIS 1 = days 0–30): claims per 1,000 units = 1,000 × claims ÷ units at risk. Units at risk: units of the installed base with an installation day that had completed that many months in service by their scrapping or the data’s last day, and whose month began on or after the data’s first day (the first ticket): months in service before the tickets begin are not observed and do not count. Claims: counted repair tickets (service type repair or empty; every one, not only the first failure) of those units opened in that month in service. A unit whose first failure came before its installation day is an inconsistent record and is left out',
    },
    format: 'per1000',
    kind: 'table',
  }),
  parts_usage: def('parts_usage', {
    label: { zh: '配件使用', en: 'Parts usage' },
    formula: {
      zh: '按配件、型号、故障的领用数量与金额（数量 × 单价），保内金额占比，以及每张维修工单的配件数 = 配件数量 ÷ 计数的维修工单',
      en: 'Quantity and cost (quantity × unit cost) by part, model and fault, the warranty share of the cost, and parts per repair ticket = part quantity ÷ counted repair tickets',
    },
    format: 'count',
    kind: 'table',
  }),
  early_warnings: def('early_warnings', {
    label: { zh: '早期预警', en: 'Early warnings' },
    formula: {
      zh: '每个（型号，故障代码）序列按周和按月做泊松 CUSUM（Lucas 1985）：暴露量：已导入装机档案时按在用台数（该型号当期在用台·日 × 同产品线其他有在用机身的机型每台·日的工单数，保留产品线的季节变化），否则按工单量（该型号当期全部计数工单）；受控比率 = 序列最初 {ewBaselineWeeks} 周（{ewBaselineMonths} 个月）中该故障工单 ÷ 暴露量（分子加 0.5）；待检出的上升 = 受控比率的 {ewShift} 倍；S = max(0, S + 故障工单 − k)，k = 受控期望 × ({ewShift} − 1) ÷ ln {ewShift}；S ≥ h 即预警，之后 S 归零；h 由马尔可夫链（Lucas 法）按序列每期平均受控期望选取，使受控平均运行长度达到 {ewWeekArl0} 周（{ewMonthArl0} 个月），即每个序列约 {ewYears} 年一次误报；纠正措施生效日起 S 重新累计。同一序列的预警在结束（已验证、已关闭）之前为同一条；结束后再次越限则新开一条。状态：新 → 已确认 → 措施中 → 已验证或已关闭，可暂缓至某日',
      en: 'Each (model, fault code) series by week and by month under a Poisson CUSUM (Lucas 1985): exposure scaled by units in service when the installed base is loaded (the model’s unit-days × the tickets per unit-day of the other models with units on its line, so the line’s season stays), else by ticket volume (all counted tickets of the model in the period); in-control rate = the fault’s tickets ÷ the exposure over the series’ first {ewBaselineWeeks} weeks ({ewBaselineMonths} months), 0.5 added to the count; rise to detect = {ewShift} × that rate; S = max(0, S + tickets − k), k = in-control expected × ({ewShift} − 1) ÷ ln {ewShift}; a warning when S ≥ h, after which S restarts at 0; h from Lucas’s Markov chain for the series’ mean in-control count per period, so that the in-control average run length reaches {ewWeekArl0} weeks ({ewMonthArl0} months): about one false alarm per series in {ewYears} years; S restarts at a corrective action’s effective date. A series keeps one alert until it ends (verified, closed); a later signal opens a new one. States: new → acknowledged → in action → verified or closed; an alert can be snoozed until a date',
    },
    format: 'count',
    kind: 'table',
  }),
  corrective_actions: def('corrective_actions', {
    label: { zh: '纠正措施', en: 'Corrective actions' },
    formula: {
      zh: '由季度质量标记或早期预警开立的 8D 纠正措施：问题描述、临时遏制、根本原因（类别与说明）、纠正措施、负责人、到期日、生效日、状态、评论，每次修改记录修改人与时间。效果验证：生效日起满 {proofAfterDays} 天后，比较生效日之后的整周与之前 {proofBeforeDays} 天内的整周（生效日所在周不计）该故障的比率：已导入装机档案时为每单位在用台数暴露量的故障工单数（与早期预警的暴露量相同），否则为该故障占该型号工单的比率；结论注明按哪种计算；比率比（后 ÷ 前）及其 95% 区间（Clopper-Pearson 换算），两个泊松率的精确条件二项检验；区间上限 < 1 为“有效”，否则“未证实有效”，未满 {proofAfterDays} 天为“为时尚早”；关闭后同一问题在生效日之后再次预警（按周），或在生效日之后开始的整季度被标记为发生过多，为“复发”，措施重新打开',
      en: '8D corrective actions opened from a quarterly quality flag or an early warning: problem statement, containment, root cause (category and text), corrective action, owner, due date, effective date, status, comments, every change kept with who and when. Proof of fix: once {proofAfterDays} days have passed since the effective date, the fault’s rate in the whole weeks after the effective date is compared with the whole weeks of the {proofBeforeDays} days before it (the week holding the date left out), per unit in service when the installed base is loaded (the early warning’s exposure), else per ticket of the model, and the verdict says which: rate ratio after ÷ before with its 95 % interval (from the Clopper-Pearson interval), and the exact conditional binomial test of two Poisson rates; effective when the interval’s upper end is below 1, otherwise not shown effective; too early before the {proofAfterDays} days; came back when, after a closed action’s effective date, the problem warns again (weekly) or is flagged as occurring too often in a whole quarter that began after it, which reopens the action',
    },
    format: 'count',
    kind: 'table',
  }),
  parts_return_on_time: def('parts_return_on_time', {
    label: { zh: '旧件返还及时率', en: 'Defective parts returned on time' },
    formula: {
      zh: '在领用后 {partsReturnWorkingDays} 个工作日内（按节假日与调休日历）返还的保内旧件 ÷ 已到期的保内配件行（截至最近一次数据刷新到期日已过，或已返还）；按领用日归期',
      en: 'Warranty part lines whose defective part came back within {partsReturnWorkingDays} working days of issue (holiday calendar with make-up days) ÷ warranty part lines that are due (due day passed as of the last data refresh, or returned); by the day the part was issued',
    },
    format: 'percent',
    kind: 'ratio',
    extraDimensions: ['fault_code', 'part_no'],
    judgedAtRefresh: true,
  }),
  technician_score: def('technician_score', {
    label: { zh: '工程师考核得分', en: 'Technician score' },
    formula: {
      zh: '每位工程师每季度（或月）100 分：满意度 {weightSatisfaction} × 客户满意率；时效 {weightTimeliness} × 时效达标率；一次修复 {weightFirstTimeFix} × 一次修复率（返修记在首次维修的工程师名下）；服务纪律 {weightDiscipline} − 每起查实投诉 {complaintDeduction} 分，最低 0。等级 {scoreGrades}、{fallbackGrade} 以下。每项比率附数量与 95% Wilson 区间，以及按工单构成（故障等级、产品线、服务类型）的期望值与实际/期望比；计数工单少于 {minTickets} 张为“数据不足”，不评等级、不排名，但仍显示其总分与各项以供参考。时效按最近一次数据刷新判断“超时未完成”（显示“截至”时间）',
      en: '100 points per technician and quarter (or month): satisfaction {weightSatisfaction} × CSAT; timeliness {weightTimeliness} × SLA compliance; first-time fix {weightFirstTimeFix} × FTFR (repeats charged to the technician of the first fix); discipline {weightDiscipline} − {complaintDeduction} per verified complaint, not below 0. Grades {scoreGrades}, {fallbackGrade} below. Each rate with its count and 95 % Wilson interval, and the rate expected for the technician’s case mix (severity, product line, service type) with observed ÷ expected; fewer than {minTickets} counted tickets: insufficient data, neither graded nor ranked, though its total and components are still shown for information. Timeliness judges “still open past target” at the last data refresh (shown as “as of”)',
    },
    format: 'score',
    kind: 'table',
    judgedAtRefresh: true,
  }),
  callback_compliance: def('callback_compliance', {
    label: { zh: '回访及时率', en: 'Callback compliance' },
    formula: {
      zh: '按时完成的应回访次数 ÷ 应回访次数。每台已安装设备（安装日期取安装工单的安装日期，无则取验收日期或安装工单的解决日期）：安装后 {firstCallbackDays} 天内首次回访，此后{callbackEvery}一次（到期日为安装日期加整月，月末顺延至当月最后一天）；每次应回访的期限为上次到期日次日至本次到期日，期限内有该客户的回访即为按时；否则按到期后（至下次到期日）首次回访计迟到天数，没有则为逾期，迟到天数计至数据最后一天；迟做的回访不改变到期日（到期日始终按安装日期推算），它落在下次的期限内，同时算作下次按时；按到期日归期，到期日在数据期间内的才计入；负责工程师与班组取安装工单或验收记录',
      en: 'Due callbacks done on time ÷ due callbacks. Each installed unit (installed on the installation ticket’s installation date, else its acceptance day, else the day the installation ticket was resolved) owes a first callback within {firstCallbackDays} days of installation, then one {callbackEvery} (due day = installation day + whole months, the month’s last day when shorter); a due is on time when the customer had a callback from the day after the previous due day to its own; otherwise it is late by the days to the first callback after it (up to the next due day), or overdue, late up to the last day of the data; a late callback does not move the schedule (due days always count from the installation day): it falls in the next due’s window and also counts as that due done on time; by due day, counting dues that fall within the data; technician and team from the installation ticket or acceptance',
    },
    format: 'percent',
    kind: 'ratio',
    extraDimensions: ['team'],
  }),
  inspection_compliance: def('inspection_compliance', {
    label: { zh: '巡检及时率', en: 'Inspection compliance' },
    formula: {
      zh: '按时完成的应巡检次数 ÷ 应巡检次数。按设备安装后的月数：{inspectionSchedule}（到期日为安装日期加整月，月末顺延至当月最后一天）；期限为上次到期日次日至本次到期日，期限内有该设备（或未写设备时该客户）的巡检即为按时；否则按到期后（至下次到期日）首次巡检计迟到天数，没有则为逾期，迟到天数计至数据最后一天；迟做的巡检不改变到期日（到期日始终按安装日期推算），它落在下次的期限内，同时算作下次按时；按到期日归期，到期日在数据期间内的才计入',
      en: 'Due inspections done on time ÷ due inspections. By the unit’s months since installation: {inspectionSchedule} (due day = installation day + whole months, the month’s last day when shorter); a due is on time when the unit (or, for an inspection naming no unit, its customer) was inspected from the day after the previous due day to its own; otherwise it is late by the days to the first inspection after it (up to the next due day), or overdue, late up to the last day of the data; a late inspection does not move the schedule (due days always count from the installation day): it falls in the next due’s window and also counts as that due done on time; by due day, counting dues that fall within the data',
    },
    format: 'percent',
    kind: 'ratio',
    extraDimensions: ['team'],
  }),
  installation_score: def('installation_score', {
    label: { zh: '安装项目质量得分', en: 'Installation quality score' },
    formula: {
      zh: '验收的安装项目平均得分（满分 100）：质量 90 分 = 硬件 30 + 软件 50 + 资料与规范 10（验收时评定，空缺计 0）；客户满意度 10 分 = 项目评分 × 2（安装工单自身评分，无则取其最近一次回访评分）；无人评分的项目只按质量计，折算为百分制（质量 × 100 ÷ 90）。等级：A ≥ 90、B ≥ 80、C ≥ 60、D 以下（可配置）；按验收日归期',
      en: 'Mean score (out of 100) of the installation projects accepted in the period: quality 90 = hardware 30 + software 50 + documents and norms 10 (as checked at acceptance; an empty component counts 0); customer satisfaction 10 = the project’s rating × 2 (the installation ticket’s own rating, else its latest callback’s); a project nobody rated is scored on quality alone, scaled to 100 (quality × 100 ÷ 90). Grades A ≥ 90, B ≥ 80, C ≥ 60, D below (configurable); by acceptance day',
    },
    format: 'score',
    kind: 'mean',
    extraDimensions: ['team'],
  }),
} as const;

/**
 * The settings a text states (aftersight.config.json): a text says the configured number, never a frozen one.
 * The defaults are the configuration's (test/contract/metrics/catalog.test.ts checks they agree).
 */
export interface TextSettings {
  repeatWindowDays: number;
  partsReturnWorkingDays: number;
  chronicTickets: number;
  chronicWindowDays: number;
  minTickets: number;
  /** The service cadence (settings `cadence`): the first callback's days, the callbacks' months, the inspection steps. */
  firstCallbackDays: number;
  callbackEveryMonths: number;
  inspections: { untilMonth?: number; everyMonths: number }[];
  /** The installer's part of a technician's score (settings installationScore.scorecardWeight; 0: not counted). */
  installationWeight: number;
  complaintAnswerHours: number;
  /** The technician score's points per component, points lost per verified complaint, grade bands best first. */
  scoreWeights: { satisfaction: number; timeliness: number; first_time_fix: number; discipline: number };
  complaintDeduction: number;
  scoreGrades: readonly { grade: string; min: number }[];
  fallbackGrade: string;
  flagMinCount: number;
  flagConfidence: number;
  flagMinHistoryQuarters: number;
  flagMinSeverity1: number;
  flagMinVerifiedComplaints: number;
  flagRepeatRatio: number;
  flagMinRepeats: number;
  paretoVitalShare: number;
  earlyWarning: { shiftRatio: number; weekArl0: number; monthArl0: number; baselineWeeks: number; baselineMonths: number };
  proofOfFix: { minAfterDays: number; beforeDays: number };
}
export const defaultTextSettings: TextSettings = {
  repeatWindowDays: 30,
  partsReturnWorkingDays: 15,
  chronicTickets: 3,
  chronicWindowDays: 365,
  minTickets: 20,
  firstCallbackDays: 30,
  callbackEveryMonths: 3,
  inspections: [{ untilMonth: 12, everyMonths: 1 }, { untilMonth: 24, everyMonths: 2 }, { everyMonths: 3 }],
  installationWeight: 0,
  complaintAnswerHours: 24,
  scoreWeights: { satisfaction: 30, timeliness: 25, first_time_fix: 25, discipline: 20 },
  complaintDeduction: 10,
  scoreGrades: [
    { grade: 'A', min: 90 },
    { grade: 'B', min: 80 },
    { grade: 'C', min: 70 },
    { grade: 'D', min: 60 },
  ],
  fallbackGrade: 'E',
  flagMinCount: 5,
  flagConfidence: 0.99,
  flagMinHistoryQuarters: 1,
  flagMinSeverity1: 2,
  flagMinVerifiedComplaints: 2,
  flagRepeatRatio: 2,
  flagMinRepeats: 2,
  paretoVitalShare: 0.8,
  earlyWarning: { shiftRatio: 2, weekArl0: 1040, monthArl0: 240, baselineWeeks: 52, baselineMonths: 12 },
  proofOfFix: { minAfterDays: 90, beforeDays: 180 },
};

/** The analysis settings (the warehouse's, the configuration's) a text may state. */
type SettingsWithTexts = Pick<
  TextSettings,
  | 'repeatWindowDays'
  | 'partsReturnWorkingDays'
  | 'chronicTickets'
  | 'chronicWindowDays'
  | 'complaintAnswerHours'
  | 'flagMinCount'
  | 'flagConfidence'
  | 'flagMinHistoryQuarters'
  | 'flagMinSeverity1'
  | 'flagMinVerifiedComplaints'
  | 'flagRepeatRatio'
  | 'flagMinRepeats'
  | 'paretoVitalShare'
  | 'earlyWarning'
  | 'proofOfFix'
> & {
  technicianScore: {
    minTickets: number;
    weights: TextSettings['scoreWeights'];
    complaintDeduction: number;
    grades: TextSettings['scoreGrades'];
    fallbackGrade: string;
  };
  cadence: {
    firstCallbackDays: number;
    callbackEveryMonths: number;
    inspections: readonly { untilMonth?: number; everyMonths: number }[];
  };
  installationScore: { scorecardWeight: number };
};

/** The text settings of the analysis settings (the warehouse's, the configuration's). */
export const textSettingsOf = (s: SettingsWithTexts): TextSettings => ({
  repeatWindowDays: s.repeatWindowDays,
  partsReturnWorkingDays: s.partsReturnWorkingDays,
  chronicTickets: s.chronicTickets,
  chronicWindowDays: s.chronicWindowDays,
  minTickets: s.technicianScore.minTickets,
  firstCallbackDays: s.cadence.firstCallbackDays,
  callbackEveryMonths: s.cadence.callbackEveryMonths,
  inspections: s.cadence.inspections.map((i) => (i.untilMonth === undefined ? { everyMonths: i.everyMonths } : { ...i })),
  installationWeight: s.installationScore.scorecardWeight,
  complaintAnswerHours: s.complaintAnswerHours,
  scoreWeights: { ...s.technicianScore.weights },
  complaintDeduction: s.technicianScore.complaintDeduction,
  scoreGrades: s.technicianScore.grades.map((g) => ({ grade: g.grade, min: g.min })),
  fallbackGrade: s.technicianScore.fallbackGrade,
  flagMinCount: s.flagMinCount,
  flagConfidence: s.flagConfidence,
  flagMinHistoryQuarters: s.flagMinHistoryQuarters,
  flagMinSeverity1: s.flagMinSeverity1,
  flagMinVerifiedComplaints: s.flagMinVerifiedComplaints,
  flagRepeatRatio: s.flagRepeatRatio,
  flagMinRepeats: s.flagMinRepeats,
  paretoVitalShare: s.paretoVitalShare,
  earlyWarning: {
    shiftRatio: s.earlyWarning.shiftRatio,
    weekArl0: s.earlyWarning.weekArl0,
    monthArl0: s.earlyWarning.monthArl0,
    baselineWeeks: s.earlyWarning.baselineWeeks,
    baselineMonths: s.earlyWarning.baselineMonths,
  },
  proofOfFix: { minAfterDays: s.proofOfFix.minAfterDays, beforeDays: s.proofOfFix.beforeDays },
});

type TextLang = 'zh' | 'en';
/** "every 3 months" / "每 3 个月" (1: "every month" / "每月"). */
const everyMonths = (n: number, lang: TextLang): string =>
  lang === 'zh' ? (n === 1 ? '每月' : `每 ${n} 个月`) : n === 1 ? 'every month' : `every ${n} months`;

/**
 * The inspection steps in words: "monthly in the first 12 months, every 2 months in months 12–24, every 3 months
 * after that" / "前 12 个月每月一次，12–24 个月每 2 个月一次，之后每 3 个月一次".
 */
export function inspectionScheduleText(steps: readonly { untilMonth?: number; everyMonths: number }[], lang: TextLang): string {
  let from = 0;
  const parts = steps.map((step, i) => {
    const every = everyMonths(step.everyMonths, lang);
    const en = step.everyMonths === 1 ? 'monthly' : every;
    let text: string;
    if (step.untilMonth === undefined)
      text = lang === 'zh' ? `${i === 0 ? '' : '之后'}${every}一次` : `${en}${i === 0 ? '' : ' after that'}`;
    else if (from === 0) text = lang === 'zh' ? `前 ${step.untilMonth} 个月${every}一次` : `${en} in the first ${step.untilMonth} months`;
    else text = lang === 'zh' ? `${from}–${step.untilMonth} 个月${every}一次` : `${en} in months ${from}–${step.untilMonth}`;
    from = step.untilMonth ?? from;
    return text;
  });
  return parts.join(lang === 'zh' ? '，' : ', ');
}

/** A number as the texts write it: digits grouped (1,040), at most two decimals. */
const num = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 2 });
/** A share as the texts write it: 99% (zh) / 99 % (en). */
const share = (v: number, lang: TextLang): string => `${num(Math.round(v * 1000) / 10)}${lang === 'zh' ? '%' : ' %'}`;

/** What each `{place}` of a text says, in a language. */
export function textPlaces(s: TextSettings, lang: TextLang): Record<string, string> {
  const ew = s.earlyWarning;
  return {
    repeatWindowDays: num(s.repeatWindowDays),
    partsReturnWorkingDays: num(s.partsReturnWorkingDays),
    chronicTickets: num(s.chronicTickets),
    chronicWindowDays: num(s.chronicWindowDays),
    minTickets: num(s.minTickets),
    complaintAnswerHours: num(s.complaintAnswerHours),
    weightSatisfaction: num(s.scoreWeights.satisfaction),
    weightTimeliness: num(s.scoreWeights.timeliness),
    weightFirstTimeFix: num(s.scoreWeights.first_time_fix),
    weightDiscipline: num(s.scoreWeights.discipline),
    complaintDeduction: num(s.complaintDeduction),
    scoreGrades: s.scoreGrades.map((g) => `${g.grade} ≥ ${num(g.min)}`).join(lang === 'zh' ? '、' : ', '),
    fallbackGrade: s.fallbackGrade,
    flagMinCount: num(s.flagMinCount),
    flagConfidence: share(s.flagConfidence, lang),
    flagMinHistoryQuarters: num(s.flagMinHistoryQuarters),
    flagMinSeverity1: num(s.flagMinSeverity1),
    flagMinVerifiedComplaints: num(s.flagMinVerifiedComplaints),
    flagRepeatRatio: num(s.flagRepeatRatio),
    flagMinRepeats: num(s.flagMinRepeats),
    paretoVitalShare: share(s.paretoVitalShare, lang),
    ewShift: num(ew.shiftRatio),
    ewWeekArl0: num(ew.weekArl0),
    ewMonthArl0: num(ew.monthArl0),
    ewBaselineWeeks: num(ew.baselineWeeks),
    ewBaselineMonths: num(ew.baselineMonths),
    // About one false alarm per series in this many years (the weekly chart's run length).
    ewYears: num(Math.round(ew.weekArl0 / 52)),
    proofAfterDays: num(s.proofOfFix.minAfterDays),
    proofBeforeDays: num(s.proofOfFix.beforeDays),
    firstCallbackDays: num(s.firstCallbackDays),
    callbackEveryMonths: num(s.callbackEveryMonths),
    callbackEvery: everyMonths(s.callbackEveryMonths, lang),
    inspectionSchedule: inspectionScheduleText(s.inspections, lang),
    installationWeight: num(s.installationWeight),
  };
}

/** A text with its `{setting}` places filled from the settings (lists joined as the language writes them). */
export const withSettings = (text: string, s: TextSettings, lang: TextLang = 'en'): string => {
  const places = textPlaces(s, lang);
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(places, k) ? places[k] : m));
};

/** The catalog with its formula texts stating the given settings. */
export function metricCatalogWith(s: TextSettings): typeof catalogTexts {
  return Object.fromEntries(
    Object.entries(catalogTexts).map(([k, d]) => [
      k,
      { ...d, formula: { zh: withSettings(d.formula.zh, s, 'zh'), en: withSettings(d.formula.en, s, 'en') } },
    ]),
  ) as typeof catalogTexts;
}

/** The catalog with the default settings; a screen or PDF that states settings reads metricCatalogWith(configured). */
export const metricCatalog = metricCatalogWith(defaultTextSettings);

export type MetricKey = keyof typeof metricCatalog;
export const metricKeys = Object.keys(metricCatalog) as MetricKey[];

/** The metrics read as a series of periods (everything but the tables). */
export const seriesMetricKeys = metricKeys.filter((k) => metricCatalog[k].kind !== 'table');
export const tableMetricKeys = metricKeys.filter((k) => metricCatalog[k].kind === 'table');

export function isMetricKey(k: string): k is MetricKey {
  return Object.hasOwn(metricCatalog, k);
}
