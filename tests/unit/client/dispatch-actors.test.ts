import { describe, expect, it } from 'vitest';
import { translate, type Lang } from '../../../client/src/i18n/lang';
import { actorLabel } from '../../../client/src/views/dispatch/dispatch-labels';

const say = (lang: Lang) => (actor: string | null) => actorLabel((key, params) => translate(lang, key, params), lang, actor);

describe("the timeline's actors in the reader's language", () => {
  it('translates the role words the server records (the command centre, grid workers, residents, hotlines, units)', () => {
    const actors = ['指挥中心', '网格员', '居民', '12345热线', '视频监控', '上级交办', '环卫所', '交警中队', 'system', 'resident'];
    expect(actors.map(say('en'))).toEqual([
      'Command centre',
      'Grid worker',
      'Resident',
      '12345 hotline',
      'Video surveillance',
      'Higher level',
      'Sanitation station',
      'Traffic police squad',
      'system',
      'resident',
    ]);
    expect(actors.map(say('zh-CN'))).toEqual(['指挥中心', '网格员', '居民', '12345热线', '视频监控', '上级交办', '环卫所', '交警中队', '系统', '群众']);
  });

  it('keeps a person’s name or an account as it is, and says nothing for no actor', () => {
    expect(['张三', 'dispatcher', null].map(say('en'))).toEqual(['张三', 'dispatcher', '']);
  });
});
