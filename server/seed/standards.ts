import { apportion, pad } from './random.ts';

/**
 * The centre's administrative service standards system (行政服务标准化体系), laid out after GB/T 24421:
 * 3 level-1 groups, 21 level-2 and 32 level-3 headings, and 849 level-4 standards. Level-4 standards are
 * either the handling standard of one approval item (under 2.2.1 and 2.2.2) or a clause built from a level-3
 * topic's subjects and the usual kinds of standard document.
 */

interface Heading {
  zh: string;
  en: string;
  children?: Heading[];
  /** Level-3 only: the subjects its level-4 standards are about (`中文|English`). */
  subjects?: string[];
  /** Level-3 only: its level-4 standards are the handling standards of approval items of this kind. */
  items?: 'licence' | 'service';
}

const TREE: Heading[] = [
  {
    zh: '通用基础标准',
    en: 'General foundation standards',
    children: [
      {
        zh: '标准化导则',
        en: 'Standardisation guidelines',
        children: [
          {
            zh: '标准体系管理',
            en: 'Standards system management',
            subjects: [
              '标准体系框架|Standards system framework',
              '标准明细表|Standards inventory',
              '标准化工作职责|Standardisation duties',
              '标准实施评价|Standards implementation evaluation',
            ],
          },
          {
            zh: '标准制定与修订',
            en: 'Drafting and revision of standards',
            subjects: [
              '标准立项|Standard proposals',
              '标准编写|Standard drafting',
              '标准复审|Standard review',
              '标准废止|Standard withdrawal',
            ],
          },
        ],
      },
      { zh: '术语与缩略语', en: 'Terms and abbreviations' },
      {
        zh: '符号与标志',
        en: 'Symbols and signs',
        children: [
          {
            zh: '公共信息图形标志',
            en: 'Public information graphic symbols',
            subjects: [
              '公共信息图形符号|Public information graphic symbols',
              '安全标志|Safety signs',
              '无障碍标志|Accessibility signs',
            ],
          },
          {
            zh: '大厅导引标识',
            en: 'Hall wayfinding signs',
            subjects: [
              '楼层索引|Floor directory',
              '窗口标识牌|Window signboards',
              '办事指南展板|Service guide display boards',
              '电子显示屏|Electronic display screens',
            ],
          },
        ],
      },
      { zh: '数值与数据', en: 'Values and data' },
      { zh: '量和单位', en: 'Quantities and units' },
      { zh: '测量标准', en: 'Measurement standards' },
    ],
  },
  {
    zh: '服务提供标准',
    en: 'Service provision standards',
    children: [
      {
        zh: '服务规范',
        en: 'Service specifications',
        children: [
          {
            zh: '窗口服务礼仪',
            en: 'Window service etiquette',
            subjects: [
              '仪容仪表|Appearance',
              '服务用语|Service language',
              '接待礼仪|Reception etiquette',
              '电话礼仪|Telephone etiquette',
            ],
          },
          {
            zh: '首问负责与一次性告知',
            en: 'First-enquiry responsibility and one-time notice',
            subjects: [
              '首问负责|First-enquiry responsibility',
              '一次性告知|One-time notice',
              '咨询引导|Enquiry guidance',
            ],
          },
          {
            zh: '服务承诺',
            en: 'Service commitments',
            subjects: [
              '限时办结|Time-limited completion',
              '延时服务|Extended-hours service',
              '预约服务|Appointment service',
              '上门服务|Home-visit service',
            ],
          },
        ],
      },
      {
        zh: '服务提供规范',
        en: 'Service delivery specifications',
        children: [
          { zh: '行政许可事项办理', en: 'Handling of administrative licences', items: 'licence' },
          { zh: '公共服务事项办理', en: 'Handling of public services', items: 'service' },
          {
            zh: '并联审批',
            en: 'Parallel approval',
            subjects: [
              '并联审批牵头|Parallel approval lead',
              '联合踏勘|Joint site inspection',
              '联合审图|Joint drawing review',
              '联合验收|Joint acceptance',
            ],
          },
          {
            zh: '投资项目全程代办',
            en: 'Full-process agency service for investment projects',
            subjects: [
              '代办受理|Agency intake',
              '代办跟踪|Agency follow-up',
              '代办员管理|Agency staff management',
              '项目协调|Project coordination',
            ],
          },
          {
            zh: '便民服务中心运行',
            en: 'Operation of convenience service centres',
            subjects: [
              '乡镇便民服务中心|Town convenience service centres',
              '村（社区）便民服务站|Village and community service stations',
              '为民代办|Agency service for residents',
              '代办台账|Agency ledgers',
            ],
          },
        ],
      },
      {
        zh: '服务质量控制规范',
        en: 'Service quality control',
        children: [
          {
            zh: '办件质量控制',
            en: 'Case quality control',
            subjects: ['办件审核|Case review', '案卷评查|Case file review', '差错登记|Error recording'],
          },
          {
            zh: '时限管理',
            en: 'Time-limit management',
            subjects: ['承诺时限|Promised time limits', '超时预警|Overdue warnings', '延期办理|Extensions'],
          },
          {
            zh: '风险防控',
            en: 'Risk control',
            subjects: [
              '风险点识别|Risk point identification',
              '风险等级评定|Risk grading',
              '防控措施|Control measures',
              '风险点督查|Risk point inspection',
            ],
          },
        ],
      },
      {
        zh: '运行管理规范',
        en: 'Operation management',
        children: [
          {
            zh: '窗口运行管理',
            en: 'Window operation management',
            subjects: [
              '窗口授权|Window authorisation',
              'AB岗|Backup post arrangements',
              '窗口值班|Window duty rota',
              '窗口考勤|Window attendance',
            ],
          },
          {
            zh: '事项目录管理',
            en: 'Service catalogue management',
            subjects: [
              '事项清单|Item list',
              '办事指南|Service guides',
              '示范文本|Sample documents',
              '事项动态调整|Catalogue updates',
            ],
          },
        ],
      },
      {
        zh: '服务评价与改进',
        en: 'Service evaluation and improvement',
        children: [
          {
            zh: '满意度评价',
            en: 'Satisfaction evaluation',
            subjects: [
              '服务评价器|Service rating devices',
              '电话回访|Telephone callbacks',
              '满意度调查|Satisfaction surveys',
            ],
          },
          {
            zh: '投诉处理',
            en: 'Complaint handling',
            subjects: [
              '投诉受理|Complaint intake',
              '投诉调查|Complaint investigation',
              '投诉反馈|Complaint feedback',
            ],
          },
          {
            zh: '持续改进',
            en: 'Continuous improvement',
            subjects: [
              '持续改进记录表|Improvement record form',
              '原因分析|Root cause analysis',
              '纠正措施|Corrective actions',
              '改进验证|Verification of improvements',
            ],
          },
          {
            zh: '监督检查',
            en: 'Supervision and inspection',
            subjects: [
              '电子监察|E-supervision',
              '现场检查|On-site inspection',
              '责任追究|Accountability',
              '效能督查|Efficiency inspection',
            ],
          },
        ],
      },
    ],
  },
  {
    zh: '服务保障标准',
    en: 'Service support standards',
    children: [
      {
        zh: '环境和能源',
        en: 'Environment and energy',
        children: [
          {
            zh: '大厅环境',
            en: 'Hall environment',
            subjects: [
              '大厅环境卫生|Hall cleanliness',
              '绿化布置|Greenery',
              '温湿度与照明|Temperature, humidity and lighting',
              '节能降耗|Energy saving',
            ],
          },
        ],
      },
      {
        zh: '安全与应急',
        en: 'Safety and emergencies',
        children: [
          {
            zh: '安全管理',
            en: 'Safety management',
            subjects: ['消防安全|Fire safety', '治安保卫|Security', '信息安全|Information security'],
          },
          {
            zh: '应急处置',
            en: 'Emergency response',
            subjects: [
              '突发事件应急预案|Emergency plans',
              '系统故障应急|System outage response',
              '群体性事件处置|Handling of crowd incidents',
            ],
          },
        ],
      },
      { zh: '职业健康', en: 'Occupational health' },
      {
        zh: '信息',
        en: 'Information',
        children: [
          {
            zh: '政务服务平台',
            en: 'Online government service platform',
            subjects: [
              '网上申报|Online applications',
              '网上预审|Online pre-review',
              '电子证照|Electronic licences',
              '数据共享|Data sharing',
            ],
          },
          {
            zh: '信息公开',
            en: 'Information disclosure',
            subjects: [
              '政务公开|Government affairs disclosure',
              '办件结果公示|Publication of results',
              '公开栏维护|Notice board maintenance',
            ],
          },
          {
            zh: '档案管理',
            en: 'Records management',
            subjects: ['办件档案|Case files', '电子档案|Electronic records', '档案借阅|Records borrowing'],
          },
        ],
      },
      { zh: '财务管理', en: 'Financial management' },
      {
        zh: '设施设备及用品',
        en: 'Facilities, equipment and supplies',
        children: [
          {
            zh: '设施设备管理',
            en: 'Facilities and equipment',
            subjects: [
              '排队叫号系统|Queue management system',
              '自助服务终端|Self-service kiosks',
              '办公设备|Office equipment',
              '便民设施|Convenience facilities',
            ],
          },
        ],
      },
      {
        zh: '人力资源',
        en: 'Human resources',
        children: [
          {
            zh: '人员管理',
            en: 'Staff management',
            subjects: [
              '窗口人员选派|Selection of window staff',
              '人员调整|Staff changes',
              '请销假|Leave management',
            ],
          },
          {
            zh: '教育培训',
            en: 'Education and training',
            subjects: [
              '岗前培训|Induction training',
              '业务培训|Professional training',
              '培训档案|Training records',
            ],
          },
          {
            zh: '绩效考核',
            en: 'Performance assessment',
            subjects: [
              '窗口考核|Window assessment',
              '评先评优|Awards',
              '考核结果运用|Use of assessment results',
            ],
          },
        ],
      },
      { zh: '合同管理', en: 'Contract management' },
      { zh: '知识管理', en: 'Knowledge management' },
      {
        zh: '行政管理',
        en: 'Administration',
        children: [
          {
            zh: '公文管理',
            en: 'Document management',
            subjects: [
              '公文处理|Document processing',
              '印章管理|Seal management',
              '保密管理|Confidentiality',
            ],
          },
        ],
      },
    ],
  },
];

/** The kinds of standard document a level-4 clause can be. */
const KINDS: [string, string][] = [
  ['规范', 'specification'],
  ['要求', 'requirements'],
  ['工作流程', 'workflow'],
  ['管理办法', 'management rules'],
  ['考核细则', 'assessment rules'],
  ['操作指引', 'operating guide'],
  ['检查标准', 'inspection criteria'],
  ['记录格式', 'record format'],
];

export const LEVEL4_TOTAL = 849;

export interface StandardRow {
  id: number;
  code: string;
  title: string;
  titleEn: string;
  level: number;
  parentId: number | null;
  sortOrder: number;
}

export interface ItemName {
  zh: string;
  en: string;
  licence: boolean;
}

/**
 * The standards rows, ids from `firstId` on, parents before children. `items` are the distinct approval items
 * whose handling standards fill 2.2.1 (licences) and 2.2.2 (services); topic clauses fill the rest up to 849.
 */
export function buildStandards(firstId: number, items: ItemName[]): StandardRow[] {
  const rows: StandardRow[] = [];
  let nextId = firstId;
  const add = (
    code: string,
    zh: string,
    en: string,
    level: number,
    parentId: number | null,
    sortOrder: number,
  ) => {
    const row = { id: nextId++, code, title: zh, titleEn: en, level, parentId, sortOrder };
    rows.push(row);
    return row;
  };

  const licences = items.filter((i) => i.licence);
  const services = items.filter((i) => !i.licence);
  const topics: Heading[] = [];
  TREE.forEach((l1) => {
    for (const l2 of l1.children ?? []) for (const l3 of l2.children ?? []) if (l3.subjects) topics.push(l3);
  });
  const capacities = topics.map((t) => (t.subjects?.length ?? 0) * KINDS.length);
  const topicCounts = apportion(LEVEL4_TOTAL - licences.length - services.length, capacities, capacities);

  TREE.forEach((l1, i1) => {
    const n1 = add(`${i1 + 1}`, l1.zh, l1.en, 1, null, i1 + 1);
    (l1.children ?? []).forEach((l2, i2) => {
      const n2 = add(`${n1.code}.${i2 + 1}`, l2.zh, l2.en, 2, n1.id, i2 + 1);
      (l2.children ?? []).forEach((l3, i3) => {
        const n3 = add(`${n2.code}.${i3 + 1}`, l3.zh, l3.en, 3, n2.id, i3 + 1);
        let titles: [string, string][];
        if (l3.items) {
          titles = (l3.items === 'licence' ? licences : services).map((item) =>
            l3.items === 'licence'
              ? [`${item.zh}办理规范`, `${item.en}: handling standard`]
              : [`${item.zh}服务规范`, `${item.en}: service standard`],
          );
        } else {
          const count = topicCounts[topics.indexOf(l3)] as number;
          const subjects = (l3.subjects ?? []).map((s) => s.split('|') as [string, string]);
          titles = [];
          for (const [kindZh, kindEn] of KINDS) {
            for (const [subjectZh, subjectEn] of subjects)
              titles.push([`${subjectZh}${kindZh}`, `${subjectEn} ${kindEn}`]);
          }
          titles = titles.slice(0, count);
        }
        titles.forEach(([zh, en], i4) => {
          add(`${n3.code}.${pad(i4 + 1, 3)}`, zh, en, 4, n3.id, i4 + 1);
        });
      });
    });
  });
  return rows;
}
