// Chinese name pools. Copy 0 uses the first entries, so the scale-1 town always reads the same.

import type { DedicatedKind } from './layout';
import type { Rng } from './prng';

export const STREET_NAMES = [
  '合德镇',
  '临海镇',
  '千秋镇',
  '四明镇',
  '海河镇',
  '海通镇',
  '兴桥镇',
  '新坍镇',
  '长荡镇',
  '盘湾镇',
  '特庸镇',
  '洋马镇',
  '黄沙港镇',
  '通洋镇',
  '耦耕镇',
  '陈洋镇',
];

export const URBAN_COMMUNITY_NAMES = [
  '幸福',
  '振阳',
  '双拥',
  '人民',
  '临海',
  '海港',
  '阳光',
  '和平',
  '兴盛',
  '康乐',
  '朝阳',
  '安居',
  '解放',
  '新港',
  '东方',
  '金海',
  '银杏',
  '文峰',
  '健康',
  '利民',
  '团结',
  '友谊',
  '怡园',
  '丽园',
  '沿河',
  '花园',
  '海滨',
  '晨光',
  '育才',
  '长青',
  '锦绣',
  '明珠',
];

export const VILLAGE_NAMES = [
  '黄海',
  '新洋',
  '双洋',
  '东港',
  '南沃',
  '北渔',
  '海丰',
  '盐东',
  '沙港',
  '民生',
  '耦耕',
  '港东',
  '三里',
  '五汛',
  '七星',
  '八一',
  '河东',
  '新中',
  '顺丰',
  '红星',
];

const NUMERALS = ['', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A name unique across copies: the pool first, then numbered rounds (幸福二社区 ...). */
export function roundedName(pool: readonly string[], index: number, suffix: string): string {
  const base = pool[index % pool.length]!;
  const round = Math.floor(index / pool.length);
  if (round === 0) return base + suffix;
  const numeral = round < NUMERALS.length ? NUMERALS[round]! : String(round + 1);
  return `${base}${numeral}${suffix}`;
}

export function streetName(index: number): string {
  if (index < STREET_NAMES.length) return STREET_NAMES[index]!;
  const base = STREET_NAMES[index % STREET_NAMES.length]!.replace(/镇$/, '');
  return `${base}${Math.floor(index / STREET_NAMES.length) + 1}片区`;
}

export const EW_ROAD_NAMES = [
  '人民路',
  '解放路',
  '振阳街',
  '幸福大道',
  '黄海路',
  '海都路',
  '通洋路',
  '晨光路',
  '兴阳路',
  '红旗路',
  '新港路',
  '世纪大道',
  '朝阳路',
];
export const NS_ROAD_NAMES = [
  '沿河路',
  '文峰路',
  '健康路',
  '利民路',
  '希望大道',
  '金港路',
  '育才路',
  '双拥路',
  '太阳城路',
  '长征路',
  '花园路',
  '和平路',
  '建设路',
  '东方路',
  '新华路',
  '民主路',
  '团结路',
  '青年路',
  '胜利路',
  '光明路',
  '港城路',
  '盐港路',
  '渔港路',
  '滨海路',
  '海堤路',
  '丰收路',
  '民生路',
  '安康路',
  '乐园路',
  '富民路',
  '振兴路',
  '复兴路',
  '先锋路',
  '勤丰路',
  '永安路',
  '长安路',
  '泰山路',
  '黄山路',
  '庐山路',
  '华山路',
  '衡山路',
];

export const COMPOUND_PREFIXES = [
  '阳光',
  '金色',
  '锦华',
  '名都',
  '翠园',
  '怡景',
  '嘉和',
  '盛世',
  '书香',
  '绿洲',
  '滨河',
  '香榭',
  '御景',
  '东方',
  '碧桂',
  '海韵',
  '中南',
  '城市',
  '恒大',
  '丰泽',
];
export const COMPOUND_SUFFIXES = ['小区', '花园', '新村', '家园', '公寓', '苑'];

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
  '肖',
  '田',
  '董',
  '袁',
  '潘',
  '于',
  '蒋',
  '蔡',
  '余',
  '杜',
  '叶',
  '程',
  '苏',
  '魏',
  '吕',
  '丁',
  '任',
  '沈',
  '姚',
  '卢',
  '姜',
  '崔',
  '钟',
  '陆',
  '汪',
  '范',
  '金',
  '顾',
  '缪',
  '季',
  '薛',
  '戴',
  '孔',
  '严',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀',
  '霞',
  '平',
  '刚',
  '桂',
  '英',
  '华',
  '红',
  '建',
  '国',
  '文',
  '海',
  '波',
  '宁',
  '鹏',
  '峰',
  '晓',
  '婷',
  '雪',
  '春',
  '梅',
  '兰',
  '玉',
  '志',
  '新',
  '斌',
  '飞',
  '辉',
  '亮',
  '成',
  '荣',
  '琴',
  '云',
];

export function personName(rng: Rng): string {
  const given = rng.chance(0.7) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN);
  return rng.pick(SURNAMES) + given;
}

const PHONE_PREFIXES = ['138', '139', '137', '136', '150', '151', '152', '157', '158', '159', '187', '188'];

/** Distinct for every serial number below 10^8: an odd multiplier permutes the 8-digit tail. */
export function phoneNumber(serial: number): string {
  const prefix = PHONE_PREFIXES[serial % PHONE_PREFIXES.length]!;
  const tail = Number((BigInt(serial) * 48271n + 12345679n) % 100000000n);
  return prefix + String(tail).padStart(8, '0');
}

export const DEDICATED_NAMES: Record<DedicatedKind, string[]> = {
  school: ['射阳县实验小学', '临海中学', '射阳县第二中学', '海河小学', '高级职业中学', '明达初级中学'],
  hospital: ['射阳县人民医院', '射阳县中医院', '妇幼保健院', '临海中心卫生院'],
  park: ['后羿公园', '日月岛公园', '千鹤湖公园', '湿地公园'],
  enterprise: ['射阳港发电厂', '海润食品有限公司', '远景能源产业园', '纺织工业园', '港口物流园', '海洋渔业加工园'],
};

export function dedicatedName(kind: DedicatedKind, copyIndex: number, communityIndex: number): string {
  const pool = DEDICATED_NAMES[kind];
  const n = copyIndex * 8 + communityIndex;
  const base = pool[n % pool.length]!;
  const round = Math.floor(n / pool.length);
  return round === 0 ? base : `${base}${round + 1}区`;
}

export const INCIDENT_TEXTS: Record<string, string[]> = {
  environment: ['生活垃圾堆积未及时清运', '绿化带杂草丛生', '河道漂浮物较多', '餐饮油烟扰民', '沿街乱堆乱放', '小广告乱张贴'],
  facility: ['路灯不亮', '窨井盖缺失', '人行道板破损', '健身器材损坏', '公共座椅损坏', '雨水篦子堵塞'],
  safety_hazard: ['楼道堆放杂物占用消防通道', '电动车楼道内充电', '广告牌松动', '燃气管道疑似泄漏', '危旧房屋开裂'],
  dispute: ['邻里噪音纠纷', '物业费纠纷', '宅基地边界纠纷', '楼上漏水引发纠纷', '停车位争议'],
  traffic: ['机动车乱停放', '占道经营影响通行', '交通信号灯故障', '非机动车乱停放', '道路积水影响通行'],
  illegal_construction: ['楼顶违章搭建', '私自圈占公共绿地', '违规改变房屋结构', '沿街违建棚屋'],
  public_service: ['供水水压不足', '小区停电咨询', '公交站台设施缺失', '办理居住证咨询', '低保政策咨询'],
  emergency: ['暴雨导致道路积水', '火情报警', '大风刮倒树木', '燃气泄漏紧急处置', '老人走失求助'],
};
