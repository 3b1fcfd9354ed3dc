import type { Rng } from './random.ts';

/**
 * Chinese personal and place names with their pinyin, for the demo data. Lists are written as `字pinyin`
 * tokens; every character the seeder puts into a name comes from here, so every name has an English form.
 */

interface Syllable {
  zh: string;
  py: string;
}

function syllables(list: string): Syllable[] {
  return list
    .trim()
    .split(/\s+/)
    .map((token) => {
      const match = /^(\p{Script=Han}+)([a-z]+)$/u.exec(token);
      if (!match) throw new Error(`bad name token: ${token}`);
      return { zh: match[1] as string, py: match[2] as string };
    });
}

/** The twenty commonest surnames first: they are drawn more often. */
const SURNAMES = syllables(`
  王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma 朱zhu 胡hu 郭guo
  何he 罗luo 林lin 邓deng
  高gao 郑zheng 梁liang 谢xie 宋song 唐tang 许xu 韩han 冯feng 曹cao 彭peng 曾zeng 肖xiao 田tian 董dong
  袁yuan 潘pan 蒋jiang 蔡cai 余yu 杜du 叶ye 程cheng 苏su 魏wei 吕lyu 丁ding 任ren 沈shen 姚yao 卢lu
  姜jiang 崔cui 钟zhong 谭tan 陆lu 汪wang 范fan 廖liao 石shi 贾jia 付fu 向xiang 邱qiu 秦qin 严yan 雷lei
  龚gong 文wen 陶tao 游you 税shui 母mu 敬jing
`);
const COMMON_SURNAMES = 20;

/** Given-name characters: commoner in men's names, in women's names, and in either. */
const GIVEN_MALE = syllables(`
  伟wei 强qiang 磊lei 军jun 勇yong 杰jie 涛tao 明ming 超chao 刚gang 建jian 国guo 志zhi 海hai 波bo 宇yu
  浩hao 俊jun 鹏peng 凯kai 东dong 成cheng 斌bin 峰feng 辉hui 鑫xin 亮liang 昊hao 航hang 川chuan 德de 永yong
  光guang 兵bing 彬bin 旭xu 泽ze 睿rui 阳yang 毅yi
`);
const GIVEN_FEMALE = syllables(`
  芳fang 娜na 敏min 静jing 丽li 艳yan 娟juan 秀xiu 霞xia 桂gui 英ying 玉yu 红hong 春chun 梅mei 婷ting
  雪xue 琳lin 欣xin 丹dan 蓉rong 倩qian 璐lu 颖ying 婧jing 瑶yao 思si 雨yu 莉li 萍ping 燕yan 兰lan
  琴qin 云yun 洁jie 露lu 蕾lei 慧hui 悦yue 怡yi 涵han 琦qi
`);
const GIVEN_EITHER = syllables(`
  华hua 文wen 平ping 林lin 晨chen 佳jia 晓xiao 嘉jia 然ran 蜀shu 清qing 荣rong 利li 宁ning
`);
const GIVEN = [...GIVEN_MALE, ...GIVEN_FEMALE, ...GIVEN_EITHER];

export interface PersonName {
  name: string;
  nameEn: string;
  /** Lower-case pinyin without spaces, for e-mail addresses. */
  slug: string;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A generator of distinct, realistic names; names passed in `taken` are never produced. */
export function personNames(random: Rng, taken: Iterable<string> = []): () => PersonName {
  const used = new Set(taken);
  return () => {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const surname = random.chance(0.6)
        ? random.pick(SURNAMES.slice(0, COMMON_SURNAMES))
        : random.pick(SURNAMES.slice(COMMON_SURNAMES));
      const length = random.chance(0.72) ? 2 : 1;
      const pool = [...(random.chance(0.5) ? GIVEN_MALE : GIVEN_FEMALE), ...GIVEN_EITHER];
      const given: Syllable[] = [];
      while (given.length < length) {
        const s = random.pick(pool);
        if (!given.some((g) => g.zh === s.zh)) given.push(s);
      }
      const name = surname.zh + given.map((g) => g.zh).join('');
      if (used.has(name)) continue;
      used.add(name);
      const givenPy = given.map((g) => g.py).join('');
      return { name, nameEn: `${capitalise(surname.py)} ${capitalise(givenPy)}`, slug: surname.py + givenPy };
    }
    throw new Error('personNames: ran out of names');
  };
}

const PLACE_FIRST = syllables(`
  金jin 石shi 白bai 龙long 玉yu 清qing 新xin 永yong 太tai 福fu 兴xing 和he 安an 平ping 长chang 黄huang
  青qing 双shuang 高gao 云yun 柏bai 凤feng 马ma 桂gui 花hua 八ba 孝xiao 富fu 天tian 万wan 东dong 西xi
  南nan 北bei 三san 五wu 红hong 杨yang 柳liu 松song 胜sheng 德de 广guang 仁ren 义yi 宝bao 瑞rui 春chun
`);
const PLACE_SECOND = syllables(`
  泉quan 桥qiao 河he 江jiang 山shan 溪xi 林lin 坝ba 丰feng 兴xing 安an 平ping 隆long 水shui 湾wan 岭ling
  场chang 寺si 池chi 堰yan 井jing 观guan 庙miao 滩tan 沟gou 坪ping 台tai 塘tang 阳yang 华hua 乐le
  城cheng 庄zhuang 园yuan 沙sha 田tian 湖hu 峰feng 宁ning 福fu 盛sheng 源yuan 亭ting 口kou 门men 关guan 店dian
`);

export interface PlaceName {
  zh: string;
  en: string;
}

/** A generator of two-character place stems ("金泉" / "Jinquan"), distinct within the generator. */
export function placeStems(random: Rng): () => PlaceName {
  const used = new Set<string>();
  return () => {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const a = random.pick(PLACE_FIRST);
      const b = random.pick(PLACE_SECOND);
      const zh = a.zh + b.zh;
      if (a.zh === b.zh || used.has(zh)) continue;
      used.add(zh);
      return { zh, en: capitalise(a.py + b.py) };
    }
    throw new Error('placeStems: ran out of names');
  };
}

/** The English form of a name made of listed characters: "王晓芳" → "Wang Xiaofang". */
export function romanise(name: string): string {
  const chars = [...name];
  const surname = SURNAMES.find((s) => s.zh === chars[0]);
  const given = chars.slice(1).map((c) => GIVEN.find((g) => g.zh === c));
  if (!surname || given.length === 0 || given.some((g) => g === undefined)) {
    throw new Error(`romanise: ${name} has characters outside the name lists`);
  }
  return `${capitalise(surname.py)} ${capitalise(given.map((g) => g?.py ?? '').join(''))}`;
}
