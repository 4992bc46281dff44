// Interface words in Chinese (default) and English, shared by the dashboard and the PDF.
import type { Lang } from '../format/format-value.ts';

export const messages = {
  zh: {
    appName: 'Aftersight 售后服务分析',
    overview: '服务总览',
    quality: '质量分析',
    newAlerts: '新的早期预警',
    scorecards: '工程师考核',
    loadData: '导入数据',
    registers: '工单登记',
    reports: '季度报告',
    subscriptions: '订阅',
    admin: '系统管理',
    refreshFailed: '最近一次数据刷新失败，图表显示的是上一次成功刷新的数据',
    slaBySeverity: '各故障等级时效达标率',
    slaMissed: '未达标工单',
    backlogAging: '积压工单账龄',
    complaintsByCategory: '投诉类别',
    from: '开始日期',
    to: '结束日期',
    region: '大区',
    allRegions: '全部大区',
    grain: '周期',
    month: '月',
    quarter: '季度',
    period: '期间',
    numerator: '分子',
    denominator: '分母',
    value: '值',
    trendTitle: '解决率趋势',
    volumeTitle: '工单量',
    loading: '加载中…',
    noData: '所选范围内没有数据',
    error: '加载失败',
    language: 'English',
    reportTitle: '季度售后服务分析报告',
    generatedAt: '数据截至',
    asOf: '截至',
    asOfHint: '“超时未完成”按这次数据刷新的时间判断，已结束期间的数值在工单全部完成前仍会变化',
    definitions: '指标定义',
    unspecified: '未填写',
    resolved: '已解决',
    counted: '计数工单',
    total: '合计',
    contents: '目录',
    metric: '指标',
    definition: '定义',
    signIn: '登录',
    signOut: '退出',
    userName: '用户名',
    password: '密码',
    mainMenu: '主菜单',
    actions: '操作',
    role_admin: '管理员',
    role_manager: '服务经理',
    role_quality: '质量工程师',
    role_hr: '人事',
    role_technician: '工程师',
  },
  en: {
    appName: 'Aftersight service analytics',
    overview: 'Service overview',
    quality: 'Quality',
    newAlerts: 'New early warnings',
    scorecards: 'Scorecards',
    loadData: 'Load data',
    registers: 'Ticket registers',
    reports: 'Quarterly reports',
    subscriptions: 'Subscriptions',
    admin: 'Administration',
    refreshFailed: 'The last refresh failed; the figures are from the last successful refresh',
    slaBySeverity: 'SLA compliance by severity',
    slaMissed: 'Targets missed',
    backlogAging: 'Backlog aging',
    complaintsByCategory: 'Complaints by category',
    from: 'From',
    to: 'To',
    region: 'Region',
    allRegions: 'All regions',
    grain: 'Grain',
    month: 'Month',
    quarter: 'Quarter',
    period: 'Period',
    numerator: 'Numerator',
    denominator: 'Denominator',
    value: 'Value',
    trendTitle: 'Resolution rate trend',
    volumeTitle: 'Ticket volume',
    loading: 'Loading…',
    noData: 'No data in the selected range',
    error: 'Failed to load',
    language: '中文',
    reportTitle: 'Quarterly after-sales service report',
    generatedAt: 'Data as of',
    asOf: 'as of',
    asOfHint: '“Still open past its target” is judged at this data refresh: a closed period’s figure still moves until its tickets close',
    definitions: 'Metric definitions',
    unspecified: 'Unspecified',
    resolved: 'Resolved',
    counted: 'Counted',
    total: 'Total',
    contents: 'Contents',
    metric: 'Metric',
    definition: 'Definition',
    signIn: 'Sign in',
    signOut: 'Sign out',
    userName: 'User name',
    password: 'Password',
    mainMenu: 'Main menu',
    actions: 'Actions',
    role_admin: 'administrator',
    role_manager: 'manager',
    role_quality: 'quality engineer',
    role_hr: 'HR',
    role_technician: 'technician',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type MessageKey = keyof (typeof messages)['zh'];
export const t = (lang: Lang, key: MessageKey): string => messages[lang][key];

/** Parameters of an API error answer: numbers, names, lists of names. */
export type ApiErrorParams = Record<string, string | number | readonly string[]>;

const list = (v: ApiErrorParams[string] | undefined, sep: string): string => (Array.isArray(v) ? v.join(sep) : String(v ?? ''));
const roleName = (lang: Lang, role: ApiErrorParams[string] | undefined): string =>
  `role_${String(role)}` in messages[lang] ? messages[lang][`role_${String(role)}` as MessageKey] : String(role);

/**
 * The API's error answers by stable code (`{ error, code, params }`): the server sends the English text as
 * `error`, the dashboard shows the words of its own language.
 */
export const apiErrorMessages = {
  en: {
    sign_in_first: () => 'sign in first',
    wrong_password: () => 'wrong user name or password',
    too_many_sign_ins: (p: ApiErrorParams) => `too many failed sign-ins from this address: try again in ${p.minutes} minute${Number(p.minutes) > 1 ? 's' : ''}`,
    role_refused: (p: ApiErrorParams) => `the ${p.role} role may not use this`,
    regions_only: (p: ApiErrorParams) => `you may see the regions ${list(p.regions, ', ')} only`,
    other_origin: () => 'refused: the request came from a page of another origin',
    unknown_token: () => 'unknown or revoked API token',
    token_ingest_only: () => 'an API token may only load files (POST /api/ingest/:kind)',
    own_scorecard_only: () => 'a technician sees their own scorecard only',
    report_edition: (p: ApiErrorParams) => `the ${p.role} role may ask for the ${list(p.editions, ', ') || 'no'} edition only`,
    choose_region: (p: ApiErrorParams) => `choose one of your regions: ${list(p.regions, ', ')}`,
  },
  zh: {
    sign_in_first: () => '请先登录',
    wrong_password: () => '用户名或密码错误',
    too_many_sign_ins: (p: ApiErrorParams) => `此地址登录失败次数过多，请 ${p.minutes} 分钟后再试`,
    role_refused: (p: ApiErrorParams) => `“${roleName('zh', p.role)}”角色无权使用此功能`,
    regions_only: (p: ApiErrorParams) => `您只能查看以下大区：${list(p.regions, '、')}`,
    other_origin: () => '已拒绝：请求来自其他网站的页面',
    unknown_token: () => 'API 令牌无效或已吊销',
    token_ingest_only: () => 'API 令牌只能用于导入文件（POST /api/ingest/:kind）',
    own_scorecard_only: () => '工程师只能查看自己的考核',
    report_edition: (p: ApiErrorParams) => `“${roleName('zh', p.role)}”角色只能生成${list(p.editions, '、') || '（无）'}版本的报告`,
    choose_region: (p: ApiErrorParams) => `请选择您的大区之一：${list(p.regions, '、')}`,
  },
} as const satisfies Record<Lang, Record<string, (p: ApiErrorParams) => string>>;

export type ApiErrorCode = keyof (typeof apiErrorMessages)['en'];

/** An API error answer's text in a language: its code's words, else the server's own text, else the HTTP status. */
export function apiErrorText(lang: Lang, answer: { error?: string; code?: string; params?: ApiErrorParams }, status = ''): string {
  const words = answer.code && Object.hasOwn(apiErrorMessages[lang], answer.code) ? apiErrorMessages[lang][answer.code as ApiErrorCode] : undefined;
  return words ? words(answer.params ?? {}) : answer.error ?? status;
}
