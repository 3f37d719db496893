import type { dispatchZhCN } from './dispatch.zh-CN';

export const dispatchEn: Record<keyof typeof dispatchZhCN, string> = {
  'nav.dispatch': 'Dispatch',
};
