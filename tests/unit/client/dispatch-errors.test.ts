import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../client/src/api/http-client';
import { translate, type Lang } from '../../../client/src/i18n/lang';
import { errorText } from '../../../client/src/views/dispatch/dispatch-labels';

const say = (lang: Lang) => (error: unknown) => errorText((key, params) => translate(lang, key, params), lang, error);
const api = (status: number, code: string | null, message: string, details?: unknown) =>
  Object.assign(new ApiError('/api/incidents/7', status, code, message), details === undefined ? {} : { details });

describe("server errors in the dispatcher's words", () => {
  it("names what is still allowed after a 409, leaving out the worker's own steps", () => {
    const e = api(409, 'illegal_transition', 'Cannot accept an incident that is dispatched', {
      status: 'dispatched',
      action: 'accept',
      allowed: ['handle', 'acknowledge', 'escalate', 'extend'],
    });
    expect(say('zh-CN')(e)).toBe('事件状态已变化，不能执行该操作。现在可以：升级、延期');
    expect(say('en')(e)).toBe('The incident has moved on; this cannot be done now. Possible now: Escalate, Extend');
  });

  it('says so when nothing is allowed any more', () => {
    expect(say('zh-CN')(api(409, 'illegal_transition', 'closed', { allowed: [] }))).toBe('事件状态已变化，现在不能再执行任何操作');
  });

  it('translates the codes of the field-work contract', () => {
    expect(say('zh-CN')(api(422, 'unknown_worker', 'no such worker'))).toBe('所选网格员不存在或已被移除，请重新选择');
    expect(say('zh-CN')(api(400, 'note_required', 'return needs a note'))).toBe('请填写原因：不予立案和退回都必须说明理由');
    expect(say('zh-CN')(api(403, 'out_of_scope', 'outside'))).toBe('该事件不在您负责的区域内');
    expect(say('zh-CN')(api(409, 'request_in_progress', 'busy'))).toBe('上一次提交仍在处理中，请稍候再试');
  });

  it("falls back to the server's message for a code it does not know, and explains a lost network", () => {
    expect(say('zh-CN')(api(500, null, '500 Internal Server Error'))).toBe('操作失败：500 Internal Server Error');
    expect(say('zh-CN')(new TypeError('Failed to fetch'))).toBe('无法连接服务器，请检查网络后重试');
  });
});
