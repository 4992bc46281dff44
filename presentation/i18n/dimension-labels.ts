// Words for dimension values (enumerations) in Chinese and English, for charts, tables and the PDF.
import { complaints } from '../../contract/sources/complaints.source.ts';
import { recordKinds } from '../../contract/sources/record-kinds.ts';
import type { Lang } from '../format/format-value.ts';

const complaintCategories = complaints.columns.find((c) => c.name === 'category')!.values!;
const en = (s: string) => s.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());

const labels: Record<string, Record<string, { zh: string; en: string }>> = {
  sla_target: {
    response: { zh: '首次响应', en: 'Response' },
    arrival: { zh: '到场', en: 'Arrival' },
    resolution: { zh: '解决', en: 'Resolution' },
  },
  cost_type: { parts: { zh: '配件', en: 'Parts' }, labour: { zh: '工时', en: 'Labour' }, travel: { zh: '差旅', en: 'Travel' } },
  warranty: { warranty: { zh: '保内', en: 'In warranty' }, paid: { zh: '保外', en: 'Paid' } },
  repeat_mode: { strict: { zh: '同故障返修', en: 'same-fault repeat' }, loose: { zh: '不同故障返修', en: 'other-fault repeat' } },
  verified: { yes: { zh: '查实', en: 'Verified' }, no: { zh: '未查实', en: 'Not verified' } },
  // A load (ingest_runs.status), a problem of a row (rejects.level), a load's phase (GET /api/ingest/progress/:key).
  ingest_status: {
    loaded: { zh: '已导入', en: 'Loaded' },
    skipped: { zh: '已跳过（内容相同）', en: 'Skipped (same content)' },
    failed: { zh: '失败', en: 'Failed' },
  },
  problem_level: {
    error: { zh: '错误（行被拒绝）', en: 'Error (row rejected)' },
    warning: { zh: '警告（行已导入）', en: 'Warning (row loaded)' },
  },
  ingest_phase: {
    receive: { zh: '等待服务器', en: 'Waiting for the server' },
    hash: { zh: '核对文件', en: 'Checking the file' },
    read: { zh: '读取', en: 'Reading' },
    check: { zh: '读取并检查', en: 'Reading and checking' },
    write: { zh: '写入', en: 'Writing' },
    refresh: { zh: '刷新数据模型', en: 'Refreshing the models' },
    done: { zh: '完成', en: 'Done' },
    failed: { zh: '失败', en: 'Failed' },
  },
  record_kind: Object.fromEntries(Object.entries(recordKinds).map(([k, r]) => [k, { zh: r.label.zh, en: en(r.label.en) }])),
  category: Object.fromEntries(Object.entries(complaintCategories).map(([k, zh]) => [k, { zh, en: en(k) }])),
  severity: Object.fromEntries(['1', '2', '3', '4'].map((l) => [l, { zh: `${l}级`, en: `Level ${l}` }])),
  score: Object.fromEntries(['1', '2', '3', '4', '5'].map((l) => [l, { zh: `${l}分`, en: `${l}` }])),
  audit_action: {
    login: { zh: '登录', en: 'Signed in' },
    login_failed: { zh: '登录失败', en: 'Sign-in failed' },
    logout: { zh: '退出', en: 'Signed out' },
    upload: { zh: '导入文件', en: 'File loaded' },
    export: { zh: '导出', en: 'Export' },
    report_request: { zh: '生成报告', en: 'Report requested' },
    report_download: { zh: '下载报告', en: 'Report downloaded' },
    user_create: { zh: '新建用户', en: 'User created' },
    user_delete: { zh: '删除用户', en: 'User deleted' },
    user_update: { zh: '修改用户', en: 'User changed' },
    token_create: { zh: '新建 API 令牌', en: 'API token created' },
    token_revoke: { zh: '吊销 API 令牌', en: 'API token revoked' },
    access_denied: { zh: '拒绝访问', en: 'Access refused' },
    early_warning_state: { zh: '早期预警状态变更', en: 'Early warning state changed' },
    corrective_action: { zh: '纠正措施变更', en: 'Corrective action changed' },
    subscription_create: { zh: '新建订阅', en: 'Subscription created' },
    subscription_delete: { zh: '删除订阅', en: 'Subscription deleted' },
    unsubscribe: { zh: '退订', en: 'Unsubscribed' },
    delivery_failed: { zh: '发送失败', en: 'Delivery failed' },
  },
  // The service cadence (issue 19): a due's kind, and how it was met (metrics.cadence_compliance.status).
  cadence_kind: { callback: { zh: '回访', en: 'Callback' }, inspection: { zh: '巡检', en: 'Inspection' } },
  due_status: {
    on_time: { zh: '按时', en: 'On time' },
    late: { zh: '迟做', en: 'Done late' },
    overdue: { zh: '逾期未做', en: 'Not done' },
  },
  bucket: {
    '0-1d': { zh: '0–1天', en: '0–1 d' },
    '1-3d': { zh: '1–3天', en: '1–3 d' },
    '3-7d': { zh: '3–7天', en: '3–7 d' },
    '7-30d': { zh: '7–30天', en: '7–30 d' },
    '>30d': { zh: '30天以上', en: '> 30 d' },
  },
};

export function dimensionLabel(dimension: string, value: unknown, lang: Lang): string {
  if (value === null || value === undefined || value === '') return lang === 'zh' ? '未填写' : 'Unspecified';
  return labels[dimension]?.[String(value)]?.[lang] ?? String(value);
}

import type { FaultNames } from '../../warehouse/queries/fault-names.ts';

export type { FaultNames };

/** A fault code with its name beside it ("AC08 压缩机异响"), the code alone when it has none. */
export function faultLabel(code: unknown, names: FaultNames | undefined, lang: Lang): string {
  if (code === null || code === undefined || code === '') return dimensionLabel('fault_code', code, lang);
  const name = names && Object.hasOwn(names, String(code)) ? names[String(code)] : undefined;
  return name ? `${String(code)} ${name}` : String(code);
}
/** Every value this module words (for tests that look for a raw one on a screen). */
export const labelledValues = (): string[] => Object.values(labels).flatMap((l) => Object.keys(l));
