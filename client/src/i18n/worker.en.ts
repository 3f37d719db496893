import type { workerZhCN } from './worker.zh-CN';

export const workerEn: Record<keyof typeof workerZhCN, string> = {
  'nav.worker': 'Grid worker',
};
