// The words of messages and of the unsubscribe page, Chinese and English (metric names come from the catalog,
// the judgement words from the report's words).
import type { Lang } from '../presentation/format/format-value.ts';

const words = {
  zh: {
    weeklySubject: (from: string, to: string) => `Aftersight 服务周报 ${from} 至 ${to}`,
    monthlySubject: (month: string) => `Aftersight 服务月报 ${month}`,
    reportSubject: (quarter: string, edition: string, scope: string) => `Aftersight 季度报告 ${quarter} ${edition}（${scope}）`,
    vsPreviousWeek: '较上周',
    vsPreviousMonth: '较上月',
    scope: (s: string) => `范围：${s}`,
    reportAttached: 'PDF 报告见附件。',
    reportLinked: '点击下方链接下载 PDF 报告。',
    openOverview: '打开服务总览',
    openReports: '打开季度报告页',
    download: (until: string) => `下载 PDF（${until} 前有效）`,
    unsubscribe: '退订',
    unsubscribeTitle: '退订 Aftersight 消息',
    unsubscribeAsk: '不再接收这项订阅的消息？',
    unsubscribeButton: '确认退订',
    unsubscribed: '已退订，您将不再收到这项订阅的消息。',
    unsubscribeBad: '退订链接无效或该订阅已不存在。',
  },
  en: {
    weeklySubject: (from: string, to: string) => `Aftersight weekly digest ${from} to ${to}`,
    monthlySubject: (month: string) => `Aftersight monthly digest ${month}`,
    reportSubject: (quarter: string, edition: string, scope: string) => `Aftersight quarterly report ${quarter}, ${edition} (${scope})`,
    vsPreviousWeek: 'vs previous week',
    vsPreviousMonth: 'vs previous month',
    scope: (s: string) => `Scope: ${s}`,
    reportAttached: 'The PDF report is attached.',
    reportLinked: 'Download the PDF report with the link below.',
    openOverview: 'Open the overview',
    openReports: 'Open the reports page',
    download: (until: string) => `Download the PDF (valid until ${until})`,
    unsubscribe: 'Unsubscribe',
    unsubscribeTitle: 'Unsubscribe from Aftersight messages',
    unsubscribeAsk: 'Stop receiving the messages of this subscription?',
    unsubscribeButton: 'Unsubscribe',
    unsubscribed: 'Unsubscribed: you will receive no more messages of this subscription.',
    unsubscribeBad: 'The unsubscribe link is not valid, or the subscription no longer exists.',
  },
} as const;

export const notifyWords = (lang: Lang) => words[lang];
