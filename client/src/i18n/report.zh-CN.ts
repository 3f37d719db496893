// The /report view's messages; spread into zh-CN.ts so every language must provide them.
export const reportZhCN = {
  'nav.report': '我要上报',
};
