// The words of the early warnings and corrective actions (zh, en): section titles, columns, and the labels of
// alert states, action statuses, outcomes and root-cause categories, for the dashboard and the PDF alike.
import type { AlertListRow } from '../../warehouse/queries/early-warnings.ts';
import { formatDecimal, formatPeriod, formatValue, type Lang } from '../format/format-value.ts';

export const earlyWarningWords = {
  zh: {
    warnings: '早期预警',
    actions: '纠正措施',
    noWarnings: '没有未结束的预警',
    noActions: '还没有纠正措施',
    showEnded: '显示已结束的预警',
    grain: '周期',
    week: '周',
    month: '月',
    model: '型号',
    fault: '故障',
    state: '状态',
    what: '内容',
    lastSignal: '最近越限',
    signals: '越限次数',
    snoozedUntil: '暂缓至',
    change: '更改',
    note: '备注',
    apply: '确定',
    openAction: '开立纠正措施',
    problem: '问题描述',
    create: '开立',
    owner: '负责人',
    due: '到期日',
    effective: '生效日',
    status: '状态',
    outcome: '效果',
    overdue: '已逾期',
    reason: '依据',
    open: '进行中',
    overdueCount: '逾期',
    effectiveCount: '有效',
    cameBack: '复发',
    readOnly: '只读：质量工程师与管理员可修改',
    quarterActions: '本季度的纠正措施：同样的问题是否再次发生？',
    again: '本季度再次被标记',
    yes: '是',
    no: '否',
    noQuarterActions: '本季度没有涉及的纠正措施',
    quarterActionsNote:
      '列出来源于本季度标记、生效日在本季度或尚未关闭的措施；“再次被标记”= 本季度该（型号，故障）在措施生效日之后仍被标记为发生过多',
  },
  en: {
    warnings: 'Early warnings',
    actions: 'Corrective actions',
    noWarnings: 'No open early warnings',
    noActions: 'No corrective actions yet',
    showEnded: 'Show ended warnings',
    grain: 'Grain',
    week: 'Week',
    month: 'Month',
    model: 'Model',
    fault: 'Fault',
    state: 'State',
    what: 'What rose',
    lastSignal: 'Last signal',
    signals: 'Signals',
    snoozedUntil: 'Snoozed until',
    change: 'Change',
    note: 'Note',
    apply: 'Apply',
    openAction: 'Open a corrective action',
    problem: 'Problem statement',
    create: 'Open',
    owner: 'Owner',
    due: 'Due',
    effective: 'Effective',
    status: 'Status',
    outcome: 'Outcome',
    overdue: 'Overdue',
    reason: 'Evidence',
    open: 'Open',
    overdueCount: 'Overdue',
    effectiveCount: 'Effective',
    cameBack: 'Came back',
    readOnly: 'Read only: quality engineers and admins make changes',
    quarterActions: "The quarter's corrective actions: did the same problem happen again?",
    again: 'Flagged again this quarter',
    yes: 'yes',
    no: 'no',
    noQuarterActions: 'No corrective action concerns this quarter',
    quarterActionsNote:
      'Actions opened from this quarter\'s flags, taking effect in this quarter, or not yet closed; "flagged again" = the (model, fault) is flagged as occurring too often this quarter, after the action\'s effective date',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export const earlyWarningValueLabels: Record<string, Record<string, { zh: string; en: string }>> = {
  alert_state: {
    new: { zh: '新预警', en: 'New' },
    acknowledged: { zh: '已确认', en: 'Acknowledged' },
    in_action: { zh: '措施中', en: 'In action' },
    verified: { zh: '已验证', en: 'Verified' },
    closed: { zh: '已关闭', en: 'Closed' },
  },
  action_status: {
    open: { zh: '未开始', en: 'Open' },
    in_progress: { zh: '进行中', en: 'In progress' },
    closed: { zh: '已关闭', en: 'Closed' },
  },
  outcome: {
    effective: { zh: '有效', en: 'Effective' },
    not_shown_effective: { zh: '未证实有效', en: 'Not shown effective' },
    too_early: { zh: '为时尚早', en: 'Too early to tell' },
    came_back: { zh: '复发', en: 'Came back' },
  },
  root_cause_category: {
    design: { zh: '设计', en: 'Design' },
    manufacturing: { zh: '制造', en: 'Manufacturing' },
    supplier: { zh: '供应商来料', en: 'Supplier' },
    installation: { zh: '安装', en: 'Installation' },
    software: { zh: '软件', en: 'Software' },
    usage: { zh: '使用', en: 'Usage' },
    service: { zh: '服务', en: 'Service' },
    other: { zh: '其他', en: 'Other' },
  },
};

export const earlyWarningLabel = (kind: string, value: string, lang: Lang): string =>
  earlyWarningValueLabels[kind]?.[value]?.[lang] ?? value;

/**
 * What rose, from what rate to what, since when: an alert's sentence in the reader's language, made from the facts
 * the warehouse keeps. `fault` is the fault as the reader knows it (its name, or its code). Rates per ticket are the
 * fault's share of the model's tickets; rates per unit in service (the installed base loaded) are per unit of an
 * exposure that also holds the line's season, so they are said as a multiple of the usual rate.
 */
export function warningMessage(
  a: Pick<
    AlertListRow,
    'grain' | 'product_model' | 'fault_code' | 'since_period' | 'baseline_rate' | 'current_rate' | 'span_count' | 'span_expected'
  > & { exposure_basis?: AlertListRow['exposure_basis'] },
  lang: Lang,
  fault: string = a.fault_code,
): string {
  const pct = (x: number) => formatValue(x, 'percent', lang);
  const counted = a.span_count !== null && a.span_expected !== null;
  const units = a.exposure_basis === 'units';
  const times = formatDecimal(a.current_rate / a.baseline_rate, lang, 1);
  if (lang === 'zh') {
    const since = a.grain === 'week' ? `自 ${a.since_period} 当周起` : `自${formatPeriod(a.since_period.slice(0, 7), 'zh')}起`;
    const counts = counted
      ? `（${formatValue(a.span_count, 'count', 'zh')} 张，按${units ? '在用台数' : '工单量'}预期 ${formatDecimal(a.span_expected, 'zh', 1)} 张）`
      : '';
    const rise = units
      ? `按在用台数计（已扣除产品线的季节变化）为平常的 ${times} 倍`
      : `占该机型工单的比例由 ${pct(a.baseline_rate)} 升至 ${pct(a.current_rate)}`;
    return `机型 ${a.product_model} 的故障 ${fault} ${since}上升：${rise}${counts}`;
  }
  const since = a.grain === 'week' ? `since the week of ${a.since_period}` : `since ${formatPeriod(a.since_period.slice(0, 7), 'en')}`;
  const counts = counted
    ? ` (${formatValue(a.span_count, 'count', 'en')} tickets against ${formatDecimal(a.span_expected, 'en', 1)} expected for the ${units ? 'units in service' : 'volume'})`
    : '';
  const rise = units
    ? `to ${times} times its usual rate per unit in service, the line's season taken out`
    : `from ${pct(a.baseline_rate)} to ${pct(a.current_rate)} of the model's tickets`;
  return `Fault ${fault} on model ${a.product_model} rose ${since}: ${rise}${counts}`;
}
