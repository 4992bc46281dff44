// The demo company: regions, teams, technicians, product lines and models, faults, parts. All names Chinese.
import type { Random } from './random.ts';

export const regions = ['华北', '华东', '华南', '华中', '西南'] as const;
export const citiesByRegion: Record<string, string[]> = {
  华北: ['北京', '天津', '石家庄', '太原'],
  华东: ['上海', '杭州', '南京', '苏州'],
  华南: ['广州', '深圳', '南宁', '厦门'],
  华中: ['武汉', '长沙', '郑州', '南昌'],
  西南: ['成都', '重庆', '昆明', '贵阳'],
};

export interface ProductLine {
  name: string;
  models: string[];
  faults: { code: string; category: string; description: string; resolution: string }[];
  parts: { no: string; name: string; cost: number; supplier: string }[];
  /** Monthly weight Jan..Dec: air-conditioners peak in summer. */
  season: number[];
  warrantyYears: number;
  share: number;
}

const line = (
  name: string,
  prefix: string,
  models: string[],
  faults: [string, string, string][],
  parts: [string, number][],
  season: number[],
  warrantyYears: number,
  share: number,
): ProductLine => ({
  name,
  models,
  faults: faults.map(([category, description, resolution], i) => ({
    code: `${prefix}${String(i + 1).padStart(2, '0')}`,
    category,
    description,
    resolution,
  })),
  parts: parts.map(([partName, cost], i) => ({
    no: `${prefix}-P${String(i + 1).padStart(3, '0')}`,
    name: partName,
    cost,
    supplier: ['华鑫电子', '恒通配件', '联创精工'][i % 3],
  })),
  season,
  warrantyYears,
  share,
});

export const productLines: ProductLine[] = [
  line(
    '空调',
    'AC',
    ['空调 KFR-26GW', '空调 KFR-35GW', '空调 KFR-50LW', '空调 KFR-72LW', '空调 RF-120W'],
    [
      ['制冷', '不制冷，出风不凉', '补充冷媒并检漏'],
      ['制冷', '压缩机不启动', '更换启动电容'],
      ['电气', '开机跳闸', '更换电源板'],
      ['电气', '显示 E1 通信故障', '更换通信线'],
      ['漏水', '室内机漏水', '疏通排水管'],
      ['噪音', '外机噪音大', '紧固外机支架'],
      ['控制', '遥控失灵', '更换接收板'],
      ['制热', '制热效果差', '清洗换热器'],
    ],
    [
      ['压缩机', 1800],
      ['启动电容', 45],
      ['电源板', 320],
      ['通信线', 30],
      ['排水泵', 120],
      ['接收板', 85],
    ],
    [0.55, 0.5, 0.6, 0.75, 1.2, 2.0, 2.6, 2.5, 1.4, 0.8, 0.65, 0.7],
    3,
    0.4,
  ),
  line(
    '冰箱',
    'RF',
    ['冰箱 BCD-215', '冰箱 BCD-330', '冰箱 BCD-450', '冰箱 BCD-520W', '冰箱 BCD-610'],
    [
      ['制冷', '冷藏室不冷', '更换温控器'],
      ['制冷', '冷冻室结霜', '更换化霜加热器'],
      ['电气', '不通电', '更换主控板'],
      ['噪音', '运行噪音大', '更换风扇电机'],
      ['门体', '门封不严', '更换门封条'],
      ['漏水', '底部漏水', '疏通排水孔'],
      ['控制', '显示屏无显示', '更换显示板'],
      ['制冷', '压缩机频繁启动', '更换压缩机'],
    ],
    [
      ['温控器', 60],
      ['化霜加热器', 75],
      ['主控板', 260],
      ['风扇电机', 90],
      ['门封条', 55],
      ['压缩机', 950],
    ],
    [0.9, 0.85, 0.9, 1.0, 1.1, 1.25, 1.35, 1.3, 1.1, 1.0, 0.9, 0.9],
    3,
    0.25,
  ),
  line(
    '洗衣机',
    'WM',
    ['洗衣机 XQG80', '洗衣机 XQG100', '洗衣机 XQB90', '洗衣机 XQG120', '洗衣机 MG80'],
    [
      ['排水', '不排水', '更换排水泵'],
      ['电机', '不脱水', '更换电机电容'],
      ['噪音', '脱水震动大', '调整平衡'],
      ['电气', '不通电', '更换电脑板'],
      ['门锁', '门锁不开', '更换门锁'],
      ['漏水', '底部漏水', '更换进水管'],
      ['控制', '程序错乱', '升级程序'],
      ['进水', '不进水', '更换进水阀'],
    ],
    [
      ['排水泵', 110],
      ['电机电容', 40],
      ['电脑板', 280],
      ['门锁', 70],
      ['进水管', 35],
      ['进水阀', 65],
    ],
    [1.0, 0.9, 1.0, 1.0, 1.0, 1.05, 1.1, 1.1, 1.0, 1.0, 1.0, 1.1],
    1,
    0.2,
  ),
  line(
    '医疗设备',
    'MD',
    ['监护仪 PM-9000', '输液泵 SP-500', '呼吸机 VT-300', '超声 US-700', '除颤仪 DF-200'],
    [
      ['软件', '系统死机', '升级固件'],
      ['电源', '电池无法充电', '更换电池'],
      ['传感器', '血氧读数异常', '更换血氧探头'],
      ['显示', '屏幕花屏', '更换显示屏'],
      ['报警', '误报警', '校准报警阈值'],
      ['通信', '无法联网', '更换网络模块'],
      ['机械', '泵门卡滞', '更换泵门组件'],
      ['校准', '测量偏差', '重新校准'],
    ],
    [
      ['电池', 600],
      ['血氧探头', 450],
      ['显示屏', 2200],
      ['网络模块', 380],
      ['泵门组件', 520],
      ['主板', 3200],
    ],
    [1.0, 0.95, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.05],
    1,
    0.15,
  ),
];

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢'.split('');
const given = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欣佳慧'.split('');

export const chineseName = (r: Random): string => r.pick(surnames) + r.pick(given) + (r.chance(0.6) ? r.pick(given) : '');

export interface Technician {
  id: string;
  name: string;
  region: string;
  team: string;
  level: string;
  hiredAt: string;
}

export function makeTechnicians(r: Random): Technician[] {
  const out: Technician[] = [];
  regions.forEach((region, ri) => {
    for (let i = 0; i < 12; i++) {
      out.push({
        id: `E${String(ri * 12 + i + 1).padStart(3, '0')}`,
        name: chineseName(r),
        region,
        team: `${region}${i < 6 ? '一' : '二'}组`,
        level: r.pick(['初级', '中级', '中级', '高级']),
        hiredAt: `20${String(r.int(12, 23)).padStart(2, '0')}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
      });
    }
  });
  return out;
}
