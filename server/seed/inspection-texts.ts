import type { InspectionMethod, Stage } from '../db/types.ts';

/**
 * Text components for supervisors' checks of risk points (督查/抽查): how each stage tends to be checked and
 * the notes a passed check or an effectiveness re-check leaves. `{item}` is the approval item's name,
 * `{stage}` the stage's name and `{n}` a small count.
 */

export const METHODS: InspectionMethod[] = ['phone', 'on_site', 'file_review', 'e_supervision'];

/** Weights of METHODS by stage: a callback suits acceptance and delivery, a file review the decisions. */
export const METHOD_WEIGHTS: Record<Stage, number[]> = {
  accept: [35, 40, 15, 10],
  review: [10, 15, 60, 15],
  decide: [10, 10, 65, 15],
  complete: [20, 10, 30, 40],
  deliver: [55, 15, 20, 10],
  post_supervision: [10, 45, 40, 5],
};

/** What a failed check's finding says about how it was found, when it says so. */
export const METHOD_HINTS: [RegExp, InspectionMethod][] = [
  [/电话回访|回访发现/, 'phone'],
  [/电子监察/, 'e_supervision'],
  [/案卷评查|审查意见|笔录|档案|登记的申请人/, 'file_review'],
  [/现场|窗口/, 'on_site'],
];

/** Notes of a passed routine check, by method: any stage, then stage by stage. */
export const PASS_NOTES: Record<InspectionMethod, { any: string[] } & Partial<Record<Stage, string[]>>> = {
  phone: {
    any: [
      '电话回访申请人，对“{item}”办理过程和服务态度表示满意，未发现问题。',
      '回访近期办事群众{n}名，均反映窗口服务规范，无违规收费、推诿刁难情况。',
      '电话回访申请人，确认办理时限与承诺一致，未发现问题。',
    ],
    accept: [
      '电话回访申请人，补正材料已一次性书面告知，无往返跑情况。',
      '回访申请人，确认受理时未要求提交法定清单以外的材料。',
    ],
    deliver: [
      '电话回访申请人，办理结果已按其选择的方式送达，签收无异议。',
      '回访邮寄送达的申请人{n}名，均已按时收到办理结果。',
    ],
    complete: ['回访办结件申请人，证照信息准确，已引导开展服务评价。'],
  },
  on_site: {
    any: [
      '现场检查窗口，“{item}”办事指南、办理时限和收费标准公示齐全，工作人员在岗在位。',
      '到窗口现场观察办件{n}件，首问负责、一次性告知落实到位。',
      '现场检查办件登记台账，记录完整，未发现体外循环办件。',
    ],
    accept: [
      '现场观察{stage}环节，工作人员按规定核验身份和材料，当场出具受理凭证。',
      '现场检查窗口，补正告知书使用规范，告知内容完整。',
    ],
    review: ['现场检查审查记录，需现场核查的办件均有两人签名的核查笔录。'],
    deliver: ['现场核查送达登记簿，签收记录完整、日期准确。'],
    post_supervision: [
      '随同开展事后监管现场检查，检查记录规范，发现的问题已按规定处理。',
      '现场核查“双随机、一公开”抽查台账，检查对象和结果均已公示。',
    ],
  },
  file_review: {
    any: [
      '调阅“{item}”办件档案{n}份，材料齐全，时限符合承诺要求。',
      '评查{stage}环节案卷{n}份，审批依据引用准确，签批手续完整。',
      '抽查办件案卷{n}份，流程节点完整，未发现问题。',
    ],
    review: [
      '评查案卷{n}份，审查意见明确，对关键材料的真实性均作出判断。',
      '调阅审查记录，未发现要求申请人提交法定以外材料的情况。',
    ],
    decide: [
      '抽查自由裁量事项办件{n}件，均执行裁量基准，集体研究记录齐全。',
      '评查不予许可决定书，理由说明充分，已告知申请复议和诉讼的权利。',
      '调阅签批记录，均在授权范围内签批，未发现越权审批。',
    ],
    complete: [
      '查阅办结件归档材料{n}份，证照信息与申请材料一致，已同步上传平台。',
      '评查延期办件，延期手续完备，已提前告知申请人。',
    ],
    post_supervision: ['调阅监管检查记录{n}份，抽查结果已按时公示，问题处理闭环。'],
  },
  e_supervision: {
    any: [
      '调取电子监察系统数据，近一个月“{item}”办件无超时预警。',
      '电子监察系统比对，{n}件办件均在承诺时限内办结，无异常。',
      '核查电子监察预警记录，本期无红黄牌预警，办件节点完整。',
    ],
    accept: ['比对受理登记与电子监察数据，办件均即时录入，无体外循环。'],
    complete: ['调取电子监察数据，{stage}环节{n}件办件均按时办结，无超时。'],
  },
};

/** Notes of a passed effectiveness re-check of a closed form, by method. */
export const RECHECK_NOTES: Record<InspectionMethod, string[]> = {
  phone: [
    '整改后电话回访近期办事群众{n}名，未再反映同类问题，整改有效。',
    '电话回访原申请人，对整改结果表示满意，问题未再发生。',
  ],
  on_site: [
    '复查窗口整改落实情况，新制度已执行，工作人员能准确说明要求。',
    '现场复查，整改措施持续落实，抽查{n}件办件未发现同类问题。',
  ],
  file_review: [
    '复查整改后同类办件{n}件，未再发现同类问题，整改措施有效。',
    '调阅整改后办件档案{n}份，材料齐全、时限符合要求，整改效果良好。',
  ],
  e_supervision: [
    '调取电子监察数据，整改后该环节无超时预警，整改有效。',
    '比对整改前后电子监察数据，同类预警已消除。',
  ],
};

/** Weights of METHODS for an effectiveness re-check. */
export const RECHECK_METHOD_WEIGHTS = [25, 35, 35, 5];
