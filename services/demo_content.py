"""The demo company's people, teams and words, in English and Simplified Chinese."""
from dataclasses import dataclass

Text = tuple[str, str]  # (English, Chinese)

COMPANY: Text = ('Brightpath Software', '远航软件')
DOMAIN = 'brightpath.example'
ADMIN = 'olivia.chen'  # the CEO, an admin
EMPLOYEE = 'lily.zhang'  # a platform engineer with key results of every kind

# key, parent key, kind, English, Chinese, lead's handle
TEAMS = (
    ('company', None, 'company', *COMPANY, 'olivia.chen'),
    ('engineering', 'company', 'department', 'Engineering', '研发部', 'daniel.wang'),
    ('product', 'company', 'department', 'Product', '产品部', 'sophie.zhao'),
    ('sales', 'company', 'department', 'Sales', '销售部', 'marcus.li'),
    ('marketing', 'company', 'department', 'Marketing', '市场部', 'emma.liu'),
    ('success', 'company', 'department', 'Customer Success', '客户成功部', 'kevin.zhou'),
    ('platform', 'engineering', 'team', 'Platform', '平台组', 'ryan.huang'),
    ('mobile', 'engineering', 'team', 'Mobile', '移动端组', 'chloe.xu'),
    ('reliability', 'engineering', 'team', 'Reliability', '稳定性组', 'jason.sun'),
    ('design', 'product', 'team', 'Product Design', '产品设计组', 'mia.guo'),
    ('enterprise', 'sales', 'team', 'Enterprise Sales', '大客户销售组', 'eric.ma'),
    ('channel', 'sales', 'team', 'Channel Sales', '渠道销售组', 'nina.he'),
    ('growth', 'marketing', 'team', 'Growth', '增长组', 'leo.gao'),
    ('support', 'success', 'team', 'Support', '客服组', 'amy.zheng'),
)

# handle (the e-mail's local part), English name, Chinese name, team key
PEOPLE = (
    ('olivia.chen', 'Olivia Chen', '陈思远', 'company'),
    ('grace.lin', 'Grace Lin', '林雅婷', 'company'),
    ('daniel.wang', 'Daniel Wang', '王浩然', 'engineering'),
    ('sophie.zhao', 'Sophie Zhao', '赵欣怡', 'product'),
    ('marcus.li', 'Marcus Li', '李俊杰', 'sales'),
    ('emma.liu', 'Emma Liu', '刘佳琪', 'marketing'),
    ('kevin.zhou', 'Kevin Zhou', '周子轩', 'success'),
    ('ryan.huang', 'Ryan Huang', '黄宇航', 'platform'),
    ('lily.zhang', 'Lily Zhang', '张丽娜', 'platform'),
    ('tom.wu', 'Tom Wu', '吴俊豪', 'platform'),
    ('jack.luo', 'Jack Luo', '罗文博', 'platform'),
    ('zoe.song', 'Zoe Song', '宋雨桐', 'platform'),
    ('chloe.xu', 'Chloe Xu', '徐梦瑶', 'mobile'),
    ('ben.tang', 'Ben Tang', '唐明轩', 'mobile'),
    ('ivy.feng', 'Ivy Feng', '冯若曦', 'mobile'),
    ('sam.deng', 'Sam Deng', '邓凯文', 'mobile'),
    ('jason.sun', 'Jason Sun', '孙志强', 'reliability'),
    ('alex.xie', 'Alex Xie', '谢一鸣', 'reliability'),
    ('iris.han', 'Iris Han', '韩晓彤', 'reliability'),
    ('owen.cao', 'Owen Cao', '曹磊', 'reliability'),
    ('mia.guo', 'Mia Guo', '郭诗涵', 'design'),
    ('ella.peng', 'Ella Peng', '彭诗琪', 'design'),
    ('lucas.zeng', 'Lucas Zeng', '曾子墨', 'design'),
    ('ruby.xiao', 'Ruby Xiao', '肖悦', 'design'),
    ('eric.ma', 'Eric Ma', '马天宇', 'enterprise'),
    ('henry.pan', 'Henry Pan', '潘振宇', 'enterprise'),
    ('cindy.yuan', 'Cindy Yuan', '袁婧', 'enterprise'),
    ('david.jiang', 'David Jiang', '蒋立伟', 'enterprise'),
    ('nina.he', 'Nina He', '何静怡', 'channel'),
    ('vivian.ye', 'Vivian Ye', '叶思彤', 'channel'),
    ('frank.du', 'Frank Du', '杜鹏', 'channel'),
    ('helen.wei', 'Helen Wei', '魏晓燕', 'channel'),
    ('leo.gao', 'Leo Gao', '高子豪', 'growth'),
    ('jenny.lu', 'Jenny Lu', '陆可欣', 'growth'),
    ('kyle.qian', 'Kyle Qian', '钱昊', 'growth'),
    ('tina.fang', 'Tina Fang', '方婷', 'growth'),
    ('amy.zheng', 'Amy Zheng', '郑晓雯', 'support'),
    ('peter.shi', 'Peter Shi', '石峰', 'support'),
    ('wendy.yu', 'Wendy Yu', '余佳怡', 'support'),
    ('andy.cheng', 'Andy Cheng', '程浩', 'support'),
)


@dataclass(frozen=True)
class KeyResultSpec:
    title: Text
    kind: str = 'number'
    start: float = 0
    target: float = 1
    unit: Text = ('', '')
    owner: str = ''  # handle; empty: the objective's owner, else its team's lead, else the CEO
    profile: str = ''  # how its check-ins go (see services.demo_history); empty: drawn at random
    steps: tuple[Text, ...] = ()
    direction: str = ''  # empty: decrease when the target lies below the start
    decimals: int = 0
    slack: float = 0  # how far a "stay at or above" value wanders on the good side of its target
    tasks: bool = False


@dataclass(frozen=True)
class ObjectiveSpec:
    key: str
    title: Text
    key_results: tuple[KeyResultSpec, ...]
    team: str = ''  # a team's (or department's) objective
    owner: str = ''  # a person's objective
    aligns: tuple[str, ...] = ()  # keys of parent objectives ('c1') or key results ('c1.2', counted from 1)
    kind: str = 'committed'
    priority: str = 'P1'
    private: bool = False
    about: Text = ('', '')


PEOPLE_UNIT: Text = ('people', '人')
CUSTOMERS: Text = ('customers', '家')
DAYS: Text = ('days', '天')
HOURS: Text = ('h', '小时')
MINUTES: Text = ('min', '分钟')
SECONDS: Text = ('s', '秒')
MS: Text = ('ms', '毫秒')
THOUSANDS: Text = ('k USD', '万元')
MONEY: Text = ('USD', '元')


def number(en: str, zh: str, start: float, target: float, unit: Text = ('', ''), **more) -> KeyResultSpec:
    return KeyResultSpec((en, zh), 'number', start, target, unit, **more)


def percent(en: str, zh: str, start: float, target: float, **more) -> KeyResultSpec:
    return KeyResultSpec((en, zh), 'percent', start, target, ('%', '%'), **{'decimals': 1, **more})


def money(en: str, zh: str, start: float, target: float, unit: Text = THOUSANDS, **more) -> KeyResultSpec:
    return KeyResultSpec((en, zh), 'currency', start, target, unit, **more)


def yes_no(en: str, zh: str, **more) -> KeyResultSpec:
    return KeyResultSpec((en, zh), 'boolean', 0, 1, **more)


def steps(en: str, zh: str, *names: Text, **more) -> KeyResultSpec:
    return KeyResultSpec((en, zh), 'milestone', 0, len(names), steps=names, **more)


# Check-in notes by how a key result is going.
NOTES: dict[str, tuple[Text, ...]] = {
    'steady': (
        ('Progress as planned.', '按计划推进。'),
        ('Good week, two more done.', '这周不错，又完成了两项。'),
        ('Slightly ahead of plan.', '略微超前于计划。'),
        ('Steady progress, no blockers.', '稳步推进，没有阻碍。'),
        ('The pilot customers gave good feedback.', '试点客户反馈良好。'),
    ),
    'done': (
        ('Target reached.', '目标已达成。'),
        ('Done; handing over to the team for upkeep.', '已完成，交由团队日常维护。'),
        ('Finished early, keeping an eye on it.', '提前完成，继续关注。'),
    ),
    'behind': (
        ('Slower than planned; waiting on another team.', '进度慢于计划，在等其他团队配合。'),
        ('Priorities shifted this week.', '本周优先级有调整。'),
        ('Behind plan; working on a recovery plan.', '落后于计划，正在制定追赶方案。'),
        ('Two people were out sick; we lost a week.', '两位同事生病请假，耽误了一周。'),
    ),
    'stuck': (
        ('No movement: blocked by the security review.', '没有进展：卡在安全评审。'),
        ('Still waiting for budget approval.', '仍在等待预算审批。'),
        ('On hold while the team handles incidents.', '团队在处理线上故障，暂时搁置。'),
    ),
    'unsure': (
        ('Numbers look fine, but the big deal may slip.', '数据看起来还行，但大单可能会延期。'),
        ('On plan, but the next steps depend on a vendor.', '进度正常，但后续依赖供应商。'),
    ),
}

NEXT_STEPS: tuple[Text, ...] = (
    ('Follow up with the customer.', '跟进客户。'),
    ('Pair with the team on the blocker.', '和团队一起攻克阻碍。'),
    ('Review the plan at Monday stand-up.', '在周一站会上复盘计划。'),
    ('Ask for help in the team channel.', '在团队群里寻求支持。'),
    ('Ship the next batch.', '交付下一批。'),
)

TASKS: tuple[Text, ...] = (
    ('Write the plan and share it with the team', '写好计划并同步给团队'),
    ('Agree on the metric with finance', '与财务确认指标口径'),
    ('Set up the dashboard', '搭建数据看板'),
    ('Run a pilot with two customers', '与两家客户进行试点'),
    ('Review results at the weekly meeting', '在周会上复盘结果'),
    ('Fix the problems found in the pilot', '解决试点中发现的问题'),
    ('Document what we learned', '整理经验总结'),
    ('Prepare the launch announcement', '准备发布公告'),
)

# English title, Chinese title, kind
LINKS: tuple[tuple[str, str, str], ...] = (
    ('Planning document', '规划文档', 'document'),
    ('Weekly meeting notes', '周会纪要', 'meeting'),
    ('Customer research', '客户调研报告', 'reference'),
)

LATE_START_REASON: Text = ('Our main supplier pulled out; this will slip to next quarter.',
                           '主要供应商退出，这一项会顺延到下季度。')

QUARTERS_ZH = ('一', '二', '三', '四')


def quarter_name(year: int, quarter: int, zh: bool) -> str:
    return f'{year}年第{QUARTERS_ZH[quarter - 1]}季度' if zh else f'{year} Q{quarter}'


def year_name(year: int, zh: bool) -> str:
    return f'{year}年' if zh else str(year)
