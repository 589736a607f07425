"""The demo company's objectives and key results: the active quarter, the closed one and the year."""
from services.demo_content import (
    CUSTOMERS,
    DAYS,
    HOURS,
    MINUTES,
    MONEY,
    MS,
    PEOPLE_UNIT,
    SECONDS,
    money,
    number,
    percent,
    steps,
    yes_no,
)
from services.demo_content import ObjectiveSpec as Objective

ACTIVE = (
    Objective('c1', ('Win the mid-market', '赢下中型企业市场'), (
        number('Sign 40 new mid-market customers', '新签 40 家中型企业客户', 0, 40, CUSTOMERS, owner='marcus.li'),
        money('Add 900k USD of new annual recurring revenue', '新增年度经常性收入 900 万元', 0, 900,
              owner='marcus.li', profile='at_risk'),
        percent('Raise trial-to-paid conversion from 12% to 20%', '试用转付费率从 12% 提升到 20%', 12, 20,
                owner='emma.liu'),
        number('Shorten the average sales cycle from 45 to 30 days', '平均销售周期从 45 天缩短到 30 天', 45, 30, DAYS,
               owner='marcus.li'),
    ), priority='P0', aligns=('y1',),
        about=('Mid-sized companies are our fastest-growing segment; this quarter they become our biggest.',
               '中型企业是增长最快的客户群，本季度要让它成为我们最大的客户群。')),
    Objective('c2', ('Make the product a joy to use', '让产品好用到客户主动推荐'), (
        number('Raise NPS from 32 to 45', 'NPS 从 32 提升到 45', 32, 45, owner='sophie.zhao'),
        number('Cut open P1 bugs from 25 to 5', '未解决的 P1 缺陷从 25 个降到 5 个', 25, 5, ('bugs', '个'),
               owner='daniel.wang'),
        percent('Keep uptime at or above 99.9%', '系统可用性保持在 99.9% 及以上', 99.9, 99.9, decimals=2, slack=0.09,
                owner='jason.sun'),
        steps('Ship the new onboarding flow', '上线全新的新手引导流程',
              ('Research with 10 customers', '访谈 10 位客户'), ('Prototype tested', '原型测试完成'),
              ('Beta with 20 accounts', '20 个账号参与内测'),
              ('General release', '正式发布'), owner='sophie.zhao', tasks=True),
    ), priority='P0', aligns=('y2',)),
    Objective('c3', ('Build a team people want to join', '打造人人想加入的团队'), (
        number('Hire 8 engineers', '招聘 8 名工程师', 0, 8, PEOPLE_UNIT, owner='daniel.wang'),
        percent('Raise the engagement score from 72% to 80%', '员工敬业度从 72% 提升到 80%', 72, 80, owner='grace.lin'),
        yes_no('Launch the mentoring programme', '启动导师计划', owner='grace.lin', profile='done'),
        percent('Bring regretted attrition down from 8% to 4%', '非预期离职率从 8% 降到 4%', 8, 4, owner='grace.lin'),
    ), kind='aspirational', aligns=('y3',)),
    Objective('t1', ('Make the platform fast and dependable', '让平台又快又稳'), (
        number('Cut p95 API response time from 450 ms to 250 ms', 'API 的 p95 响应时间从 450 毫秒降到 250 毫秒',
               450, 250, MS),
        number('Move 12 services to the new cluster', '12 个服务迁移到新集群', 0, 12, ('services', '个'),
               owner='lily.zhang', profile='stalled', tasks=True),
        steps('Release public API v2', '发布开放 API v2', ('Spec reviewed', '规范评审通过'),
              ('Beta for partners', '合作伙伴内测'), ('SDKs published', '发布 SDK'),
              ('General availability', '正式可用'), owner='tom.wu'),
    ), team='platform', aligns=('c2',)),
    Objective('t2', ('Open the platform to partners', '向合作伙伴开放平台'), (
        yes_no('Publish the partner developer portal', '上线合作伙伴开发者门户', owner='jack.luo'),
        number('Get 5 partner integrations live', '5 个合作伙伴集成上线', 0, 5, owner='zoe.song', profile='at_risk'),
    ), team='platform', kind='aspirational', priority='P2', aligns=('c1',)),
    Objective('t3', ('Ship a mobile app customers love', '做出客户喜爱的移动应用'), (
        number('Lift the app store rating from 3.9 to 4.5', '应用商店评分从 3.9 提升到 4.5', 3.9, 4.5, decimals=1),
        percent('Raise crash-free sessions from 97% to 99.5%', '无崩溃会话占比从 97% 提升到 99.5%', 97, 99.5,
                owner='ben.tang'),
        steps('Deliver offline mode', '交付离线模式', ('Design', '设计'), ('Sync engine', '同步引擎'), ('Beta', '内测'),
              ('Release', '发布'), owner='ivy.feng'),
    ), team='mobile', aligns=('c2.1',)),
    Objective('t4', ('Never let customers notice an outage', '不让客户感知到任何故障'), (
        number('Cut mean time to recovery from 90 to 30 minutes', '平均故障恢复时间从 90 分钟降到 30 分钟', 90, 30,
               MINUTES),
        number('Reduce on-call pages from 40 to 15 a week', '每周值班告警从 40 次降到 15 次', 40, 15,
               ('pages', '次'), owner='alex.xie', profile='off_track'),
        yes_no('Run a full disaster-recovery drill', '完成一次完整的灾备演练', owner='owen.cao'),
    ), team='reliability', aligns=('c2.3',)),
    Objective('t5', ('Make onboarding effortless', '让新手上手毫不费力'), (
        percent('Raise onboarding completion from 55% to 75%', '新手引导完成率从 55% 提升到 75%', 55, 75),
        number('Run usability tests with 20 customers', '与 20 位客户完成可用性测试', 0, 20, CUSTOMERS,
               owner='ella.peng', profile='done'),
        number('Cut time to first value from 5 days to 2', '首次获得价值的时间从 5 天缩短到 2 天', 5, 2, DAYS,
               decimals=1, owner='lucas.zeng'),
    ), team='design', aligns=('c2.4',)),
    Objective('t6', ('Land lighthouse enterprise customers', '拿下标杆大客户'), (
        number('Sign 12 enterprise customers', '签约 12 家大客户', 0, 12, CUSTOMERS),
        money('Build a 3,000k USD qualified pipeline', '建立 3000 万元的合格商机', 0, 3000, owner='henry.pan'),
        number('Cut proposal turnaround from 10 to 4 days', '方案响应时间从 10 天缩短到 4 天', 10, 4, DAYS,
               owner='cindy.yuan', profile='low_confidence'),
    ), team='enterprise', priority='P0', aligns=('c1.1',)),
    Objective('t7', ('Grow through resellers', '通过渠道伙伴实现增长'), (
        number('Recruit 15 new resellers', '发展 15 家新渠道商', 0, 15, CUSTOMERS),
        money('Bring in 300k USD of partner revenue', '渠道收入达到 300 万元', 0, 300, owner='vivian.ye',
              profile='at_risk'),
        percent('Raise partner-sourced deals from 10% to 25%', '渠道来源的成交占比从 10% 提升到 25%', 10, 25,
                owner='frank.du'),
    ), team='channel', aligns=('c1.2',)),
    Objective('t8', ('Fill the funnel with the right leads', '用对的线索填满销售漏斗'), (
        number('Reach 6,000 trial sign-ups', '试用注册达到 6000 个', 0, 6000),
        percent('Lift visitor-to-trial conversion from 2.0% to 3.5%', '访客到试用的转化率从 2.0% 提升到 3.5%', 2, 3.5,
                decimals=2, owner='jenny.lu'),
        money('Lower the cost per lead from 120 to 80 USD', '单条线索成本从 120 元降到 80 元', 120, 80, MONEY,
              owner='kyle.qian'),
    ), team='growth', aligns=('c1.3',)),
    Objective('t9', ('Answer every customer fast and well', '又快又好地回应每一位客户'), (
        number('Cut first response time from 8 h to 2 h', '首次响应时间从 8 小时缩短到 2 小时', 8, 2, HOURS,
               decimals=1),
        percent('Raise CSAT from 88% to 95%', '客户满意度从 88% 提升到 95%', 88, 95, owner='wendy.yu'),
        percent('Reduce monthly churn from 3.0% to 1.5%', '月流失率从 3.0% 降到 1.5%', 3, 1.5, owner='kevin.zhou'),
    ), team='support', aligns=('c2',)),
    Objective('t10', ('Grow great engineers', '培养优秀的工程师'), (
        number('Hold 10 internal tech talks', '举办 10 场内部技术分享', 0, 10),
        yes_no('Publish the engineering career ladder', '发布工程师职级体系', profile='off_track'),
        percent('Review 90% of pull requests within 24 hours', '90% 的代码评审在 24 小时内完成', 60, 90,
                owner='ryan.huang'),
    ), team='engineering', aligns=('c3.1',)),
    Objective('p1', ('Make our API the fastest in the market', '让我们的 API 成为市场上最快的'), (
        number('Cut p95 latency of the search endpoint from 800 ms to 300 ms',
               '搜索接口 p95 延迟从 800 毫秒降到 300 毫秒', 800, 300, MS, profile='steady', tasks=True),
        steps('Roll out the caching layer', '上线缓存层', ('Design doc approved', '设计文档通过'),
              ('Prototype', '原型'), ('Load test', '压力测试'), ('Rollout', '全量上线'), profile='steady', tasks=True),
        percent('Raise test coverage of the billing service from 55% to 80%', '计费服务测试覆盖率从 55% 提升到 80%', 55,
                80, profile='at_risk'),
        yes_no('Write the API performance playbook', '编写 API 性能优化手册', profile='done'),
    ), owner='lily.zhang', aligns=('t1.1',)),
    Objective('p2', ('Grow into a tech lead', '成长为技术负责人'), (
        number('Review 40 pull requests from other teams', '评审 40 个其他团队的代码合并请求', 0, 40, profile='steady'),
        yes_no('Finish the system design course', '完成系统设计课程', profile='done'),
    ), owner='lily.zhang', private=True, priority='P2'),
    Objective('p3', ('Make deployments boring', '让发布变得平淡无奇'), (
        number('Deploy 20 times a week, up from 5', '每周发布次数从 5 次提升到 20 次', 5, 20),
        percent('Cut failed deployments from 15% to 5%', '发布失败率从 15% 降到 5%', 15, 5),
    ), owner='tom.wu', aligns=('t1',)),
    Objective('p4', ('Make the iOS app feel instant', '让 iOS 应用快如闪电'), (
        number('Cut cold start from 3.2 s to 1.5 s', '冷启动时间从 3.2 秒降到 1.5 秒', 3.2, 1.5, SECONDS, decimals=1),
        number('Fix the 30 most frequent crashes', '修复最常见的 30 个崩溃问题', 0, 30),
    ), owner='ben.tang', aligns=('t3.2',)),
    Objective('p5', ('Bring offline mode to Android', '为 Android 带来离线模式'), (
        steps('Android offline mode', 'Android 离线模式', ('Local storage', '本地存储'),
              ('Conflict handling', '冲突处理'), ('Beta', '内测')),
        yes_no('Pass the offline QA checklist', '通过离线测试清单'),
    ), owner='ivy.feng', aligns=('t3.3',)),
    Objective('p6', ('Automate the on-call runbooks', '将值班手册自动化'), (
        number('Automate 20 runbooks', '自动化 20 份处理手册', 0, 20, profile='stalled'),
        number('Cut manual toil from 30 to 10 hours a week', '每周手工运维时间从 30 小时降到 10 小时', 30, 10, HOURS),
    ), owner='alex.xie', aligns=('t4.2',)),
    Objective('p7', ('Keep the database healthy', '保持数据库健康'), (
        number('Keep replication lag at or below 5 s', '主从复制延迟保持在 5 秒及以下', 5, 5, SECONDS,
               direction='decrease', decimals=1, slack=4),
        number('Cut slow queries from 120 to 30 a day', '每日慢查询从 120 条降到 30 条', 120, 30),
    ), owner='iris.han', aligns=('t4',)),
    Objective('p8', ('Learn what slows new users down', '弄清楚是什么拖慢了新用户'), (
        number('Interview 15 new customers', '访谈 15 位新客户', 0, 15, CUSTOMERS, profile='done'),
        yes_no('Publish the findings to the whole company', '向全公司发布调研结论'),
    ), owner='ella.peng', aligns=('t5',)),
    Objective('p9', ('Open the banking vertical', '打开银行业市场'), (
        number('Sign 4 banks', '签约 4 家银行', 0, 4, CUSTOMERS),
        money('Create 800k USD of banking pipeline', '创造 800 万元的银行业商机', 0, 800),
    ), owner='henry.pan', aligns=('t6.1',)),
    Objective('p10', ('Win back lost accounts', '赢回流失客户'), (
        number('Win back 6 accounts', '赢回 6 个客户', 0, 6, CUSTOMERS, profile='off_track'),
        percent('Get replies from 40% of lost accounts', '40% 的流失客户给出回复', 0, 40),
    ), owner='cindy.yuan', aligns=('t6',)),
    Objective('p11', ('Build the reseller network in the south', '建设华南区渠道网络'), (
        number('Onboard 5 resellers in the south', '华南区新签 5 家渠道商', 0, 5, CUSTOMERS),
        number('Run 8 partner trainings', '开展 8 场合作伙伴培训', 0, 8),
    ), owner='vivian.ye', aligns=('t7.1',)),
    Objective('p12', ('Make our content bring in leads', '让内容带来线索'), (
        number('Publish 24 articles', '发布 24 篇文章', 0, 24),
        number('Grow organic leads from 200 to 600 a month', '自然流量线索从每月 200 条增长到 600 条', 200, 600),
    ), owner='jenny.lu', aligns=('t8.1',)),
    Objective('p13', ('Spend the ad budget better', '把广告预算花得更值'), (
        money('Lower the cost per click from 6.00 to 4.00 USD', '单次点击成本从 6 元降到 4 元', 6, 4, MONEY,
              decimals=2),
        percent('Raise click-through rate from 1.2% to 2.0%', '点击率从 1.2% 提升到 2.0%', 1.2, 2, decimals=2),
    ), owner='kyle.qian', aligns=('t8.3',)),
    Objective('p14', ('Build a help center that answers questions', '建设能解答问题的帮助中心'), (
        number('Grow the help center from 40 to 120 articles', '帮助中心文章从 40 篇增加到 120 篇', 40, 120),
        number('Cut tickets per 100 customers from 35 to 25', '每百位客户的工单数从 35 降到 25', 35, 25),
    ), owner='wendy.yu', aligns=('t9',)),
    Objective('p15', ('Become a certified support lead', '成为认证的客服主管'), (
        yes_no('Pass the support lead certification', '通过客服主管认证'),
        number('Hold 6 coaching sessions', '完成 6 次辅导', 0, 6),
    ), owner='peter.shi', private=True, priority='P2'),
    Objective('p16', ('Make the developer portal self-serve', '让开发者门户实现自助服务'), (
        number('Publish 30 API guides', '发布 30 篇 API 指南', 0, 30),
        number('Cut partner setup time from 10 days to 2', '合作伙伴接入时间从 10 天缩短到 2 天', 10, 2, DAYS,
               profile='silent'),
    ), owner='zoe.song', aligns=('t2.1',)),
    Objective('p17', ('Launch the referral programme', '上线推荐计划'), (
        yes_no('Launch referrals in the app', '在应用内上线推荐功能'),
        number('Get 300 referred sign-ups', '获得 300 个推荐注册', 0, 300),
    ), owner='leo.gao', aligns=('t8',)),
)

CLOSED = (
    Objective('cc1', ('Lay the foundations for the mid-market', '为进军中型企业市场打好基础'), (
        number('Sign 25 new customers', '新签 25 家客户', 0, 25, CUSTOMERS, owner='marcus.li'),
        yes_no('Launch the mid-market price plan', '推出中型企业价格方案', owner='sophie.zhao'),
        percent('Raise trial-to-paid conversion from 10% to 12%', '试用转付费率从 10% 提升到 12%', 10, 12,
                owner='emma.liu'),
    ), priority='P0', aligns=('y1',)),
    Objective('cc2', ('Make the product dependable', '让产品稳定可靠'), (
        percent('Keep uptime at or above 99.9%', '系统可用性保持在 99.9% 及以上', 99.9, 99.9, decimals=2, slack=0.09,
                owner='jason.sun'),
        number('Cut open P1 bugs from 60 to 25', '未解决的 P1 缺陷从 60 个降到 25 个', 60, 25, owner='daniel.wang'),
        number('Raise NPS from 25 to 32', 'NPS 从 25 提升到 32', 25, 32, owner='sophie.zhao'),
    ), priority='P0', aligns=('y2',)),
    Objective('ct1', ('Prepare the move to the new cluster', '为迁移新集群做好准备'), (
        steps('Stand up the new cluster', '搭建新集群', ('Capacity plan', '容量规划'), ('Provisioning', '资源开通'),
              ('Security review', '安全评审')),
        number('Containerise 10 services', '完成 10 个服务的容器化', 0, 10),
        number('Cut build time from 25 to 10 minutes', '构建时间从 25 分钟缩短到 10 分钟', 25, 10, MINUTES),
    ), team='platform', aligns=('cc2',)),
    Objective('ct2', ('Stabilise the mobile app', '稳定移动应用'), (
        percent('Raise crash-free sessions from 94% to 97%', '无崩溃会话占比从 94% 提升到 97%', 94, 97),
        number('Ship 6 releases, one every two weeks', '每两周发布一次，共 6 次', 0, 6),
        yes_no('Move to the new design system', '迁移到新的设计系统'),
    ), team='mobile', aligns=('cc2.3',)),
    Objective('ct3', ('Know about problems before customers do', '比客户更早发现问题'), (
        number('Add alerts to 30 critical paths', '为 30 条关键链路添加告警', 0, 30),
        number('Cut mean time to detect from 20 to 5 minutes', '平均发现时间从 20 分钟缩短到 5 分钟', 20, 5, MINUTES),
        yes_no('Write the incident response playbook', '编写故障响应手册'),
    ), team='reliability', aligns=('cc2.1',)),
    Objective('ct4', ('Understand our mid-market users', '理解中型企业用户'), (
        number('Interview 30 customers', '访谈 30 位客户', 0, 30, CUSTOMERS),
        yes_no('Publish three personas', '发布三个用户画像'),
        percent('Raise task success in usability tests from 60% to 80%', '可用性测试任务成功率从 60% 提升到 80%',
                60, 80),
    ), team='design', aligns=('cc1',)),
    Objective('ct5', ('Build the enterprise playbook', '建立大客户销售打法'), (
        number('Sign 8 enterprise customers', '签约 8 家大客户', 0, 8, CUSTOMERS),
        money('Build a 2,000k USD pipeline', '建立 2000 万元商机', 0, 2000),
        yes_no('Write the enterprise sales playbook', '编写大客户销售手册'),
    ), team='enterprise', aligns=('cc1.1',)),
    Objective('ct6', ('Start the reseller programme', '启动渠道合作计划'), (
        number('Sign 10 resellers', '签约 10 家渠道商', 0, 10, CUSTOMERS),
        steps('Launch the partner programme', '上线渠道合作计划', ('Terms', '合作条款'), ('Training kit', '培训材料'),
              ('Launch event', '发布会')),
        money('Bring in 100k USD of partner revenue', '渠道收入达到 100 万元', 0, 100),
    ), team='channel', aligns=('cc1.1',)),
    Objective('ct7', ('Grow trial sign-ups', '提升试用注册量'), (
        number('Reach 4,000 trial sign-ups', '试用注册达到 4000 个', 0, 4000),
        money('Cut the cost per lead from 150 to 120 USD', '单条线索成本从 150 元降到 120 元', 150, 120, MONEY),
        number('Publish 12 customer stories', '发布 12 个客户案例', 0, 12),
    ), team='growth', aligns=('cc1.3',)),
    Objective('ct8', ('Shorten the support queue', '缩短工单队列'), (
        number('Cut first response time from 12 h to 8 h', '首次响应时间从 12 小时缩短到 8 小时', 12, 8, HOURS),
        percent('Raise CSAT from 85% to 88%', '客户满意度从 85% 提升到 88%', 85, 88),
        number('Cut the backlog from 300 to 100 tickets', '积压工单从 300 张降到 100 张', 300, 100),
    ), team='support', aligns=('cc2',)),
    Objective('cp1', ('Learn the new cluster inside out', '吃透新集群'), (
        number('Migrate 3 services myself', '亲自迁移 3 个服务', 0, 3),
        yes_no('Pass the Kubernetes certification', '通过 Kubernetes 认证'),
    ), owner='lily.zhang', aligns=('ct1',)),
    Objective('cp2', ('Fix the top crashes', '修复高频崩溃'), (
        number('Fix 20 top crashes', '修复 20 个高频崩溃', 0, 20),
        percent('Raise unit test coverage from 30% to 50%', '单元测试覆盖率从 30% 提升到 50%', 30, 50),
    ), owner='ben.tang', aligns=('ct2',)),
    Objective('cp3', ('Win my first enterprise deals', '拿下我的首批大客户'), (
        number('Sign 3 enterprise customers', '签约 3 家大客户', 0, 3, CUSTOMERS),
        number('Run 20 discovery meetings', '完成 20 次需求沟通会', 0, 20),
    ), owner='henry.pan', aligns=('ct5',)),
    Objective('cp4', ('Tell our customers\u2019 stories', '讲好客户故事'), (
        number('Write 6 customer stories', '撰写 6 个客户故事', 0, 6),
        number('Reach 10,000 readers', '阅读量达到 10000', 0, 10000),
    ), owner='jenny.lu', aligns=('ct7.3',)),
    Objective('cp5', ('Clear the old tickets', '清理陈旧工单'), (
        number('Close 120 old tickets', '关闭 120 张陈旧工单', 0, 120),
        number('Write 20 help articles', '撰写 20 篇帮助文章', 0, 20),
    ), owner='wendy.yu', aligns=('ct8.3',)),
    Objective('cp6', ('Put alerts where they matter', '把告警放在关键位置'), (
        number('Add 15 alerts', '新增 15 条告警', 0, 15),
        number('Remove 50 noisy alerts', '清理 50 条无效告警', 0, 50),
    ), owner='alex.xie', aligns=('ct3.1',)),
    Objective('cp7', ('Automate the release checklist', '把发布检查清单自动化'), (
        number('Automate 12 checks', '自动化 12 项检查', 0, 12),
        yes_no('Drop the manual sign-off', '取消人工签字环节'),
    ), owner='zoe.song', aligns=('ct1',)),
    Objective('cp8', ('Sign our first resellers', '签下首批渠道商'), (
        number('Sign 4 resellers', '签约 4 家渠道商', 0, 4, CUSTOMERS),
        number('Hold 10 partner meetings', '完成 10 次伙伴会谈', 0, 10),
    ), owner='nina.he', aligns=('ct6.1',)),
)

YEAR = (
    Objective('y1', ('Double annual recurring revenue', '年度经常性收入翻一番'), (
        money('Grow ARR from 4,000k to 8,000k USD', '年度经常性收入从 4000 万元增长到 8000 万元', 4000, 8000),
        number('Reach 600 paying customers', '付费客户达到 600 家', 320, 600, CUSTOMERS, owner='marcus.li'),
        percent('Keep net revenue retention at or above 110%', '净收入留存率保持在 110% 及以上', 110, 110, slack=6,
                owner='kevin.zhou'),
    ), priority='P0'),
    Objective('y2', ('Become the most reliable product in our category', '成为同类产品中最可靠的'), (
        percent('Keep yearly uptime at or above 99.95%', '全年可用性保持在 99.95% 及以上', 99.95, 99.95, decimals=2,
                slack=0.04, owner='jason.sun'),
        number('Cut customer-reported bugs per quarter from 400 to 150', '每季度客户反馈的缺陷从 400 个降到 150 个',
               400, 150, owner='daniel.wang'),
        steps('Earn ISO 27001 certification', '获得 ISO 27001 认证', ('Gap analysis', '差距分析'),
              ('Controls in place', '控制措施落地'), ('Internal audit', '内部审核'), ('External audit', '外部审核'),
              tasks=True),
    ), priority='P0'),
    Objective('y3', ('Grow a company people love to work at', '成为大家热爱的公司'), (
        number('Grow the team from 32 to 45 people', '团队从 32 人扩展到 45 人', 32, 45, PEOPLE_UNIT,
               owner='grace.lin'),
        number('Raise eNPS from 20 to 40', '员工净推荐值从 20 提升到 40', 20, 40, owner='grace.lin'),
        yes_no('Open the Shenzhen office', '深圳办公室开业'),
    ), kind='aspirational'),
    Objective('yd1', ('Build an engineering team that ships every day', '打造每天都能交付的研发团队'), (
        number('Deploy to production 1,000 times', '全年生产发布 1000 次', 0, 1000),
        percent('Cut the change failure rate from 20% to 8%', '变更失败率从 20% 降到 8%', 20, 8),
        steps('Move everything to the new cluster', '全部迁移到新集群', ('Plan', '规划'),
              ('Stateless services', '无状态服务'), ('Databases', '数据库'),
              ('Old cluster switched off', '下线旧集群')),
    ), team='engineering', aligns=('y2',)),
    Objective('yd2', ('Own the onboarding experience', '打造最佳上手体验'), (
        percent('Raise week-4 retention from 40% to 55%', '第四周留存率从 40% 提升到 55%', 40, 55),
        number('Ship 4 major releases', '发布 4 个大版本', 0, 4),
        number('Raise NPS from 25 to 50', 'NPS 从 25 提升到 50', 25, 50),
    ), team='product', aligns=('y1',)),
    Objective('yd3', ('Make the mid-market our biggest segment', '让中型企业成为第一大客户群'), (
        number('Sign 150 mid-market customers', '签约 150 家中型企业', 0, 150, CUSTOMERS),
        money('Book 5,000k USD of new business', '新签合同额 5000 万元', 0, 5000),
        number('Grow the sales team from 8 to 14 people', '销售团队从 8 人扩展到 14 人', 8, 14, PEOPLE_UNIT),
    ), team='sales', aligns=('y1.1',)),
    Objective('yd4', ('Make our brand known in the mid-market', '让品牌在中型企业市场广为人知'), (
        number('Reach 20,000 trial sign-ups', '试用注册达到 20000 个', 0, 20000),
        number('Host 6 customer events', '举办 6 场客户活动', 0, 6),
        percent('Raise aided brand awareness from 8% to 20%', '品牌提示知名度从 8% 提升到 20%', 8, 20),
    ), team='marketing', aligns=('y1',)),
    Objective('yd5', ('Keep every customer we win', '留住每一位赢得的客户'), (
        percent('Cut yearly customer churn from 12% to 6%', '年度客户流失率从 12% 降到 6%', 12, 6),
        number('Run 200 business reviews', '完成 200 次客户业务回顾', 0, 200),
        yes_no('Launch the customer community', '上线客户社区'),
    ), team='success', aligns=('y1.3',)),
)
