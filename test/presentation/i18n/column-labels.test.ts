// Column names and cell values of record lists in the reader's words, times in the configured zone.
import { describe, expect, it } from 'vitest';
import { cellText, columnLabel, columnHeader } from '../../../presentation/i18n/column-labels.ts';
import { formatTime } from '../../../presentation/format/format-value.ts';

describe('column labels and cells', () => {
  it('columns by their header alias in Chinese, in words in English', () => {
    expect(columnLabel('tickets', 'opened_at', 'zh')).toBe('报修时间');
    expect(columnLabel('tickets', 'opened_at', 'en')).toBe('Opened at');
    expect(columnLabel('complaints', 'is_verified', 'zh')).toBe('是否查实');
  });

  it('values: enumerations, yes/no, severity, complaint categories', () => {
    expect(cellText('tickets', 'status', 'in_progress', 'zh', 'UTC')).toBe('处理中');
    expect(cellText('tickets', 'status', 'in_progress', 'en', 'UTC')).toBe('In progress');
    expect(cellText('complaints', 'is_verified', true, 'zh', 'UTC')).toBe('是');
    expect(cellText('complaints', 'is_escalated', false, 'en', 'UTC')).toBe('No');
    expect(cellText('tickets', 'severity', 2, 'zh', 'UTC')).toBe('2级');
    expect(cellText('complaints', 'category', 'attitude', 'zh', 'UTC')).toBe('服务态度');
    expect(cellText('tickets', 'rating', null, 'zh', 'UTC')).toBe('');
  });

  it('a fault code with its name beside it, the code alone without one', () => {
    const names = { AC02: '压缩机不启动' };
    expect(cellText('tickets', 'fault_code', 'AC02', 'zh', 'UTC', names)).toBe('AC02 压缩机不启动');
    expect(cellText('tickets', 'fault_code', 'AC03', 'en', 'UTC', names)).toBe('AC03');
    expect(cellText('tickets', 'fault_code', 'AC02', 'zh', 'UTC')).toBe('AC02');
  });

  it('instants in the configured zone: 15:59 UTC is 23:59 in Shanghai, the day before midnight', () => {
    expect(cellText('tickets', 'opened_at', '2026-09-30T15:59:00.000Z', 'zh', 'Asia/Shanghai')).toBe('2026-09-30 23:59');
    expect(formatTime('2026-09-30T16:00:00.000Z', 'Asia/Shanghai')).toBe('2026-10-01 00:00');
    expect(formatTime('2026-09-30T16:00:00.000Z', 'UTC')).toBe('2026-09-30 16:00');
    expect(formatTime('2026-09-30', 'Asia/Shanghai')).toBe('2026-09-30');
  });

  it('computed columns and a complaint’s ticket columns have words too, never a column name', () => {
    expect(columnLabel('tickets', 'resolution_hours', 'zh')).toBe('解决时长（小时）');
    expect(columnLabel('tickets', 'resolution_hours', 'en')).toBe('Resolution time (h)');
    expect(columnLabel('complaints', 'region', 'zh')).toBe('区域');
    expect(columnLabel('parts', 'days_overdue', 'zh')).toBe('逾期天数');
  });

  it('a download’s time column says its zone; other columns do not', () => {
    expect(columnHeader('tickets', 'opened_at', 'zh', 'Asia/Shanghai')).toBe('报修时间（Asia/Shanghai）');
    expect(columnHeader('tickets', 'opened_at', 'en', 'Asia/Shanghai')).toBe('Opened at (Asia/Shanghai)');
    expect(columnHeader('tickets', 'status', 'zh', 'Asia/Shanghai')).toBe('状态');
  });

  it('the cadence lists: a due’s kind and status in words, its days as days, in both languages', () => {
    expect(columnLabel('cadence', 'cadence_kind', 'zh')).toBe('类型');
    expect(columnLabel('cadence', 'due_on', 'en')).toBe('Due on');
    expect(columnHeader('cadence', 'due_on', 'zh', 'Asia/Shanghai')).toBe('到期日');
    expect(cellText('cadence', 'cadence_kind', 'inspection', 'zh', 'Asia/Shanghai')).toBe('巡检');
    expect(cellText('cadence', 'cadence_kind', 'callback', 'en', 'Asia/Shanghai')).toBe('Callback');
    expect(cellText('cadence', 'due_status', 'late', 'zh', 'Asia/Shanghai')).toBe('迟做');
    expect(cellText('cadence', 'due_status', 'overdue', 'en', 'Asia/Shanghai')).toBe('Not done');
    expect(cellText('cadence', 'due_on', '2025-03-15', 'en', 'Asia/Shanghai')).toBe('2025-03-15');
    expect(columnLabel('installations', 'software_points', 'zh')).toBe('软件得分');
    expect(columnLabel('installations', 'accepted_at', 'en')).toBe('Accepted at');
  });

  it('a time already the zone’s wall clock (the warehouse’s minute text) is kept, never shifted again', () => {
    expect(formatTime('2025-07-10 09:00', 'America/New_York')).toBe('2025-07-10 09:00');
  });
});
