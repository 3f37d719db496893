// The /dispatch view's messages; spread into zh-CN.ts so every language must provide them.
export const dispatchZhCN = {
  'nav.dispatch': '受理派遣',
};
