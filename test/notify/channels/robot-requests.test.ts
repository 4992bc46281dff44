// The robots' answers as the platforms give them: taken only with HTTP 2xx and a zero code.
import { describe, expect, it } from 'vitest';
import { robotAnswerError, wecomImageRequest } from '../../../notify/channels/robot-requests.ts';
import { markdownOf, textOf, type Message } from '../../../notify/message.ts';

describe('robot answers', () => {
  it.each([
    [200, '{"errcode":0,"errmsg":"ok"}', undefined],
    [200, '{"code":0,"msg":"success","data":{}}', undefined],
    [200, '{"StatusCode":0,"StatusMessage":"success"}', undefined],
    [200, '{"errcode":310000,"errmsg":"sign not match"}', 'the robot refused the message: 310000 sign not match'],
    [
      200,
      '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}',
      'the robot refused the message: 19021 sign match fail or timestamp is not within one hour from current time',
    ],
    [200, 'not json', 'the robot answered with no JSON: not json'],
    [502, 'bad gateway', 'HTTP 502: bad gateway'],
  ] as const)('HTTP %i %s', (status, body, error) => {
    expect(robotAnswerError(status, body)).toBe(error);
  });
});

describe('charts in robot messages', () => {
  it('WeCom: an image message with the bytes in base64 and their MD5 (RFC 1321: MD5("abc") = 900150983cd24fb0d6963f7d28e17f72)', () => {
    expect(wecomImageRequest('http://robot/send?key=k', Buffer.from('abc'))).toEqual({
      url: 'http://robot/send?key=k',
      body: { msgtype: 'image', image: { base64: 'YWJj', md5: '900150983cd24fb0d6963f7d28e17f72' } },
    });
  });

  it('DingTalk (Markdown) shows the chart by its link; Feishu (text) names the link', () => {
    const m: Message = {
      lang: 'en',
      subject: 'S',
      lines: ['L'],
      links: [],
      unsubscribeUrl: 'https://x/u',
      chart: { png: Buffer.from('p'), alt: 'CSAT' },
      chartUrl: 'https://x/c.png',
    };
    expect(markdownOf(m)).toContain('![CSAT](https://x/c.png)');
    expect(textOf(m)).toContain('View the chart: https://x/c.png');
    // Without a link (e-mail, WeCom) neither shows one.
    expect(markdownOf({ ...m, chartUrl: undefined })).not.toContain('![');
  });
});
