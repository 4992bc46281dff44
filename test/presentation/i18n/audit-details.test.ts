// The audit log's detail in words, per action, in both languages: never a request line, JSON or an enumerated value.
import { describe, expect, it } from 'vitest';
import { auditDetailText, auditJson } from '../../../presentation/i18n/audit-details.ts';

describe('audit details in words', () => {
  it('an export names the list, the format, the days and the region', () => {
    const d = 'GET /api/tickets?format=csv&lang=zh&from=2025-07-01&to=2025-09-30&region=%E5%8D%8E%E4%B8%9C';
    expect(auditDetailText('zh', 'export', d)).toBe('工单列表 · CSV · 2025-07-01–2025-09-30 · 大区 华东');
    expect(auditDetailText('en', 'export', d)).toBe('ticket list · CSV · 2025-07-01–2025-09-30 · Region 华东');
    expect(auditDetailText('zh', 'export', 'GET /api/metrics/repeat_rate?format=xlsx')).toBe('返修率 · Excel');
    expect(auditDetailText('en', 'export', 'GET /api/ingest/runs/12/rejects?format=csv')).toBe('problems of load 12 · CSV');
  });

  it('a refused or failed request says how it ended', () => {
    expect(auditDetailText('zh', 'access_denied', 'GET /api/users → 403')).toBe('用户：已拒绝（HTTP 403）');
    expect(auditDetailText('en', 'access_denied', 'GET /api/users → 403')).toBe('user: refused (HTTP 403)');
    expect(auditDetailText('zh', 'upload', 'POST /api/ingest/tickets?progress=abc → 400')).toBe('工单：请求无效（HTTP 400）');
    expect(auditDetailText('en', 'upload', 'POST /api/ingest/complaints → client disconnected')).toBe(
      'Complaints: the client disconnected',
    );
    expect(auditDetailText('en', 'report_request', 'POST /api/reports → 500')).toBe('quarterly report: server error (HTTP 500)');
  });

  it('changes name what they changed', () => {
    expect(auditDetailText('zh', 'user_delete', 'DELETE /api/users/7')).toBe('用户 #7');
    expect(auditDetailText('en', 'token_revoke', 'DELETE /api/tokens/3')).toBe('API token #3');
    expect(auditDetailText('zh', 'early_warning_state', 'PATCH /api/early-warnings/12/state')).toBe('早期预警 #12');
    expect(auditDetailText('en', 'corrective_action', 'POST /api/corrective-actions/4/comments')).toBe('corrective action #4');
    expect(auditDetailText('zh', 'report_download', 'GET /api/shared-reports/9.pdf (signed link)')).toBe('报告 #9（签名链接）');
  });

  it('a throttled sign-in, an unsubscribe and an interrupted delivery in words', () => {
    expect(auditDetailText('zh', 'login_failed', 'throttled')).toBe('失败次数过多，暂时不能登录');
    const unsubscribe = auditJson({ kind: 'unsubscribe', subscription: 5, item: 'report', variant: 'quality', channel: 'email' });
    expect(auditDetailText('zh', 'unsubscribe', unsubscribe)).toBe('订阅 #5（季度报告，质量工程版，邮件），通过邮件中的退订链接');
    expect(auditDetailText('en', 'unsubscribe', unsubscribe)).toBe(
      'subscription #5 (quarterly report, quality engineering edition, e-mail), by its unsubscribe link',
    );
    const interrupted = auditJson({
      kind: 'delivery',
      item: 'report:2025Q3:华东',
      username: 'li',
      channel: 'dingtalk',
      recipient: 'ops',
      interrupted: true,
    });
    expect(auditDetailText('zh', 'delivery_failed', interrupted)).toBe(
      '季度报告 2025年第3季度 华东 发给 li（钉钉：ops）未送达：发送中断（服务器停止），为免重复不再发送',
    );
  });

  it('a long error is cut to fit the log, the JSON still whole', () => {
    const d = auditJson({
      kind: 'delivery',
      item: 'alert:x',
      username: 'a',
      channel: 'email',
      recipient: 'a@b',
      attempts: 5,
      error: 'x'.repeat(2000),
    });
    expect(d.length).toBeLessThanOrEqual(500);
    expect(JSON.parse(d).attempts).toBe(5);
  });
});
