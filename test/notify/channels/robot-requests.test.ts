// The robots' answers as the platforms give them: taken only with HTTP 2xx and a zero code.
import { describe, expect, it } from 'vitest';
import { robotAnswerError } from '../../../notify/channels/robot-requests.ts';

describe('robot answers', () => {
  it.each([
    [200, '{"errcode":0,"errmsg":"ok"}', undefined],
    [200, '{"code":0,"msg":"success","data":{}}', undefined],
    [200, '{"StatusCode":0,"StatusMessage":"success"}', undefined],
    [200, '{"errcode":310000,"errmsg":"sign not match"}', 'the robot refused the message: 310000 sign not match'],
    [200, '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}', 'the robot refused the message: 19021 sign match fail or timestamp is not within one hour from current time'],
    [200, 'not json', 'the robot answered with no JSON: not json'],
    [502, 'bad gateway', 'HTTP 502: bad gateway'],
  ] as const)('HTTP %i %s', (status, body, error) => {
    expect(robotAnswerError(status, body)).toBe(error);
  });
});
