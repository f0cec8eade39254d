"""The demo year's (the last complete year's) records beside proposals — clearly SAMPLE data (every row
carries ``sample=True``): members across the sector groups (topped up to a few hundred), public-opinion
reports in the hundreds,
the consultation plan with attendance, declared duties, legislative consultation, supervision and a
leader's 包保 ledger. Counts are of the order the 长春 conference's work report gives; names are invented.

Deterministic (a fixed random seed) and idempotent: it does nothing when sample reports already exist.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policyreach.app.accounts import hash_password
from policyreach.app.demo import demo_password
from policyreach.conference import liaison
from policyreach.conference.activities import MEETING_FORMS
from policyreach.conference.duty import next_month, schedule_member_reminders
from policyreach.conference.models import ConferenceMember, HandlingUnit, Proposal
from policyreach.conference.records_models import (
    Activity,
    ActivityGuest,
    ActivitySpeech,
    BulletinIssue,
    ConsultationPlan,
    DutyEntry,
    InstructionTask,
    LegislativeComment,
    LegislativeDraft,
    LiaisonRequest,
    LiaisonTarget,
    LiaisonVisit,
    OpinionReport,
    Participant,
    ReportInstruction,
    SupervisionItem,
)
from policyreach.conference.supervision import schedule_reminders
from policyreach.push.clock import today
from policyreach.redemption import audit
from policyreach.store.models import Account, Entity

SEED = 20261
SECTORS = (
    "中共",
    "民革",
    "民盟",
    "民建",
    "民进",
    "农工党",
    "致公党",
    "九三学社",
    "无党派人士",
    "科协",
    "工商联",
    "共青团",
    "妇联",
    "经济界",
    "农业界",
    "教育界",
    "科技界",
    "文化艺术界",
    "医药卫生界",
    "社会福利和社会保障界",
    "体育界",
    "新闻出版界",
    "宗教界",
    "特邀人士",
)
COMMITTEES = (
    "提案委员会",
    "经济委员会",
    "农业和农村委员会",
    "人口资源环境委员会",
    "教科卫体委员会",
    "社会和法制委员会",
    "文化文史和学习委员会",
    "民族宗教委员会",
    "港澳台侨和外事委员会",
)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = "建国振华立新海涛晓明丽娟志强秀英春雷红梅文博思远雅琴国庆东升玉兰德胜子涵宏伟静怡永刚佳慧天宇俊杰"
UNITS = (
    "长春市发展和改革委员会",
    "长春市工业和信息化局",
    "长春市科学技术局",
    "长春市财政局",
    "长春市商务局",
    "长春市人力资源和社会保障局",
    "长春市自然资源局",
    "长春市生态环境局",
    "长春市住房和城乡建设局",
    "长春市交通运输局",
    "长春市农业农村局",
    "长春市水务局",
    "长春市文化广电和旅游局",
    "长春市卫生健康委员会",
    "长春市教育局",
    "长春市民政局",
    "长春市市场监督管理局",
    "长春市营商环境建设局",
    "长春市城市管理局",
    "长春市应急管理局",
    "长春市公安局",
    "长春市司法局",
    "长春市医疗保障局",
    "长春市体育局",
    "长春市退役军人事务局",
    "长春市统计局",
    "长春市林业局",
    "长春市金融工作办公室",
    "长春新区管委会",
    "长春经济技术开发区管委会",
    "长春高新技术产业开发区管委会",
    "长春净月高新技术产业开发区管委会",
    "长春汽车经济技术开发区管委会",
    "长春中韩国际合作示范区管委会",
    "长春市数据局",
)
TOPICS = [
    ("经济建设", "人工智能育种技术推广", "支持种业企业与科研院所共建人工智能育种平台"),
    ("经济建设", "光电信息产业公共技术平台", "整合光机所等科研资源，建设开放共享的光电检测平台"),
    ("经济建设", "新民胡同夜市常态化运营", "完善夜间经济配套，推动夜市四季常态化运营"),
    ("经济建设", "惠企政策“政策找人”", "依托数据共享实现惠企政策精准推送、免申即享"),
    ("经济建设", "寒地育种中心建设", "建设寒地作物育种中心，打造北方种业高地"),
    ("经济建设", "人参产业高质量发展", "延伸人参精深加工链条，培育区域公用品牌"),
    ("经济建设", "生物医药城建设", "完善生物医药产业园区配套，加快创新药临床转化"),
    ("经济建设", "汽车零部件本地配套率", "提升整车企业本地配套率，培育专精特新零部件企业"),
    ("经济建设", "冰雪经济与冰雪旅游", "打造冰雪旅游精品线路，带动冬季消费"),
    ("社会建设", "社区居家养老服务", "推广嵌入式养老服务设施，完善助餐助浴服务"),
    ("社会建设", "老旧小区加装电梯", "简化加装电梯审批流程，完善资金分摊机制"),
    ("社会建设", "高校毕业生留长就业", "完善青年人才安居政策，提高毕业生留长率"),
    ("社会建设", "基层医疗服务能力", "推动优质医疗资源下沉，提升社区卫生服务中心能力"),
    ("社会建设", "冬季供热质量", "加强供热管网改造，建立供热质量投诉快速响应机制"),
    ("生态文明建设", "黑土地保护", "推广保护性耕作，建立黑土地保护长效机制"),
    ("生态文明建设", "伊通河水环境治理", "巩固伊通河治理成效，加强支流污染源管控"),
    ("文化建设", "长影旧址文化资源活化", "推动电影文化资源与城市文旅融合发展"),
    ("文化建设", "历史文化街区保护", "加强伪满皇宫周边历史街区保护利用"),
    ("政治建设", "政务服务“一网通办”", "推动高频政务服务事项跨部门联办"),
    ("其他", "中小学生课后服务", "丰富课后服务内容，引入社会优质资源"),
]
ACTIVITY_PLAN = [
    ("全体会议", "政协长春市第十四届委员会第五次会议", "审议常委会工作报告和提案工作情况报告"),
    ("常委会议", "市政协十四届常委会第十二次会议", "协商讨论年度协商计划"),
    ("专题议政性常委会", "推进长春现代化都市圈建设", "专题议政"),
    ("专题议政性常委会", "加快建设汽车强市", "专题议政"),
    ("专题协商会", "惠企政策精准直达", "政策找人、免申即享"),
    ("专题协商会", "人参产业高质量发展", "产业链延伸与品牌建设"),
    ("专题协商会", "生物医药产业集群", "创新药临床转化与园区配套"),
    ("协商座谈会", "优化营商环境", "涉企检查与审批服务"),
    ("协商座谈会", "新民胡同夜市常态化运营", "夜间经济"),
    ("协商座谈会", "高校毕业生留长就业", "青年人才"),
    ("协商座谈会", "冬季供热质量", "民生保障"),
    ("视察", "寒地育种中心建设情况", "现场视察"),
    ("视察", "光电信息产业园区", "现场视察"),
    ("视察", "老旧小区改造", "现场视察"),
    ("视察", "黑土地保护性耕作", "现场视察"),
    ("调研", "人工智能育种技术推广", "专题调研"),
    ("调研", "社区居家养老服务", "专题调研"),
    ("调研", "冰雪经济", "专题调研"),
    ("调研", "基层医疗服务能力", "专题调研"),
    ("调研", "长影旧址文化资源活化", "专题调研"),
    ("常委会议", "市政协十四届常委会第十三次会议", "协商讨论民营经济发展"),
    ("常委会议", "市政协十四届常委会第十四次会议", "通报提案办理情况"),
]
REGULATIONS = (
    "长春市优化营商环境条例",
    "长春市养老服务条例",
    "长春市黑土地保护条例",
    "长春市物业管理条例",
    "长春市历史文化名城保护条例",
    "长春市冰雪旅游促进条例",
    "长春市数据条例",
    "长春市供热条例",
)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))


def _date(rng: random.Random, year: int, until: dt.date) -> dt.date:
    last = min(until, dt.date(year, 12, 20))
    span = max((last - dt.date(year, 1, 10)).days, 1)
    return dt.date(year, 1, 10) + dt.timedelta(days=rng.randrange(span))


def seed_conference_records(
    session: Session, as_of: dt.date, *, members: int = 420, reports: int = 426, password_hash: str | None = None
) -> dict[str, int]:
    """Create the sample year (``as_of.year``) unless it is there; returns what was created."""
    if session.scalar(select(func.count()).select_from(OpinionReport).where(OpinionReport.sample.is_(True))):
        return {}
    rng = random.Random(SEED)
    year = as_of.year - 1  # the last complete year, as the proposals' demo does
    made: dict[str, int] = {}
    made["units"] = _units(session)
    people = _members(session, rng, members)
    made["members"] = len(people)
    accounts = _accounts(session, people, password_hash)
    made["accounts"] = len(accounts)
    made["reports"] = _reports(session, rng, people, year, as_of, reports)
    # the year's plan, 审定 by the city's party committee before the year's first activity
    session.add(
        ConsultationPlan(
            year=year,
            state="published",
            approved_by="中共长春市委常委会会议",
            approved_on=dt.date(year, 1, 3),
            published_on=dt.date(year, 1, 6),
        )
    )
    made["activities"], made["participants"] = _activities(session, rng, people, year, as_of)
    made["form_activities"], made["guests"], made["speeches"] = _form_activities(session, people, year)
    made["duty_entries"] = _duties(session, rng, people, year, as_of)
    made["comments"] = _legislation(session, rng, people, year, as_of)
    made["findings"] = _supervision(session, rng, year, as_of)
    made["liaison"] = _liaison(session, rng, people, as_of)
    made["instructions"] = _instructions(session, rng, year)

    schedule_reminders(session, today())  # the daily supervision reminders (one job per day, queued once)

    schedule_member_reminders(session, next_month(today()))  # the monthly reminders below the line
    audit.record(session, "system", "conference.demo_seeded", f"conference-demo:{year}", made)
    return made


def _units(session: Session) -> int:
    """The handling units, unless the proposals' demo (or an import) created them already."""
    if session.scalar(select(func.count()).select_from(HandlingUnit)):
        return 0
    for name in UNITS:
        short = name.removeprefix("长春市").removesuffix("管委会").removesuffix("委员会").removesuffix("局")[:12]
        session.add(HandlingUnit(name=name, short_name=short or name[:12], kind="government"))
    session.flush()
    return len(UNITS)


def _members(session: Session, rng: random.Random, total: int) -> list[ConferenceMember]:
    existing = list(session.scalars(select(ConferenceMember).order_by(ConferenceMember.id)))
    for i in range(len(existing), total):
        sector = SECTORS[i % len(SECTORS)]
        session.add(
            ConferenceMember(
                name=_name(rng),
                sector_group=sector,
                committee=rng.choice(COMMITTEES),
                term="第十四届",
                is_leader=i < 8 and not existing,
            )
        )
    session.flush()
    return list(session.scalars(select(ConferenceMember).order_by(ConferenceMember.id)))


def _accounts(session: Session, people: list[ConferenceMember], password_hash: str | None) -> list[Account]:
    """Demo logins for the records side: the information office, a member with a full record, a leader."""
    if password_hash is None:
        password_hash = hash_password(demo_password())
    made = []
    free = [m for m in people if m.account_pk is None]
    leader_row = next((m for m in free if m.is_leader), free[-1] if free else None)
    member_row = next((m for m in free if not m.is_leader), None)
    for username, role, row, label in (
        ("xinxiban", "info_office", None, "政协信息办"),
        ("weiyuan", "member", member_row, "委员（履职示例）"),
        ("lingdao", "leader", leader_row, "政协领导（包保示例）"),
    ):
        if session.scalar(select(Account).where(Account.username == username)) is not None:
            continue
        account = Account(
            username=username,
            password_hash=password_hash,
            role=role,
            display_name=f"{label}{'：' + row.name if row else ''}",
        )
        session.add(account)
        session.flush()
        if row is not None:
            row.account_pk = account.id
        made.append(account)
    session.flush()
    return made


def _reports(
    session: Session, rng: random.Random, people: list[ConferenceMember], year: int, as_of: dt.date, total: int
) -> int:
    issues = [
        BulletinIssue(
            year=year,
            number=n,
            title=f"社情民意 {year}年第{n}期（示例）",
            published_on=min(as_of, dt.date(year, min(1 + (n - 1) // 4, 12), 15)),
        )
        for n in range(1, 41)
    ]
    session.add_all(issues)
    session.flush()
    featured = next((m for m in people if m.account_pk is not None and not m.is_leader), people[0])
    for i in range(total):
        category, topic, idea = TOPICS[i % len(TOPICS)]
        author = featured if i % 60 == 0 else rng.choice(people)
        submitted = _date(rng, year, as_of)
        roll = rng.random()
        state = (
            "adopted"
            if roll < 0.42
            else "forwarded"
            if roll < 0.60
            else "archived"
            if roll < 0.85
            else "editing"
            if roll < 0.93
            else "submitted"
        )
        report = OpinionReport(
            year=year,
            title=f"关于{topic}的建议（{['一', '二', '三', '四', '五'][i % 5]}）",
            category=category,
            situation=f"（示例数据）{topic}方面，基层反映的问题集中在政策落地和服务配套。",
            analysis="调研发现部门协同不足、信息不对称，企业和群众获得感不强。",
            suggestion=f"建议{idea}。",
            author_pk=author.id,
            author_group=rng.choice(SECTORS[:9]) if i % 9 == 0 else None,
            state=state,
            rating=rng.choice("AABBC") if state in ("adopted", "forwarded", "editing") else None,
            submitted_on=submitted,
            decided_on=submitted + dt.timedelta(days=7) if state != "submitted" else None,
            sample=True,
        )
        if state in ("adopted", "forwarded") and rng.random() < 0.8:
            report.bulletin_pk = issues[min((submitted.month - 1) * 40 // 12 + rng.randrange(3), 39)].id
        if state == "forwarded":
            report.forwarded_to = "national" if rng.random() < 0.2 else "province"
            report.higher_adopted = rng.random() < 0.45
        session.add(report)
        session.flush()
        if report.bulletin_pk and rng.random() < 0.2:
            session.add(
                ReportInstruction(
                    report_pk=report.id,
                    leader=rng.choice(("市委书记", "市长", "常务副市长", "分管副市长")),
                    level="city",
                    text="请相关部门认真研究吸纳。（示例）",
                    on=submitted + dt.timedelta(days=14),
                )
            )
    session.flush()
    return total


def _activities(
    session: Session, rng: random.Random, people: list[ConferenceMember], year: int, as_of: dt.date
) -> tuple[int, int]:
    rows = 0
    for i, (form, title, topic) in enumerate(ACTIVITY_PLAN):
        held_on = dt.date(year, 1 + (i * 11) // len(ACTIVITY_PLAN), 8 + (i * 7) % 18)
        done = held_on < as_of
        act = Activity(
            year=year,
            title=f"{title}（示例）",
            topic=topic,
            form=form,
            lead_committee=rng.choice(COMMITTEES),
            held_on=held_on,
            place="市政协机关",
            notice="请委员按时参加，不能参加的请提前请假。",
            sample=True,
            state=("concluded" if done and form not in MEETING_FORMS else "held" if done else "noticed"),
            # the office closed the attendance the day after each past activity
            attendance_closed_at=dt.datetime.combine(held_on + dt.timedelta(days=1), dt.time(17, 0)) if done else None,
        )
        if act.state == "concluded":
            act.outcome = f"形成《关于{title}的协商建议》报市委、市政府。"
            act.outcome_adopted = rng.random() < 0.8
            if act.outcome_adopted:
                act.adopted_by = "市政府常务会议研究采纳（示例）"
                act.adopted_on = held_on + dt.timedelta(days=40)
        session.add(act)
        session.flush()
        size = rng.randint(60, 140) if form not in MEETING_FORMS else len(people) // 3
        invited = people if form == "全体会议" else rng.sample(people, min(len(people), size))
        for member in invited:
            row = Participant(activity_pk=act.id, member_pk=member.id, invited=True)
            if done:
                roll = rng.random()
                if roll < 0.88 or (member.account_pk is not None and not member.is_leader):
                    row.signed_in_at = dt.datetime.combine(held_on, dt.time(8, 40 + rng.randrange(19)))
                else:
                    row.absence = "excused" if roll < 0.97 else "unexcused"
                    if row.absence == "excused":
                        row.leave_reason, row.leave_state = "公务外出（示例）", "approved"
            session.add(row)
            rows += 1
    session.flush()
    return len(ACTIVITY_PLAN), rows


# the forms the office added beyond the eight (migration c007): (form, title, month, beneficiaries 人次)
SERVICE_PLAN = [
    ("委员专家基层行", "委员专家走进九台区乡镇卫生院", 3, 620),
    ("委员专家基层行", "委员专家走进农安县黑土地示范田", 5, 480),
    ("委员专家基层行", "委员专家走进双阳区中小学", 8, 735),
    ("委员专家基层行", "委员专家走进德惠市养老机构", 10, 517),
    ("为民服务", "义诊进社区", 3, 1240),
    ("为民服务", "普法宣传进乡村", 4, 1105),
    ("为民服务", "科技特派送技术下乡", 5, 986),
    ("为民服务", "困难学生助学帮扶", 6, 312),
    ("为民服务", "法律援助进社区", 7, 1168),
    ("为民服务", "送文化下基层", 9, 1430),
    ("为民服务", "金融知识进万家", 10, 954),
    ("为民服务", "冬季送温暖", 12, 805),
]
OTHER_FORM_PLAN = [
    ("界别座谈会", "经济界别座谈会：民营企业发展环境", 4),
    ("界别座谈会", "教育界别座谈会：职业教育产教融合", 6),
    ("界别座谈会", "医药卫生界别座谈会：分级诊疗", 9),
    ("主题征文", "“我为长春发展献一策”主题征文", 7),
    ("参观", "参观长春市规划展览馆", 5),
    ("书画笔会", "庆祝人民政协成立书画笔会", 9),
    ("联组会议", "全会期间经济界、科技界联组会议", 1),
    ("联组会议", "全会期间教育界、医药卫生界联组会议", 1),
    ("大会发言", "政协全体会议大会发言", 1),
    ("走访民主党派", "走访民革、民盟市委", 4),
    ("走访民主党派", "走访九三学社、民进市委", 8),
    ("走访工商联", "走访市工商联听取民营企业诉求", 6),
    ("督办视察", "重点提案督办视察：冬季供热", 11),
    ("督办视察", "重点提案督办视察：老旧小区改造", 10),
]
EXPERT_UNITS = ("吉林大学", "东北师范大学", "长春中医药大学", "吉林省农业科学院", "长春市中心医院", "吉林农业大学")
SPECIALITIES = ("临床医学", "中医学", "农学", "法学", "教育学", "金融学", "土壤学", "社会工作")


def _form_activities(session: Session, people: list[ConferenceMember], year: int) -> tuple[int, int, int]:
    """Activities of the forms the office added: 基层行 and 为民服务 with 105 members and 38 experts taking part
    and a little over 10,000 people benefiting, 界别座谈会, 联组会议 and 大会发言 with speeches submitted and
    selected, visits and 督办视察. Its own random stream, so that the eight forms' figures above stay as they were;
    the demo's own accounts are left out, so that their assessment reads as before."""
    rng = random.Random(SEED + 4)
    pool = [m for m in people if m.account_pk is None]
    serving, experts = (
        rng.sample(pool, 105),
        [(_name(rng), rng.choice(EXPERT_UNITS), rng.choice(SPECIALITIES)) for _ in range(38)],
    )
    made = guests = speeches = 0

    def activity(form: str, title: str, month: int, beneficiaries: int | None = None) -> Activity:
        held_on = dt.date(year, month, 6 + rng.randrange(20))
        act = Activity(
            year=year,
            title=f"{title}（示例）",
            topic=title,
            form=form,
            lead_committee=rng.choice(COMMITTEES),
            held_on=held_on,
            place="市政协机关" if form in ("联组会议", "大会发言") else "活动现场",
            notice="请委员按时参加。",
            sample=True,
            state="concluded",
            outcome=f"{title}已完成，形成活动报告。",
            beneficiaries=beneficiaries,
            attendance_closed_at=dt.datetime.combine(held_on + dt.timedelta(days=1), dt.time(17, 0)),
        )
        session.add(act)
        session.flush()
        return act

    def attend(act: Activity, members: list[ConferenceMember]) -> None:
        for member in members:
            at = dt.datetime.combine(act.held_on, dt.time(8, 40 + rng.randrange(19)))
            session.add(Participant(activity_pk=act.id, member_pk=member.id, invited=True, signed_in_at=at))

    for i, (form, title, month, beneficiaries) in enumerate(SERVICE_PLAN):
        act = activity(form, title, month, beneficiaries)
        # overlapping windows: every member and expert of the pools takes part at least once
        attend(act, [serving[(i * 9 + k) % len(serving)] for k in range(18)])
        for k in range(6):
            name, unit, speciality = experts[(i * 4 + k) % len(experts)]
            session.add(
                ActivityGuest(activity_pk=act.id, name=name, unit=unit, speciality=speciality, added_by="xinxiban")
            )
            guests += 1
        made += 1
    for form, title, month in OTHER_FORM_PLAN:
        act = activity(form, title, month)
        present = rng.sample(pool, 30 if form == "大会发言" else rng.randint(12, 40))
        attend(act, present)
        if form in ("界别座谈会", "联组会议", "大会发言"):
            for member in present[: 24 if form == "大会发言" else 6]:
                roll = rng.random()
                state = "selected" if roll < 0.6 else "not_selected"
                session.add(
                    ActivitySpeech(
                        activity_pk=act.id,
                        member_pk=member.id,
                        title=f"关于{title.split('：')[-1].removesuffix('（示例）')}的发言（示例）",
                        text="发言材料（示例）",
                        state=state,
                        submitted_at=dt.datetime.combine(act.held_on - dt.timedelta(days=5), dt.time(10, 0)),
                        decided_by="xinxiban",
                        decided_at=dt.datetime.combine(act.held_on - dt.timedelta(days=2), dt.time(15, 0)),
                    )
                )
                speeches += 1
        if form == "督办视察":
            for name, unit, speciality in rng.sample(experts, 3):  # experts of the pool: counted once
                session.add(
                    ActivityGuest(activity_pk=act.id, name=name, unit=unit, speciality=speciality, added_by="xinxiban")
                )
                guests += 1
        made += 1
    session.flush()
    return made, guests, speeches


def _duties(session: Session, rng: random.Random, people: list[ConferenceMember], year: int, as_of: dt.date) -> int:
    kinds = (
        ("speeches", "在专题协商会上发言"),
        ("studio_activities", "委员工作室接待群众"),
        ("public_services", "开展义诊、普法等为民服务"),
    )
    count = 0
    for member in people:
        n = 3 if member.account_pk is not None else rng.choice((0, 0, 1, 1, 2, 3))
        for _ in range(n):
            kind, title = rng.choice(kinds)
            roll = rng.random()
            session.add(
                DutyEntry(
                    member_pk=member.id,
                    year=year,
                    kind=kind,
                    title=f"{title}（示例）",
                    happened_on=_date(rng, year, as_of),
                    evidence="活动照片、签到表（示例）",
                    state="confirmed" if roll < 0.8 else "declared" if roll < 0.93 else "rejected",
                    decided_by="xinxiban" if roll < 0.8 or roll >= 0.93 else None,
                    reason="佐证材料不足" if roll >= 0.93 else None,
                    sample=True,
                )
            )
            count += 1
    session.flush()
    return count


def _legislation(
    session: Session, rng: random.Random, people: list[ConferenceMember], year: int, as_of: dt.date
) -> int:
    count = 0
    for title in REGULATIONS:
        clauses = {str(n): f"第{n}条（示例条文）" for n in range(1, 13)}
        draft = LegislativeDraft(
            year=year, title=f"{title}（草案）（示例）", drafting_office="长春市司法局", clauses=clauses, sample=True
        )
        session.add(draft)
        session.flush()
        for _ in range(rng.randint(35, 45)):
            on = _date(rng, year, as_of)
            state = rng.choice(("adopted", "adopted", "partly", "partly", "not_adopted", "pending"))
            session.add(
                LegislativeComment(
                    draft_pk=draft.id,
                    member_pk=rng.choice(people).id,
                    clause=rng.choice(list(clauses)),
                    text="建议进一步明确责任主体和办理时限。（示例）",
                    state=state,
                    reason=None
                    if state == "pending"
                    else {
                        "adopted": "已在修改稿中体现。",
                        "partly": "部分内容已吸收。",
                        "not_adopted": "上位法已有规定。",
                    }[state],
                    submitted_on=on,
                    decided_on=None if state == "pending" else on + dt.timedelta(days=20),
                )
            )
            count += 1
    session.flush()
    return count


def _supervision(session: Session, rng: random.Random, year: int, as_of: dt.date) -> int:
    units = list(session.scalars(select(HandlingUnit).order_by(HandlingUnit.id)))
    findings = (
        "惠企政策兑现周期偏长",
        "涉企检查频次偏高",
        "老旧小区改造后续管护不到位",
        "供热投诉响应慢",
        "社区养老服务设施使用率低",
        "夜市配套公厕不足",
    )
    for i in range(24):
        due = _date(rng, year, as_of) + dt.timedelta(days=60)
        state = "closed" if i % 3 == 0 else "rectified" if i % 3 == 1 else "open"
        session.add(
            SupervisionItem(
                year=year,
                unit_pk=units[i % len(units)].id,
                finding=f"{findings[i % 6]}（示例）",
                rectification="已制定整改方案并推进落实。" if state != "open" else None,
                state=state,
                due_on=due,
                closed_on=due if state == "closed" else None,
                sample=True,
            )
        )
    session.flush()
    return 24


def _liaison(session: Session, rng: random.Random, people: list[ConferenceMember], as_of: dt.date) -> int:
    """Each leader who logs in covers three firms of the platform and a park."""
    leaders = [m for m in people if m.is_leader and m.account_pk is not None]
    firms = list(
        session.scalars(select(Entity).where(Entity.kind == "enterprise").order_by(Entity.id).limit(3 * len(leaders)))
    )
    targets: list[LiaisonTarget] = []
    for i, leader in enumerate(leaders):
        since = dt.date(as_of.year - 1, 1, 15)
        targets += [
            LiaisonTarget(member_pk=leader.id, kind="enterprise", entity_pk=f.id, name=f.name, since=since, sample=True)
            for f in firms[3 * i : 3 * i + 3]
        ]
        targets.append(
            LiaisonTarget(
                member_pk=leader.id, kind="park", name="长春国际汽车城零部件产业园（示例）", since=since, sample=True
            )
        )
    session.add_all(targets)
    session.flush()
    for t in targets:
        if t.entity_pk is not None:  # the demo's firms were asked and the information office approved
            liaison.consent_for(session, t, approved_by="demo")
    for t in targets:
        session.add(
            LiaisonVisit(
                target_pk=t.id,
                visited_on=_date(rng, as_of.year - 1, as_of),
                note="走访了解生产经营和政策享受情况。（示例）",
            )
        )
        state = rng.choice(("open", "in_progress", "closed"))
        session.add(
            LiaisonRequest(
                target_pk=t.id,
                text="希望协调解决用工和融资问题。（示例）",
                state=state,
                raised_on=_date(rng, as_of.year - 1, as_of),
                handled_by="长春市人力资源和社会保障局" if state != "open" else None,
                closed_by="长春市人力资源和社会保障局" if state == "closed" else None,
                result="已组织专场招聘会。" if state == "closed" else None,
                closed_on=as_of if state == "closed" else None,
            )
        )
    session.flush()
    return len(targets)


def _instructions(session: Session, rng: random.Random, year: int) -> int:
    """Leaders' 批示 on a few of the year's key proposals, in every state: answered, forwarded (two overdue, so the
    demo's 催办 has something to chase) and one still to forward."""
    key = session.scalars(
        select(Proposal)
        .where(Proposal.year == year, Proposal.number.is_not(None))
        .order_by(Proposal.is_key.desc(), Proposal.id)
        .limit(6)
    ).all()
    units = session.scalars(
        select(HandlingUnit).where(HandlingUnit.kind == "government").order_by(HandlingUnit.id)
    ).all()
    leaders = ("市长", "常务副市长", "分管副市长", "市政协主席")
    for i, proposal in enumerate(key):
        on = dt.date(year, 3 + i, 10)
        task = InstructionTask(
            proposal_pk=proposal.id,
            leader=leaders[i % len(leaders)],
            text="请有关部门认真研究，提出落实意见。（示例）",
            instructed_on=on,
            state="answered" if i < 3 else "recorded" if i == 5 else "forwarded",
            recorded_by="xinxiban",
        )
        if task.state != "recorded":
            task.unit_pk = units[rng.randrange(len(units))].id
            task.due_on = on + dt.timedelta(days=30)
        if task.state == "answered":
            task.feedback, task.answered_on = "已制定落实方案并组织实施。（示例）", on + dt.timedelta(days=25)
        session.add(task)
    session.flush()
    return len(key)
