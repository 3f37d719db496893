// The /worker view's messages; spread into zh-CN.ts so every language must provide them.
export const workerZhCN = {
  'nav.worker': '网格员',
};
