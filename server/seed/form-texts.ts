import type { FormSource, Stage } from '../db/types.ts';

/**
 * Text components for the demo's improvement forms (持续改进记录表): problems by theme and source, 5-why
 * chains, measures, verification and accountability notes, comments and the reasons for cancelling,
 * sending back and reopening. Placeholders: `{item}` the approval item's name, `{stage}` the stage in
 * Chinese, `{window}` the window number, `{n}` a small count, `{d}` days over, `{m}` minutes.
 */

export type CauseCategory =
  | 'people'
  | 'process'
  | 'system'
  | 'standard_or_guide'
  | 'materials_or_environment';

/** A 5-why chain: the first whys are the symptom, the later ones dig to the root; the seed keeps 2 to 5. */
export interface CauseChain {
  category: CauseCategory;
  whys: string[];
}

export interface Theme {
  /** The stages of an approval item it fits, or 'window' for any window post (no `{item}` in its texts). */
  stages: Stage[] | 'window';
  weight: number;
  problems: Partial<Record<FormSource, string[]>>;
  causes: CauseChain[];
  immediate: string[];
  systemic: string[];
  /** Subjects of level-4 standards it may cite (titles start with them). */
  standards: string[];
}

export const THEMES: Record<string, Theme> = {
  notice: {
    stages: ['accept'],
    weight: 3,
    problems: {
      self_inspection: [
        '受理环节未一次性告知申请人需补正的全部材料，导致申请人多次往返',
        '受理“{item}”时仅口头告知补正要求，未出具一次性告知书，无留存记录',
        '自查发现“{item}”补正告知书未列明需补正材料的具体要求，申请人按告知内容补正后仍不符合要求',
      ],
      spot_check: [
        '督查抽查“{item}”办件{n}件，其中1件补正告知书未列明全部补正材料，申请人往返{n}次',
        '电话回访发现：申请人办理“{item}”时窗口未一次性告知需补正的全部材料，先后往返3次',
      ],
      complaint: [
        '群众投诉：办理“{item}”时窗口先后{n}次要求补充不同材料，未一次性告知',
        '12345热线转办：申请人反映“{item}”补正材料要求前后不一致，多次往返',
      ],
      service_rating: [
        '好差评系统收到差评：“{item}”需补正的材料没有一次说清，跑了{n}趟',
        '好差评系统收到差评：办理“{item}”时工作人员只说“材料不全”，未说明缺哪些材料',
      ],
      e_supervision: ['电子监察系统预警：“{item}”同一申请人补正{n}次后才予受理'],
      assessment: ['季度窗口考核抽查发现，{window}号窗口一次性告知书留存不全，{n}份补正件无告知记录'],
    },
    causes: [
      {
        category: 'people',
        whys: [
          '窗口人员未一次性告知申请人需补正的全部材料',
          '窗口人员对“{item}”最新的申请材料要求掌握不全',
          '材料要求调整后未组织窗口人员学习',
          '部门业务调整信息没有及时传达到窗口',
          '缺少业务变更后及时培训窗口人员的制度安排',
        ],
      },
      {
        category: 'standard_or_guide',
        whys: [
          '申请人多次补正材料才符合受理要求',
          '一次性告知书模板未按事项列明可能需要补正的材料',
          '告知书沿用通用模板，未随办事指南更新',
          '办事指南修订时没有同步修订告知书',
          '办事指南和告知书的修订没有联动机制',
        ],
      },
      {
        category: 'process',
        whys: [
          '补正要求仅口头说明，未出具书面告知书',
          '受理流程中未设置告知书出具和留存环节',
          '受理系统未强制生成一次性告知书',
          '流程设计时未考虑补正环节的留痕要求',
        ],
      },
    ],
    immediate: [
      '当日电话联系申请人致歉，并一次性书面告知全部补正材料',
      '为申请人开通绿色通道，材料补齐后当场受理',
      '对该窗口近一个月的补正件逐件回查，补发一次性告知书',
    ],
    systemic: [
      '按事项修订一次性告知书模板，逐项列明可能需要补正的材料',
      '在受理系统中设置补正件必须出具并上传告知书的控制',
      '组织窗口人员开展“{item}”申请材料专题培训并考试',
      '将一次性告知执行情况纳入每月案卷评查内容',
    ],
    standards: ['一次性告知', '首问负责', '办事指南'],
  },

  extraMaterials: {
    stages: ['accept', 'review'],
    weight: 1.5,
    problems: {
      self_inspection: ['办理“{item}”时要求申请人提供办事指南以外的证明材料'],
      spot_check: ['督查抽查发现“{item}”办件中收取了法定清单以外的{n}项材料复印件'],
      complaint: ['群众投诉：办理“{item}”被要求开具已明令取消的证明材料'],
      service_rating: ['好差评系统收到差评：“{item}”要求提交的材料太多，部分材料部门之间已能共享获取'],
      assessment: ['营商环境专项考核发现：“{item}”仍要求申请人提交可通过数据共享获取的材料'],
    },
    causes: [
      {
        category: 'standard_or_guide',
        whys: [
          '要求申请人提交了清单以外的材料',
          '窗口人员按旧版材料清单收件',
          '材料清理结果没有及时更新到窗口收件目录',
          '事项动态调整后缺少通知窗口并确认的环节',
        ],
      },
      {
        category: 'system',
        whys: [
          '申请人需重复提交可共享获取的材料',
          '窗口人员未使用数据共享平台核验',
          '共享平台调用需另行申请权限，窗口尚未开通',
          '部门间数据共享接入工作推进滞后',
        ],
      },
    ],
    immediate: ['向申请人说明情况并退还多收的材料', '立即停止收取清单以外的材料，在窗口公示最新材料清单'],
    systemic: [
      '对照权责清单全面清理“{item}”申请材料，更新办事指南和收件目录',
      '开通数据共享平台调用权限，能共享获取的材料不再要求申请人提交',
      '建立材料清单调整后窗口签收确认制度',
    ],
    standards: ['事项清单', '办事指南', '数据共享'],
  },

  wrongRefusal: {
    stages: ['accept'],
    weight: 0.6,
    problems: {
      self_inspection: ['自查发现一件“{item}”申请未出具受理凭证即退回申请人'],
      spot_check: [
        '督查回访发现：申请人“{item}”材料符合要求，窗口让其“回去等通知”，未出具受理或不予受理凭证',
      ],
      complaint: ['群众投诉：“{item}”材料齐全，却被窗口以“系统暂时不能录入”为由拒绝受理'],
    },
    causes: [
      {
        category: 'people',
        whys: [
          '对符合条件的申请未予受理',
          '窗口人员对受理条件理解有偏差',
          '对新修订的受理条件没有吃透',
          '业务培训没有覆盖新修订的条件',
        ],
      },
      {
        category: 'process',
        whys: [
          '未向申请人出具受理或不予受理凭证',
          '窗口遇到疑难件没有请示和会商的渠道',
          '疑难件会商制度没有落实到窗口',
        ],
      },
    ],
    immediate: ['当日联系申请人上门受理，并当面致歉', '对该窗口近期的退件逐件复核'],
    systemic: ['落实容缺受理和疑难件会商制度，窗口不得口头退件', '退件一律出具书面不予受理通知书并说明理由'],
    standards: ['首问负责', '窗口授权'],
  },

  dataEntry: {
    stages: ['accept', 'review'],
    weight: 1.5,
    problems: {
      self_inspection: [
        '受理“{item}”时申请人身份证号码录入错误，办件信息与申请材料不一致',
        '自查发现{n}件“{item}”办件的联系电话录入错误，无法通知申请人',
      ],
      spot_check: ['案卷评查发现“{item}”办件登记的申请人名称与营业执照不一致'],
      e_supervision: ['电子监察系统预警：“{item}”办件必填信息项缺失，未按规定录入'],
      assessment: ['月度办件质量考核发现，{window}号窗口办件信息录入差错{n}处'],
    },
    causes: [
      {
        category: 'people',
        whys: [
          '办件信息录入错误',
          '录入后没有与原件核对',
          '窗口高峰期赶进度，省略了核对步骤',
          '没有录入复核的要求',
        ],
      },
      {
        category: 'system',
        whys: [
          '关键信息录入错误未被发现',
          '业务系统未校验证件号码等关键信息的格式',
          '系统没有接入身份信息核验接口',
          '系统建设时未提出数据校验需求',
        ],
      },
    ],
    immediate: ['更正办件信息并电话告知申请人', '对当日同类办件的信息逐件核对'],
    systemic: [
      '执行关键信息录入后双人复核制度',
      '提请信息系统管理岗在受理系统中增加身份证号码、统一社会信用代码校验',
    ],
    standards: ['办件审核', '差错登记'],
  },

  overdue: {
    stages: ['review', 'decide', 'complete'],
    weight: 3,
    problems: {
      self_inspection: [
        '“{item}”{stage}环节超过承诺时限{d}个工作日，未办理延期手续',
        '超过承诺时限办结：“{item}”一件办件超时{d}个工作日',
      ],
      spot_check: ['督查抽查发现“{item}”{n}件办件超过承诺时限，无延期审批记录'],
      complaint: ['群众投诉：“{item}”承诺{n}个工作日办结，现已超期仍未办结，且无人告知进度'],
      service_rating: ['好差评系统收到差评：“{item}”办理时间太长，超过了承诺时限'],
      e_supervision: [
        '电子监察系统预警：“{item}”{stage}环节超时{d}个工作日',
        '电子监察系统红牌：“{item}”办件超过承诺时限未办结',
      ],
      assessment: ['季度效能考核：“{item}”按时办结率未达到100%，有{n}件超时'],
    },
    causes: [
      {
        category: 'process',
        whys: [
          '办件超过承诺时限',
          '{stage}环节承办人外出期间无人接办',
          'AB岗制度未落实，B岗没有及时顶岗',
          '岗位调整后AB岗名单未及时更新',
        ],
      },
      {
        category: 'process',
        whys: [
          '{stage}环节办理时间过长',
          '需要征求其他部门意见，等待回复时间过长',
          '部门间征求意见没有时限约束',
          '并联审批协调机制没有覆盖该事项',
        ],
      },
      {
        category: 'people',
        whys: [
          '办件超过承诺时限',
          '承办人没有关注时限提醒',
          '同时在办件数较多，未按时限先后排序办理',
          '缺少临近时限的提醒和督办',
        ],
      },
      {
        category: 'system',
        whys: [
          '临近时限的办件没有及时处理',
          '业务系统的超时提醒没有推送到承办人',
          '电子监察预警只推送到科室负责人',
          '预警规则配置时未设置承办人接收',
        ],
      },
    ],
    immediate: ['当日办结超时办件，并向申请人致歉说明原因', '对在办件逐件排查时限，临近时限的优先办理'],
    systemic: [
      '落实AB岗制度，更新AB岗名单并在窗口公示',
      '在业务系统中设置临期提醒，提前2个工作日推送承办人',
      '与相关部门建立征求意见3个工作日内回复的机制',
      '每周对有超时风险的办件进行通报',
    ],
    standards: ['限时办结', '承诺时限', '超时预警', '延期办理'],
  },

  reviewLax: {
    stages: ['review', 'decide'],
    weight: 2,
    problems: {
      self_inspection: ['自查发现“{item}”审查时未核验申请人提交的证明材料原件'],
      spot_check: [
        '案卷评查发现“{item}”审查意见过于简单，未对关键材料的真实性作出判断',
        '督查抽查发现“{item}”一件办件的申请材料存在明显矛盾，审查环节未发现',
      ],
      complaint: ['利害关系人投诉：“{item}”审批过程中未听取其陈述和申辩意见'],
      assessment: ['年度案卷评查中，“{item}”有{n}份办件审查记录不规范'],
    },
    causes: [
      {
        category: 'people',
        whys: [
          '关键材料审查不细',
          '审查人员对审查要点把握不准',
          '审查要点清单没有细化到具体材料',
          '标准化工作没有覆盖该事项的审查环节',
        ],
      },
      {
        category: 'standard_or_guide',
        whys: ['审查意见表述不规范', '缺少统一的审查意见示范文本', '示范文本编制未纳入标准化工作计划'],
      },
    ],
    immediate: ['对该办件重新审查，补充完善审查意见', '调取同期同类办件进行复查'],
    systemic: [
      '编制“{item}”审查要点清单，关键材料实行双人复核',
      '制定审查意见示范文本并组织学习',
      '将审查质量纳入月度案卷评查',
    ],
    standards: ['办件审核', '案卷评查', '示范文本'],
  },

  siteCheck: {
    stages: ['review', 'post_supervision'],
    weight: 1,
    problems: {
      self_inspection: ['自查发现“{item}”现场核查照片与核查地址不符'],
      spot_check: [
        '督查发现“{item}”需现场核查的办件有{n}件无核查笔录',
        '抽查发现“{item}”现场核查笔录仅一人签名，不符合两人以上核查的要求',
      ],
      assessment: ['专项考核发现“{item}”现场核查记录内容不完整，缺少核查结论'],
    },
    causes: [
      {
        category: 'people',
        whys: [
          '现场核查未按规定执行',
          '核查人员不足，仅一人前往',
          '同期核查任务集中，人员调配困难',
          '缺少核查任务的统筹安排',
        ],
      },
      {
        category: 'process',
        whys: ['核查笔录不完整', '核查笔录格式不统一', '没有制定现场核查记录规范'],
      },
    ],
    immediate: ['重新安排两名人员开展现场核查并补充笔录'],
    systemic: ['制定现场核查工作规范和笔录格式', '建立现场核查任务统筹表，每周排班'],
    standards: ['联合踏勘', '现场检查'],
  },

  noReason: {
    stages: ['decide'],
    weight: 1,
    problems: {
      self_inspection: ['自查发现“{item}”一件不予许可决定未送达书面决定书'],
      spot_check: ['案卷评查发现“{item}”不予许可决定书未说明理由，未告知申请复议和诉讼的权利'],
      complaint: ['申请人投诉：“{item}”被口头告知不予批准，但一直未收到书面决定'],
    },
    causes: [
      {
        category: 'standard_or_guide',
        whys: ['不予许可决定书内容不完整', '决定书模板缺少理由和救济途径条款', '决定书模板多年未修订'],
      },
      {
        category: 'people',
        whys: [
          '承办人口头告知结果，未出具书面决定',
          '承办人认为口头告知即可',
          '对《行政许可法》的相关规定学习不够',
        ],
      },
    ],
    immediate: ['补发书面不予许可决定书，说明理由并告知救济途径'],
    systemic: ['修订不予许可决定书模板，增加理由和救济权利告知', '组织《行政许可法》专题学习'],
    standards: ['示范文本', '办件审核'],
  },

  discretion: {
    stages: ['decide'],
    weight: 0.6,
    problems: {
      spot_check: ['督查发现“{item}”同类申请的审批结论不一致，未执行自由裁量基准'],
      assessment: ['专项检查发现“{item}”一件办件超出窗口授权范围签批'],
      complaint: ['申请人投诉：“{item}”与他人条件相同，审批结果却不一样'],
    },
    causes: [
      {
        category: 'standard_or_guide',
        whys: ['同类申请审批结论不一致', '裁量基准过于原则，未细化情形', '裁量基准制定后未及时修订'],
      },
      {
        category: 'process',
        whys: ['超出授权范围签批', '窗口授权清单不明确', '授权调整后未书面通知窗口'],
      },
    ],
    immediate: ['对相关办件提请集体研究复核'],
    systemic: ['细化“{item}”自由裁量基准并向社会公开', '重新梳理窗口授权清单并公示'],
    standards: ['窗口授权', '办件审核'],
  },

  certificateError: {
    stages: ['complete'],
    weight: 1.5,
    problems: {
      self_inspection: ['“{item}”核发的证照地址信息有误，申请人需重新换领'],
      spot_check: ['督查抽查发现“{item}”有{n}份证照与审批决定内容不一致'],
      complaint: ['群众投诉：“{item}”领取的证件上姓名有错别字，需重新办理'],
      service_rating: ['好差评系统收到差评：“{item}”证照打印错误，来回跑了两趟'],
    },
    causes: [
      {
        category: 'people',
        whys: [
          '证照信息有误',
          '制证后没有与审批决定核对',
          '制证环节一人操作，无人复核',
          '没有建立制证复核制度',
        ],
      },
      {
        category: 'system',
        whys: [
          '证照打印内容错误',
          '证照打印模板字段映射错误',
          '系统升级后没有测试打印模板',
          '系统升级缺少业务验收环节',
        ],
      },
    ],
    immediate: ['当日重新制证，并安排专人送达申请人'],
    systemic: ['实行制证“一人制证、一人复核”', '系统升级后对证照模板逐项测试并组织业务验收'],
    standards: ['电子证照', '差错登记'],
  },

  archive: {
    stages: ['complete'],
    weight: 1.2,
    problems: {
      self_inspection: [
        '“{item}”办结后有{n}件办件材料未按规定归档',
        '自查发现“{item}”办结信息未同步上传政务服务平台',
      ],
      spot_check: ['案卷评查发现“{item}”办件档案缺少受理通知书和审查意见'],
      e_supervision: ['电子监察系统预警：“{item}”有{n}件办结件未上传办理结果'],
      assessment: ['档案专项检查发现“{item}”电子档案与纸质档案不一致'],
    },
    causes: [
      {
        category: 'process',
        whys: ['办件材料未按时归档', '归档依赖人工，没有固定时限', '档案管理制度未规定归档时限'],
      },
      {
        category: 'people',
        whys: [
          '办结后未及时归档',
          '窗口人员认为归档不是窗口职责',
          '岗位职责标准中的归档职责不明确',
          '岗位职责标准修订不及时',
        ],
      },
    ],
    immediate: ['限期补齐缺失材料并完成归档'],
    systemic: ['明确办结后2个工作日内归档并纳入考核', '在系统中设置办结即上传结果的控制'],
    standards: ['办件档案', '电子档案'],
  },

  delivery: {
    stages: ['deliver'],
    weight: 1,
    problems: {
      self_inspection: ['自查发现“{item}”有{n}件办理结果未登记送达签收情况'],
      spot_check: ['电话回访发现“{item}”办理结果未按申请人选择的方式送达'],
      complaint: ['群众投诉：选择邮寄送达的“{item}”办理结果，{n}天后仍未收到'],
      service_rating: ['好差评系统收到差评：“{item}”证件邮寄太慢，查询不到物流信息'],
      e_supervision: ['电子监察系统预警：“{item}”办结后超过{d}个工作日未送达'],
    },
    causes: [
      {
        category: 'process',
        whys: [
          '办理结果送达不及时',
          '邮寄件每周集中交寄一次',
          '与邮政的交寄安排没有随业务量调整',
          '没有规定送达时限',
        ],
      },
      {
        category: 'people',
        whys: ['送达未登记签收', '窗口人员忙于受理，送达登记滞后', '送达登记未纳入岗位考核'],
      },
    ],
    immediate: ['联系申请人核实收件信息，当日重新寄送并告知物流单号'],
    systemic: ['与邮政约定每日交寄，办结当日寄出', '建立送达登记台账，每周核对签收情况'],
    standards: ['限时办结', '办件结果公示'],
  },

  supervision: {
    stages: ['post_supervision'],
    weight: 1.5,
    problems: {
      self_inspection: ['自查发现本季度“{item}”“双随机”抽查任务未按计划完成'],
      spot_check: [
        '督查发现“{item}”持证主体的抽查结果未在规定时限内公示',
        '检查发现“{item}”事后监管检查记录不完整',
      ],
      complaint: ['群众举报：取得“{item}”的经营主体擅自改变经营条件，监管未及时发现'],
      assessment: ['考核发现“{item}”有{n}条投诉举报线索未在规定时限内核查反馈'],
    },
    causes: [
      {
        category: 'process',
        whys: [
          '事后监管流于形式',
          '抽查计划没有细化到月',
          '监管人员同时承担窗口审批工作',
          '审管分离机制未落实',
        ],
      },
      {
        category: 'people',
        whys: ['检查记录不完整', '检查人员对检查要点不熟悉', '检查表格不统一'],
      },
    ],
    immediate: ['补充开展现场检查并公示抽查结果'],
    systemic: ['制定月度“双随机”抽查计划并跟踪完成情况', '统一检查记录表，明确必查项目'],
    standards: ['现场检查', '效能督查'],
  },

  guideMismatch: {
    stages: ['accept'],
    weight: 1.5,
    problems: {
      self_inspection: ['办事指南中“{item}”的材料清单与实际要求不一致'],
      spot_check: ['督查发现“{item}”窗口公示的办事指南与政务服务网版本不一致'],
      complaint: ['群众投诉：按网上办事指南准备“{item}”的材料，到窗口被告知清单已经变化'],
      service_rating: ['好差评系统收到差评：“{item}”网上办事指南与窗口要求不一致'],
      assessment: ['政务公开考核发现“{item}”办事指南的法定时限标注错误'],
    },
    causes: [
      {
        category: 'standard_or_guide',
        whys: [
          '办事指南与实际要求不一致',
          '材料要求调整后只更新了窗口版指南',
          '网上和窗口的指南分别维护，没有统一发布流程',
          '事项动态调整制度未明确指南同步更新的要求',
        ],
      },
    ],
    immediate: ['当日更正政务服务网和窗口公示的办事指南'],
    systemic: ['建立办事指南“一源发布”机制，网上和窗口同步更新', '每季度对照权责清单核对办事指南'],
    standards: ['办事指南', '事项动态调整', '政务公开'],
  },

  attitude: {
    stages: 'window',
    weight: 2.5,
    problems: {
      self_inspection: ['自查发现窗口人员接待群众时未使用规范服务用语'],
      spot_check: ['大厅视频巡查发现{window}号窗口工作人员与群众发生争执'],
      complaint: [
        '窗口人员服务态度生硬被群众投诉',
        '群众投诉：{window}号窗口工作人员解答问题不耐烦，语气生硬',
        '12345热线转办：申请人反映{window}号窗口工作人员推诿，让其到其他窗口咨询',
      ],
      service_rating: [
        '好差评系统收到差评：{window}号窗口工作人员态度冷淡',
        '好差评系统收到“非常不满意”评价：{window}号窗口工作人员讲解不清楚',
      ],
      assessment: ['月度窗口考核：{window}号窗口服务用语不规范被扣分'],
    },
    causes: [
      {
        category: 'people',
        whys: [
          '窗口人员服务态度生硬',
          '高峰期等候人数多，工作人员情绪急躁',
          '窗口人员没有掌握情绪管理和沟通技巧',
          '服务礼仪培训只在岗前开展过一次',
          '缺少常态化的服务礼仪培训安排',
        ],
      },
      {
        category: 'process',
        whys: [
          '群众在窗口之间来回咨询',
          '申请人咨询的问题超出本窗口业务范围',
          '大厅咨询引导分流不到位',
          '咨询引导岗人员配备不足',
        ],
      },
    ],
    immediate: ['由部门负责人带当事人当面向群众致歉', '当事人作出书面说明，部门负责人进行谈话提醒'],
    systemic: ['开展服务礼仪和沟通技巧专题培训', '将服务态度纳入月度窗口考核', '高峰时段增设导办人员分流'],
    standards: ['服务用语', '接待礼仪', '首问负责'],
  },

  discipline: {
    stages: 'window',
    weight: 2,
    problems: {
      self_inspection: [
        '自查发现{window}号窗口工作人员迟到{m}分钟，窗口未按时开放',
        '自查发现{window}号窗口午间轮岗未落实，群众等候',
      ],
      spot_check: [
        '视频巡查发现{window}号窗口工作时间无人值守超过{m}分钟',
        '督查发现{window}号窗口人员工作时间使用手机处理私事',
        '巡查发现{window}号窗口工作人员未按规定佩戴工作牌',
      ],
      complaint: ['群众投诉：{window}号窗口上班时间无人，等待了{m}分钟'],
      e_supervision: ['电子监察系统视频预警：{window}号窗口离岗超时'],
      assessment: ['月度考勤考核：{window}号窗口人员{n}次未按规定请假离岗'],
    },
    causes: [
      {
        category: 'people',
        whys: [
          '窗口人员离岗未安排顶岗',
          '临时离开未履行请假手续',
          '请销假制度执行不严',
          '部门对窗口人员日常管理不到位',
        ],
      },
      {
        category: 'process',
        whys: ['窗口午间无人值守', '午间轮岗安排没有落实到人', '轮岗表未公示，责任不明确'],
      },
    ],
    immediate: ['对当事人进行提醒谈话，当即恢复窗口服务'],
    systemic: ['严格执行请销假制度，离岗须安排B岗顶岗', '制定并公示窗口轮岗值班表'],
    standards: ['窗口考勤', '窗口值班', '仪容仪表', 'AB岗'],
  },

  systemFault: {
    stages: 'window',
    weight: 1,
    problems: {
      self_inspection: [
        '业务系统故障{m}分钟，窗口未及时启动应急预案，群众滞留',
        '排队叫号系统故障，{window}号窗口未及时改为人工叫号',
      ],
      complaint: ['群众投诉：自助服务终端打印功能故障，现场无人引导'],
      service_rating: ['好差评系统收到差评：系统故障，等候时间过长'],
      e_supervision: ['电子监察系统预警：业务系统办件数据{n}小时未同步至监察平台'],
    },
    causes: [
      {
        category: 'system',
        whys: [
          '业务系统故障影响办理',
          '系统服务器资源不足，高峰期响应缓慢',
          '系统容量规划没有考虑业务增长',
          '缺少系统运行监控和扩容机制',
        ],
      },
      {
        category: 'process',
        whys: ['故障后未及时启动应急预案', '窗口人员不熟悉系统故障应急流程', '应急预案从未开展演练'],
      },
    ],
    immediate: ['启用应急登记表人工受理，并向等候群众说明情况'],
    systemic: ['提请信息系统管理岗对系统扩容并建立运行监控', '每半年开展一次系统故障应急演练'],
    standards: ['系统故障应急', '排队叫号系统', '自助服务终端'],
  },

  ratingGuide: {
    stages: 'window',
    weight: 1,
    problems: {
      self_inspection: ['自查发现{window}号窗口办结时未引导申请人开展服务评价'],
      spot_check: ['督查发现{window}号窗口存在工作人员代替群众点击评价器的情况'],
      e_supervision: ['好差评系统数据比对：{window}号窗口有{n}件办件未推送评价'],
    },
    causes: [
      {
        category: 'people',
        whys: [
          '未按规定引导服务评价',
          '窗口人员担心差评而回避评价',
          '窗口人员不了解差评申诉核实机制',
          '评价结果运用的宣传不到位',
        ],
      },
    ],
    immediate: ['对当事人进行提醒谈话'],
    systemic: ['评价器与叫号系统联动，办结后自动推送评价', '将评价推送率纳入窗口考核'],
    standards: ['服务评价器', '满意度调查'],
  },

  environment: {
    stages: 'window',
    weight: 0.8,
    problems: {
      self_inspection: ['自查发现{window}号窗口的办事指南展板信息已过期'],
      spot_check: ['巡查发现{window}号窗口便民物品（老花镜、签字笔）缺失未补充'],
      complaint: ['群众投诉：{window}号窗口附近座椅不足，老年人等候时间长'],
      service_rating: ['好差评系统收到差评：大厅空调温度过低，等候区无饮水'],
    },
    causes: [
      {
        category: 'materials_or_environment',
        whys: [
          '等候区设施不能满足需求',
          '高峰时段等候人数超出设计容量',
          '等候区布局多年未调整',
          '未根据业务量变化评估大厅设施',
        ],
      },
      {
        category: 'materials_or_environment',
        whys: ['便民物品缺失', '便民物品补充没有固定责任人', '后勤保障岗巡查频次不够'],
      },
    ],
    immediate: ['当日补充座椅和便民物品'],
    systemic: ['明确便民设施每日巡查补充的责任人', '根据排队数据调整等候区布局'],
    standards: ['便民设施', '大厅环境卫生', '温湿度与照明'],
  },
};

/** Problems of the centre's office posts, keyed by the end of the post's name. */
export const OFFICE_PROBLEMS: Record<string, string[]> = {
  文秘岗: ['中心督办文件未在规定时限内流转至责任科室', '会议纪要印发超过规定时限{d}个工作日'],
  人事管理岗: ['窗口人员调整后未及时更新岗位和在岗记录', '进驻人员考勤统计与实际情况不符'],
  财务资产岗: ['大厅自助终端的资产登记信息与实物不符', '固定资产盘点发现{n}台设备未登记入账'],
  后勤保障岗: [
    '大厅排队叫号机故障未在当日报修',
    '大厅卫生间设施损坏超过{d}天未修复',
    '消防通道堆放杂物未及时清理',
  ],
  事项管理岗: ['事项目录调整后有{n}项办事指南未同步更新', '政务服务网事项信息与权责清单不一致'],
  并联审批协调岗: ['建设项目并联审批中有{n}个环节超时未督办', '并联审批进度未按周报告'],
  投资项目代办岗: ['代办台账记录不完整，{n}个项目无跟踪记录', '项目业主反映代办员未及时反馈办理进度'],
  便民服务指导岗: ['抽查乡镇便民服务中心代办台账发现记录缺失', '村（社区）代办员履职情况未按月抽查'],
  咨询引导岗: ['咨询引导指引错误，群众被引导至错误窗口', '咨询台高峰时段无人值守'],
  效能督查岗: ['月度效能督查通报未按时印发', '督查发现的问题未建立整改台账'],
  电子监察岗: ['电子监察预警信息未在当日推送至责任窗口', '红牌预警件未跟踪督办到位'],
  投诉处理岗: ['投诉件未在规定时限内反馈投诉人', '投诉调查记录不完整，缺少调查结论'],
  绩效考核岗: ['窗口月度考核评分汇总错误', '季度考核结果未按时公示'],
  满意度回访岗: ['电话回访数量未达到规定比例', '回访记录未如实登记群众意见'],
  标准体系管理岗: ['标准明细表未按修订情况及时更新', '标准实施评价未按年度计划开展'],
  持续改进管理岗: ['持续改进记录表超期后未跟踪督办', '同类问题重复发生，未开展系统性原因分析'],
  信息系统管理岗: ['人员调离后业务系统账号未及时注销', '系统故障未在规定时间内恢复'],
};

/** The office posts' forms are found by these sources, with these prefixes. */
export const OFFICE_SOURCE_PREFIX: Partial<Record<FormSource, string>> = {
  self_inspection: '自查发现：',
  spot_check: '效能督查发现：',
  assessment: '季度考核发现：',
};

export const OFFICE_THEME: Theme = {
  stages: [],
  weight: 1,
  problems: {},
  causes: [
    {
      category: 'people',
      whys: [
        '工作未按规定时限完成',
        '岗位人员同时承担多项工作，精力分散',
        '科室工作量分配不均衡',
        '缺少科室内部的工作统筹',
      ],
    },
    {
      category: 'process',
      whys: ['工作事项无人跟踪', '工作流程未规定办理时限', '科室没有建立工作台账制度'],
    },
    {
      category: 'system',
      whys: ['到期事项未被及时发现', '信息系统没有到期提醒功能', '系统功能需求一直未提出'],
    },
  ],
  immediate: ['立即补办相关事项并报科室负责人', '当日整改到位并留存照片'],
  systemic: ['建立工作台账并每周检查', '修订科室工作制度，明确办理时限和责任人'],
  standards: ['效能督查', '持续改进记录表', '纠正措施'],
};

export const VERIFICATION_NOTES: Record<'on_site' | 'file_review' | 'phone' | 'data_check', string[]> = {
  on_site: [
    '现场查看窗口整改情况，措施已落实，抽查{n}份办件未发现同类问题。',
    '到窗口现场核实，新制度已上墙公示，工作人员能准确说明要求。',
  ],
  file_review: [
    '调阅整改后办件档案{n}份，材料齐全、时限符合要求。',
    '查阅整改佐证材料和培训记录，措施落实到位。',
  ],
  phone: ['电话回访申请人，对整改结果表示满意。', '电话回访{n}名近期办事群众，未再反映同类问题。'],
  data_check: [
    '调取电子监察系统数据，近两周该环节无超时预警。',
    '比对业务系统数据，整改后{n}件办件均按时办结。',
  ],
};

export const FAILED_VERIFICATION_NOTES: string[] = [
  '抽查整改后办件{n}件，仍有1件未执行新要求，退回继续整改。',
  '佐证材料不完整，缺少培训签到表和考试记录。',
  '系统性措施尚未落实，仅完成了即时纠正。',
];

export const SEND_BACK_REASONS: string[] = [
  '验证未通过：整改措施未完全落实，请补充佐证材料后重新提交',
  '验证未通过：抽查仍发现同类问题，请完善系统性措施',
];

export const REOPEN_REASONS: string[] = [
  '复查发现同类问题再次发生，原整改措施未落实到位',
  '申请人再次投诉，原整改不彻底，重新开展整改',
  '回头看检查发现系统性措施未执行，重新整改',
];

export const CANCEL_REASONS: string[] = [
  '重复登记',
  '经核实不属于问题',
  '经核实系申请人自身原因，不属于窗口问题',
  '投诉内容经调查不属实',
  '与同一问题的记录表重复，合并办理',
];

export const ACCOUNTABILITY_NOTES: Record<
  'none' | 'reminder_talk' | 'criticism' | 'performance_deduction',
  string[]
> = {
  none: ['及时整改，情节轻微，不予追责', '系统性原因所致，不追究个人责任'],
  reminder_talk: ['由部门负责人对直接责任人进行提醒谈话', '对直接责任人进行提醒谈话，记入窗口考核档案'],
  criticism: ['在部门内部通报批评', '对直接责任人在中心月度通报中予以批评'],
  performance_deduction: ['扣减直接责任人当月窗口绩效考核分2分', '扣减当季度绩效考核分，取消本季度评优资格'],
};

/** Comments while a form is worked on, by who writes them. */
export const COMMENTS = {
  holderOpen: ['已收到，正在核实情况。', '已联系申请人了解情况，今天内分析原因。', '已向部门负责人报告。'],
  holderWorking: [
    '即时纠正措施已完成，正在落实系统性措施。',
    '已组织窗口人员学习，培训签到表已上传。',
    '已联系申请人说明情况，申请人表示理解。',
    '系统修改需信息中心配合，已提交需求。',
  ],
  holderVerifying: ['整改措施已全部落实，佐证材料已上传，请验证。', '已按要求补充佐证材料。'],
  supervisorOpen: ['请尽快分析原因并制定整改措施。', '该问题与上月同类问题相似，请一并研究系统性措施。'],
  supervisorWorking: [
    '请补充根本原因分析，五问不要停留在表面。',
    '请于本周五前上传整改佐证材料。',
    '系统性措施请明确完成时间和责任人。',
  ],
  supervisorVerifying: ['已收到，本周安排现场验证。', '请补充整改后的办件记录，以便抽查。'],
  yellow: ['已进入黄牌预警期，请抓紧整改。', '临近整改期限，请及时更新进度。'],
  red: ['已超过整改期限，请说明原因并尽快完成整改。', '红牌预警：已超期，请部门负责人督促落实。'],
  leader: ['请部门高度重视，举一反三开展自查。', '同意整改措施，请按期完成。'],
};
