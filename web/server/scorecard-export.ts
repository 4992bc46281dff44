// The quarter's scorecards for HR systems: one row per technician, flat columns, Chinese or English headers,
// as formula-safe CSV (UTF-8 with BOM) or XLSX.
import ExcelJS from 'exceljs';
import type { TechnicianScore } from '../../warehouse/queries/technician-scores.ts';
import { toCsv } from './csv-export.ts';

type Row = Record<string, string | number | null>;

const columns: [key: string, zh: string, en: string][] = [
  ['period', '期间', 'Period'],
  ['technician_id', '工程师编号', 'Technician ID'],
  ['name', '姓名', 'Name'],
  ['region', '大区', 'Region'],
  ['team', '班组', 'Team'],
  ['tickets', '计数工单', 'Counted tickets'],
  ['status', '状态', 'Status'],
  ['total', '总分', 'Total'],
  ['grade', '等级', 'Grade'],
  ['rank', '排名', 'Rank'],
  ['rank_in_region', '大区内排名', 'Rank in region'],
  ['rank_in_team', '班组内排名', 'Rank in team'],
  ['satisfaction_points', '满意度得分', 'Satisfaction points'],
  ['satisfaction_rate', '客户满意率', 'CSAT'],
  ['satisfaction_n', '已评价工单', 'Rated tickets'],
  ['satisfaction_low', '满意率下限95%', 'CSAT 95% low'],
  ['satisfaction_high', '满意率上限95%', 'CSAT 95% high'],
  ['satisfaction_expected', '满意率期望值', 'CSAT expected'],
  ['timeliness_points', '时效得分', 'Timeliness points'],
  ['timeliness_rate', '时效达标率', 'SLA compliance'],
  ['timeliness_n', '适用时效目标', 'SLA targets'],
  ['timeliness_low', '达标率下限95%', 'SLA 95% low'],
  ['timeliness_high', '达标率上限95%', 'SLA 95% high'],
  ['timeliness_expected', '达标率期望值', 'SLA expected'],
  ['first_time_fix_points', '一次修复得分', 'First-time fix points'],
  ['first_time_fix_rate', '一次修复率', 'FTFR'],
  ['first_time_fix_n', '维修工单', 'Repairs'],
  ['first_time_fix_low', '一次修复率下限95%', 'FTFR 95% low'],
  ['first_time_fix_high', '一次修复率上限95%', 'FTFR 95% high'],
  ['first_time_fix_expected', '一次修复率期望值', 'FTFR expected'],
  ['discipline_points', '服务纪律得分', 'Discipline points'],
  ['verified_complaints', '查实投诉', 'Verified complaints'],
  ['previous_total', '上期总分', 'Previous total'],
];

const round = (v: number | null | undefined, d = 4) => (v === null || v === undefined ? null : Math.round(v * 10 ** d) / 10 ** d);

export function scorecardRows(scores: readonly TechnicianScore[], lang: 'zh' | 'en'): Row[] {
  const status = (s: TechnicianScore) =>
    s.status === 'scored' ? (lang === 'zh' ? '已评分' : 'Scored') : lang === 'zh' ? '数据不足' : 'Insufficient data';
  return scores.map((s) => {
    const r: Row = {
      period: s.period,
      technician_id: s.technician_id,
      name: s.name,
      region: s.region,
      team: s.team,
      tickets: s.tickets,
      status: status(s),
      total: round(s.total, 2),
      grade: s.grade,
      rank: s.rank,
      rank_in_region: s.rank_in_region,
      rank_in_team: s.rank_in_team,
      discipline_points: s.discipline.points,
      verified_complaints: s.discipline.verified_complaints,
      previous_total: round(s.previous_total, 2),
    };
    for (const c of ['satisfaction', 'timeliness', 'first_time_fix'] as const) {
      r[`${c}_points`] = round(s[c].points, 2);
      r[`${c}_rate`] = round(s[c].rate);
      r[`${c}_n`] = s[c].n;
      r[`${c}_low`] = round(s[c].wilson?.[0]);
      r[`${c}_high`] = round(s[c].wilson?.[1]);
      r[`${c}_expected`] = round(s[c].expected_rate);
    }
    return r;
  });
}

export function scorecardCsv(scores: readonly TechnicianScore[], lang: 'zh' | 'en'): string {
  const rows = scorecardRows(scores, lang).map((r) => Object.fromEntries(columns.map(([k, zh, en]) => [lang === 'zh' ? zh : en, r[k]])));
  return toCsv(
    rows,
    columns.map(([, zh, en]) => (lang === 'zh' ? zh : en)),
  );
}

export async function scorecardXlsx(scores: readonly TechnicianScore[], lang: 'zh' | 'en'): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(lang === 'zh' ? '工程师考核' : 'Scorecards');
  sheet.columns = columns.map(([key, zh, en]) => ({ header: lang === 'zh' ? zh : en, key, width: 14 }));
  // Text cells that look like formulas stay text: exceljs writes strings as strings, never as formulas.
  for (const r of scorecardRows(scores, lang)) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 3 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}
