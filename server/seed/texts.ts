import type { AccountabilityTrigger, Grade, RiskCategory, Stage } from '../db/types.ts';
import { suggestedGrade } from '../risk-points/grading.ts';

/**
 * Text components for responsibility points and risk control points: duties, accountability triggers, risk
 * descriptions, control measures and supervision methods, keyed by process stage or risk category.
 * `{item}` is replaced by the approval item's name.
 */

export const STAGE_ZH: Record<Stage, string> = {
  accept: '受理',
  review: '审查',
  decide: '决定',
  complete: '办结',
  deliver: '送达',
  post_supervision: '事后监管',
};

export const DUTIES: Record<Stage, string[]> = {
  accept: [
    '负责{item}的咨询解答和申请材料接收，材料齐全、符合法定形式的当场受理并出具受理通知书',
    '对{item}申请材料不齐全或不符合法定形式的，当场一次性书面告知申请人需要补正的全部内容',
    '核验{item}申请人身份及授权委托情况，如实录入办件信息并生成唯一办件编号',
    '在窗口公示{item}的办理依据、条件、材料、时限和收费标准，落实首问负责制',
  ],
  review: [
    '依照法定条件和标准对{item}申请材料的真实性、完整性和合法性进行审查，提出明确的审查意见',
    '{item}需要现场核查的，指派两名以上工作人员按规定核查并制作核查笔录',
    '发现{item}事项直接关系他人重大利益的，告知利害关系人并听取其陈述和申辩',
    '在承诺时限内完成{item}审查，不得要求申请人提交法定以外的材料',
  ],
  decide: [
    '根据审查意见在承诺时限内作出准予或者不予{item}的书面决定',
    '作出不予{item}决定的，说明理由并告知申请人依法申请行政复议或者提起行政诉讼的权利',
    '在窗口授权范围内签批{item}，不得越权审批或者擅自改变审批条件',
    '对{item}涉及的自由裁量事项执行裁量基准和集体研究制度',
  ],
  complete: [
    '在承诺时限内办结{item}，制作并核发证照或批准文书，确保证照信息准确',
    '{item}办结后及时将办理结果和办件材料归档，并同步上传政务服务平台',
    '办结{item}时引导申请人开展服务评价，如实记录评价结果',
    '{item}不能按时办结的，提前告知申请人并按规定办理延期手续',
  ],
  deliver: [
    '按申请人选择的方式送达{item}办理结果，做好送达签收登记',
    '邮寄送达{item}办理结果的，核对收件信息并跟踪送达状态直至签收',
    '{item}办理结果需要公告送达的，按规定在政务服务网公告',
  ],
  post_supervision: [
    '对取得{item}的主体开展事后监督检查，发现违法行为依法处理',
    '按照“双随机、一公开”要求对{item}持证主体开展抽查并公示结果',
    '受理{item}相关投诉举报，在规定时限内调查核实并反馈',
  ],
};

const XK = '《中华人民共和国行政许可法》';
const CENTRE_RULES = '《市政务服务中心窗口工作人员过错责任追究办法》';
const SANCTIONS = '《中华人民共和国公职人员政务处分法》第三十九条';

export const TRIGGERS: Record<Stage, AccountabilityTrigger[]> = {
  accept: [
    { situation: '对符合法定条件的申请不予受理', basis: `${XK}第七十二条` },
    { situation: '未一次性告知申请人需要补正的全部材料', basis: `${XK}第七十二条` },
    { situation: '未在办公场所公示依法应当公示的材料', basis: `${XK}第七十二条` },
    { situation: '要求申请人提交法定以外的申请材料', basis: '《优化营商环境条例》第六十九条' },
    { situation: '对不符合法定形式的申请予以受理，造成后续审批差错', basis: `${CENTRE_RULES}第九条` },
  ],
  review: [
    { situation: '审查不严，未发现申请材料中的明显错误或虚假内容', basis: `${CENTRE_RULES}第十条` },
    { situation: '应当现场核查而未核查，或者核查记录弄虚作假', basis: SANCTIONS },
    { situation: '在审查过程中索取或者收受申请人财物', basis: `${XK}第七十三条` },
    { situation: '未依法告知利害关系人享有陈述、申辩和听证的权利', basis: `${XK}第七十二条` },
  ],
  decide: [
    {
      situation: '对不符合法定条件的申请人准予许可或者超越法定职权作出准予许可决定',
      basis: `${XK}第七十四条`,
    },
    { situation: '对符合法定条件的申请人不予许可或者不在法定期限内作出许可决定', basis: `${XK}第七十四条` },
    { situation: '作出不予许可决定未说明理由', basis: `${XK}第七十二条` },
    { situation: '超过承诺时限作出决定', basis: `${CENTRE_RULES}第十一条` },
  ],
  complete: [
    { situation: '超过承诺时限办结', basis: `${CENTRE_RULES}第十一条` },
    { situation: '证照信息错误导致申请人多次往返', basis: `${CENTRE_RULES}第十二条` },
    { situation: '违法收取费用或者擅自提高收费标准', basis: `${XK}第七十五条` },
    { situation: '办结后未按规定归档或者上传办件信息', basis: `${CENTRE_RULES}第十三条` },
  ],
  deliver: [
    { situation: '未在规定时限内送达办理结果', basis: `${CENTRE_RULES}第十一条` },
    { situation: '送达登记缺失造成办理结果遗失或者错送', basis: `${CENTRE_RULES}第十二条` },
    { situation: '未按申请人选择的方式送达办理结果', basis: `${CENTRE_RULES}第十四条` },
  ],
  post_supervision: [
    { situation: '不依法履行监督职责或者监督不力，造成严重后果', basis: `${XK}第七十七条` },
    { situation: '未按规定公示抽查检查结果', basis: '《中华人民共和国政府信息公开条例》第五十二条' },
    { situation: '对检查中发现的违法行为未依法处理', basis: SANCTIONS },
  ],
};

export interface RiskTemplate {
  category: RiskCategory;
  text: string;
}

export const RISKS: Record<Stage, RiskTemplate[]> = {
  accept: [
    { category: 'post_duty', text: '对申请材料把关不严，将不符合法定形式的申请予以受理' },
    { category: 'process', text: '未执行一次性告知制度，导致申请人多次往返补正材料' },
    { category: 'institutional', text: '受理条件和材料清单公示不完整，窗口人员告知口径不一' },
    { category: 'moral', text: '利用受理权限刁难申请人，或为熟人违规插队办理' },
    { category: 'external', text: '申请人提供虚假材料或冒用他人身份申请办理' },
  ],
  review: [
    { category: 'post_duty', text: '审查标准掌握不一，对关键材料的真实性核验不到位' },
    { category: 'moral', text: '在审查过程中收受申请人或中介机构财物，降低审查标准' },
    { category: 'external', text: '中介机构在代办过程中伪造、篡改申请材料' },
    { category: 'process', text: '应当现场核查而未核查，或核查笔录记载不完整' },
    { category: 'institutional', text: '审查裁量基准不明确，同类申请审查结论不一致' },
  ],
  decide: [
    { category: 'moral', text: '利用审批决定权为特定关系人谋取利益' },
    { category: 'institutional', text: '自由裁量空间较大，缺少集体研究和裁量基准约束' },
    { category: 'post_duty', text: '越权审批，或对不符合法定条件的申请作出准予决定' },
    { category: 'process', text: '超过承诺时限作出审批决定' },
  ],
  complete: [
    { category: 'process', text: '办结超过承诺时限，且未按规定办理延期手续' },
    { category: 'post_duty', text: '证照制作信息错误，造成申请人重复办理' },
    { category: 'institutional', text: '办件材料归档不及时、不完整，事后难以追溯' },
    { category: 'moral', text: '在办结环节违规收费或变相收费' },
  ],
  deliver: [
    { category: 'process', text: '办理结果送达不及时，或未按申请人选择的方式送达' },
    { category: 'external', text: '邮寄送达过程中证照遗失或被他人冒领' },
    { category: 'post_duty', text: '送达签收登记缺失，无法证明已履行送达义务' },
  ],
  post_supervision: [
    { category: 'post_duty', text: '事后监管流于形式，对持证主体的违法行为未及时发现' },
    { category: 'institutional', text: '抽查对象和检查人员未随机确定，存在选择性执法风险' },
    { category: 'moral', text: '检查中接受被检查对象宴请或财物，对违法行为不予处理' },
    { category: 'external', text: '持证主体取得许可后擅自改变许可条件' },
  ],
};

export const CONTROL_MEASURES: Record<RiskCategory, string[]> = {
  post_duty: [
    '制定并公示岗位职责标准和审查要点清单',
    '实行AB岗和首问负责制，关键材料双人复核',
    '开展岗位业务培训并每季度考核',
    '将审查差错纳入窗口人员绩效考核',
    '建立疑难件会商和请示报告制度',
  ],
  process: [
    '通过电子监察系统实时监控办理时限并自动预警',
    '执行一次性告知书制度，告知书留存备查',
    '优化办理流程并公开办理流程图',
    '对临近承诺时限的办件黄牌提醒、超期办件红牌督办',
    '建立办件全过程留痕和进度查询机制',
  ],
  institutional: [
    '制定自由裁量基准并向社会公开',
    '重大、复杂事项实行集体研究决定',
    '定期清理规范申请条件和申请材料',
    '实行审批与监管相分离',
    '每年评估制度执行情况并修订完善',
  ],
  moral: [
    '签订廉洁从政承诺书并公开监督电话',
    '严禁窗口人员私下接触申请人和中介机构',
    '定期开展廉政风险教育和警示教育',
    '大厅全程视频监控，窗口服务录音录像',
    '对投诉举报线索及时调查核实',
  ],
  external: [
    '通过数据共享核验申请人身份和材料真实性',
    '建立申请人和中介机构信用档案，实施失信惩戒',
    '对可疑材料实行部门联合核查',
    '证照送达实行实名签收',
    '公开举报渠道，接受社会监督',
  ],
};

/** Supervision methods, by grade: A monthly, B quarterly, C twice a year. */
export const SUPERVISION: Record<Grade, string[]> = {
  A: [
    '电子监察系统实时监控，监督检查科每月抽查办件并电话回访申请人',
    '监督检查科每月现场检查办件档案，并调阅窗口录音录像',
  ],
  B: [
    '监督检查科每季度随机抽取办件开展电话回访和案卷评查',
    '每季度抽查办件档案，结合满意度评价和电子监察预警分析',
  ],
  C: ['每半年开展一次案卷评查和现场检查', '每半年结合窗口考核开展专项检查'],
};

export const SUPERVISION_SUFFIX = '；发现问题按“一事一表”填写持续改进记录表并跟踪整改';

export const INITIAL_GRADE_REASON = '初始评定';

export const GRADE_RAISED = [
  '近一年该环节发生有效投诉，经评估上调风险等级',
  '电子监察预警次数增加，经复核上调风险等级',
  '审查标准调整后自由裁量空间扩大，重新评定为较高等级',
  '督查抽查发现同类问题反复出现，上调风险等级',
];

export const GRADE_LOWERED = [
  '防控措施落实到位，连续两次抽查未发现问题，下调风险等级',
  '办理流程优化并实行网上审批，人为干预环节减少',
  '实行告知承诺制后裁量空间缩小，经评估下调风险等级',
  '信息共享核验上线，材料造假风险明显降低',
];

/** The `(likelihood, impact, discretion)` triples that fit each grade: A sums to 8–9, B to 6–7, C to 3–5. */
export const GRADE_INPUTS: Record<Grade, [number, number, number][]> = (() => {
  const result: Record<Grade, [number, number, number][]> = { A: [], B: [], C: [] };
  for (let l = 1; l <= 3; l++) {
    for (let i = 1; i <= 3; i++) {
      for (let d = 1; d <= 3; d++) {
        result[suggestedGrade(l, i, d)].push([l, i, d]);
      }
    }
  }
  return result;
})();

/** Post responsibility standards (岗位职责标准) by window role; `{area}` is the line of business. */
export const WINDOW_STANDARDS: Record<WindowRole, string> = {
  intake:
    '负责{area}事项的咨询、受理和材料初审，严格执行首问负责、一次性告知和限时办结制度。对材料齐全、符合法定形式的申请当场受理，不得增设申请条件。',
  review:
    '负责{area}事项的实质审查和现场核查，按照法定条件和标准提出审查意见。在承诺时限内完成审查，对审查意见的合法性和准确性负责。',
  issuance:
    '负责{area}事项办理结果的制证、核发和送达，确保证照信息准确无误。做好办结归档和服务评价引导工作。',
  general:
    '负责{area}事项的综合受理、帮办代办和进度查询，落实“一窗受理、内部流转、一窗办结”。对即办件当场办结，对承诺件按时限办结。',
};

export type WindowRole = 'intake' | 'review' | 'issuance' | 'general';

export const WINDOW_ROLES: { role: WindowRole; zh: string; en: string }[] = [
  { role: 'intake', zh: '受理', en: 'intake' },
  { role: 'review', zh: '审核', en: 'review' },
  { role: 'issuance', zh: '发证', en: 'issuance' },
  { role: 'general', zh: '综合服务', en: 'general service' },
];
