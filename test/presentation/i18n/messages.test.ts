// The message catalog: texts that state a setting say the configured number, in both languages.
import { describe, expect, it } from 'vitest';
import { defaultTextSettings } from '../../../contract/metrics/catalog.ts';
import { ingestRunText, messages, qualityWords, tWith } from '../../../presentation/i18n/messages.ts';

describe('messages that state settings', () => {
  it('the flag limit states the configured confidence and minimum count', () => {
    expect(tWith('zh', 'explainLimit', defaultTextSettings)).toContain('泊松 99% 上限；数量超过上限且不少于 5 张');
    expect(tWith('en', 'explainLimit', defaultTextSettings)).toContain('upper 99 % Poisson limit');
    const s = { ...defaultTextSettings, flagConfidence: 0.995, flagMinCount: 8 };
    expect(tWith('zh', 'explainLimit', s)).toContain('泊松 99.5% 上限；数量超过上限且不少于 8 张');
    expect(tWith('en', 'explainLimit', s)).toContain('upper 99.5 % Poisson limit');
    expect(tWith('en', 'explainLimit', s)).toContain('and 8 or more, is “too often”');
  });

  it('every place in a message is one the settings fill', () => {
    for (const lang of ['zh', 'en'] as const)
      for (const key of Object.keys(messages[lang]) as (keyof (typeof messages)['zh'])[]) {
        const filled = tWith(lang, key, defaultTextSettings);
        // An alert's own values ({threshold}, {days}) and a figure's ({n}, {failures}, {suspensions}, {asOf}, {cutoff})
        // are filled where they are shown (tFill).
        expect(filled.replace(/\{(threshold|days|n|failures|suspensions|asOf|cutoff)\}/g, '')).not.toMatch(/\{\w+\}/);
      }
  });
});

describe('a load’s message in the history', () => {
  it('is worded by its code in each language', () => {
    const refused = {
      status: 'failed',
      message: 'the file is empty',
      message_code: 'file_refused',
      message_params: { reason_en: 'the file is empty', reason_zh: '文件为空' },
    };
    expect(ingestRunText('zh', refused)).toBe('文件为空');
    expect(ingestRunText('en', refused)).toBe('the file is empty');
    const same = { status: 'skipped', message: 'same content as load 7', message_code: 'same_content', message_params: { load: 7 } };
    expect(ingestRunText('zh', same)).toBe('内容与第 7 次导入相同，未重复导入');
    expect(ingestRunText('en', same)).toBe('same content as load 7: not loaded again');
  });

  it('a load logged before codes: same content read back; another failure never in English on a Chinese page', () => {
    expect(ingestRunText('zh', { status: 'skipped', message: 'same content as load 3' })).toBe('内容与第 3 次导入相同，未重复导入');
    expect(ingestRunText('zh', { status: 'failed', message: 'cannot be read as .xlsx: bad zip' })).toBe('导入失败，文件未导入');
    expect(ingestRunText('en', { status: 'failed', message: 'cannot be read as .xlsx: bad zip' })).toBe('cannot be read as .xlsx: bad zip');
    expect(ingestRunText('zh', { status: 'loaded', message: null })).toBe('');
  });
});

describe('the Quality page’s words', () => {
  it('come from the catalog in both languages, the chronic window as configured', () => {
    const zh = qualityWords('zh', defaultTextSettings);
    const en = qualityWords('en', defaultTextSettings);
    expect(zh.strength).toBe('强度');
    expect(en.strength).toBe('Strength');
    expect(zh.most).toBe('365 天内最多');
    expect(en.most).toBe('Most in 365 d');
    expect(qualityWords('zh', { ...defaultTextSettings, chronicWindowDays: 180 }).most).toBe('180 天内最多');
    expect(qualityWords('en', { ...defaultTextSettings, chronicWindowDays: 180 }).most).toBe('Most in 180 d');
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });
});
