// The message catalog: texts that state a setting say the configured number, in both languages.
import { describe, expect, it } from 'vitest';
import { defaultTextSettings } from '../../../contract/metrics/catalog.ts';
import { messages, tWith } from '../../../presentation/i18n/messages.ts';

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
        // {threshold}, {days}: an alert's own values, filled where it is shown.
        expect(filled.replace(/\{(threshold|days)\}/g, '')).not.toMatch(/\{\w+\}/);
      }
  });
});
