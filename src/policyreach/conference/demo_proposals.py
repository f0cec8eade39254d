# ruff: noqa: E501 - the demo texts are data, kept one proposal per line group for reading
"""Demo data (示例数据) for the proposal side of the conference: dozens of handling units, a few hundred members,
demo accounts of every role, and one year of proposals of the order the 长春 conference's work report gives
(about 480 received, 425 filed, as the report says). Every generated row is marked ``sample``.

Fifty-odd proposals are written by hand on the reports' real topics, some of them planted near-duplicates
(two members writing on the same matter); the rest are generated from topic templates with a fixed seed.
The hand-written ones go through the real workflow (state machine and audit log); the generated ones are
inserted directly, in their final states, with one audit entry for the batch.

Demo accounts (password: POLICYREACH_DEMO_PASSWORD, default demo1234): member1 (proposer), member2 and member3
(co-signers), committee1 (提案委员会), leader1 (政协领导), info1 (信息办), unit1 (长春市商务局),
unit2 (长春市科学技术局), unit3 (长春市交通运输局).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from policyreach.conference import proposals as wf
from policyreach.conference.models import Assignment, ConferenceMember, Evaluation, HandlingUnit, Proposal
from policyreach.conference.states import AState, PState
from policyreach.conference.workdays import add_months
from policyreach.push.clock import today
from policyreach.redemption import audit
from policyreach.store.models import Account

UNITS = [
    ("长春市发展和改革委员会", "市发改委", "government"),
    ("长春市工业和信息化局", "市工信局", "government"),
    ("长春市科学技术局", "市科技局", "government"),
    ("长春市财政局", "市财政局", "government"),
    ("长春市人力资源和社会保障局", "市人社局", "government"),
    ("长春市自然资源局", "市自然资源局", "government"),
    ("长春市生态环境局", "市生态环境局", "government"),
    ("长春市住房和城乡建设局", "市住建局", "government"),
    ("长春市城市管理局", "市城管局", "government"),
    ("长春市交通运输局", "市交通局", "government"),
    ("长春市水务局", "市水务局", "government"),
    ("长春市农业农村局", "市农业农村局", "government"),
    ("长春市商务局", "市商务局", "government"),
    ("长春市文化广播电视和旅游局", "市文广旅局", "government"),
    ("长春市卫生健康委员会", "市卫健委", "government"),
    ("长春市应急管理局", "市应急局", "government"),
    ("长春市市场监督管理局", "市市场监管局", "government"),
    ("长春市教育局", "市教育局", "government"),
    ("长春市民政局", "市民政局", "government"),
    ("长春市公安局", "市公安局", "government"),
    ("长春市司法局", "市司法局", "government"),
    ("长春市退役军人事务局", "市退役军人局", "government"),
    ("长春市医疗保障局", "市医保局", "government"),
    ("长春市体育局", "市体育局", "government"),
    ("长春市政务服务和数字化建设管理局", "市政数局", "government"),
    ("长春市营商环境建设局", "市营商局", "government"),
    ("长春市地方金融管理局", "市金融局", "government"),
    ("长春市国有资产监督管理委员会", "市国资委", "government"),
    ("长春市林业和园林局", "市林园局", "government"),
    ("长春市住房公积金管理中心", "市公积金中心", "government"),
    ("长春新区管理委员会", "长春新区", "government"),
    ("长春经济技术开发区管理委员会", "经开区", "government"),
    ("长春高新技术产业开发区管理委员会", "高新区", "government"),
    ("长春净月高新技术产业开发区管理委员会", "净月区", "government"),
    ("长春汽车经济技术开发区管理委员会", "汽开区", "government"),
    ("中韩(长春)国际合作示范区管理委员会", "中韩示范区", "government"),
    ("长春市南关区人民政府", "南关区", "government"),
    ("长春市朝阳区人民政府", "朝阳区", "government"),
    ("长春市宽城区人民政府", "宽城区", "government"),
    ("长春市二道区人民政府", "二道区", "government"),
    ("长春市绿园区人民政府", "绿园区", "government"),
    ("长春市双阳区人民政府", "双阳区", "government"),
    ("长春市九台区人民政府", "九台区", "government"),
    ("长春市残疾人联合会", "市残联", "party"),
    ("长春市总工会", "市总工会", "party"),
    ("长春市妇女联合会", "市妇联", "party"),
    ("国网长春供电公司", "长春供电", "enterprise"),
    ("长春市公交集团有限公司", "公交集团", "enterprise"),
]
SECTORS = [
    "中国共产党",
    "民革",
    "民盟",
    "民建",
    "民进",
    "农工党",
    "致公党",
    "九三学社",
    "无党派人士",
    "共青团",
    "工商联",
    "科学技术界",
    "经济界",
    "农业界",
    "教育界",
    "文化艺术界",
    "医药卫生界",
    "社会福利和社会保障界",
    "新闻出版界",
    "体育界",
    "少数民族界",
    "特邀人士",
]
COMMITTEES = [
    "提案委员会",
    "经济委员会",
    "科技委员会",
    "农业和农村委员会",
    "人口资源环境委员会",
    "教科卫体委员会",
    "社会和法制委员会",
    "文化文史和学习委员会",
    "港澳台侨和外事委员会",
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志宏海波鑫宇浩然晓东春梅雪松立新文博佳琪子涵思远"
)
DEMO = "示例数据"


@dataclass(frozen=True)
class Hand:
    """A hand-written demo proposal: its text, its category, the lead unit and the co-handling units."""

    title: str
    category: str
    case: str
    suggestions: str
    lead: str
    co: tuple[str, ...] = ()


E, S, C, G, P = "经济建设", "社会建设", "文化建设", "生态文明建设", "政治建设"
HAND = [
    Hand(
        "关于设立人工智能育种专项支持种业振兴的建议",
        E,
        "我市玉米、大豆育种仍以经验选育为主，周期长达八至十年，种业企业缺少算力和数据。",
        "设立AI育种专项资金；建设种业大数据和算力共享平台；对企业与吉林农业大学联合开展智能设计育种给予研发补助。",
        "长春市科学技术局",
        ("长春市农业农村局",),
    ),
    Hand(
        "关于建设光电子产业公共技术服务平台的建议",
        E,
        "我市光电企业多为中小企业，购置检测与中试设备负担重，长春光机所等院所设备对外开放不足。",
        "由政府牵头建设光电子中试验证与检验检测公共平台，院所仪器设备入网共享，对企业使用给予创新券补贴。",
        "长春市工业和信息化局",
        ("长春市科学技术局",),
    ),
    Hand(
        "关于打造新民胡同四季夜市的建议",
        E,
        "新民胡同夜市夏秋人气旺，入冬后摊位大量歇业，夜间消费断档。",
        "建设可拆装暖棚和风雨连廊，给予冬季经营的商户租金和取暖补贴，把新民胡同打造成全年开放的夜经济名片。",
        "长春市商务局",
        ("长春市城市管理局", "长春市南关区人民政府"),
    ),
    Hand(
        "关于以数据共享推动惠企政策精准直达的建议",
        E,
        "企业普遍反映政策多、找不到、看不懂，申报材料重复提交。",
        "建设政策找人平台，把政策条款转为可计算的规则，打通税务、市场监管、科技等部门数据，主动向符合条件的企业推送，能免申的免申即享。",
        "长春市政务服务和数字化建设管理局",
        ("长春市营商环境建设局", "长春市财政局"),
    ),
    Hand(
        "关于建设国家级寒地作物育种创新中心的建议",
        E,
        "我市地处高寒地区，耐寒早熟品种需求大，但育种创新平台层级不高。",
        "争取国家布局寒地作物育种创新中心，建设寒地种质资源库和南繁北育基地，引进育种领军人才。",
        "长春市农业农村局",
        ("长春市科学技术局",),
    ),
    Hand(
        "关于推动人参产业向精深加工延伸的建议",
        E,
        "人参以原料和初加工产品销售为主，附加值低，品牌杂乱。",
        "培育人参精深加工龙头企业，支持人参进入普通食品和保健食品，统一区域公用品牌和质量追溯。",
        "长春市农业农村局",
        ("长春市市场监督管理局",),
    ),
    Hand(
        "关于高标准建设长春生物医药城的建议",
        E,
        "我市疫苗、基因工程药物产业有基础，但园区分散，公共研发和标准厂房不足。",
        "集中规划建设生物医药城，配套GMP标准厂房、公共动物实验中心和冷链物流，出台落户奖励。",
        "长春市发展和改革委员会",
        ("长春新区管理委员会", "长春市工业和信息化局"),
    ),
    Hand(
        "关于支持种业企业应用人工智能开展分子设计育种的建议",
        E,
        "传统育种效率低，头部种企已开始用算法预测杂交组合，本地企业跟进慢。",
        "对种企购买智能育种软件和算力服务给予补贴，支持建设分子设计育种实验室，推动种业数字化转型。",
        "长春市科学技术局",
        ("长春市农业农村局",),
    ),
    Hand(
        "关于新民胡同夜市冬季常态化经营的建议",
        E,
        "冬季低温使新民胡同夜市关闭半年，商户收入断档，游客冬季无夜市可逛。",
        "建设保温棚和取暖设施，冬季开展冰雪主题夜市活动，实现夜市全年经营。",
        "长春市商务局",
        ("长春市南关区人民政府",),
    ),
    Hand(
        "关于做强吉林人参品牌的建议",
        E,
        "人参产品品牌多而不强，市场假冒和以次充好现象存在。",
        "推行人参产品溯源码，打造统一品牌，支持人参深加工产品研发和营销。",
        "长春市农业农村局",
        ("长春市市场监督管理局",),
    ),
    Hand(
        "关于让惠企政策主动找到企业的建议",
        E,
        "许多符合条件的中小企业不知道自己能享受哪些扶持政策，错过申报期。",
        "依托大数据比对企业条件，由系统主动告知可享政策，推行免申即享和即申即享。",
        "长春市政务服务和数字化建设管理局",
        ("长春市营商环境建设局",),
    ),
    Hand(
        "关于发展冰雪经济打造冬季旅游目的地的建议",
        E,
        "冬季游客少，冰雪资源没有转化为消费。",
        "整合净月潭、莲花山滑雪资源，推出冰雪旅游线路和冬季消费券，面向南方客源市场营销。",
        "长春市文化广播电视和旅游局",
        ("长春市体育局",),
    ),
    Hand(
        "关于提高汽车零部件本地配套率的建议",
        E,
        "一汽整车本地配套率偏低，零部件外购物流成本高。",
        "对在长新设的零部件企业给予落地奖励，组织整车企业与本地供应商对接，建设汽车零部件产业园。",
        "长春市工业和信息化局",
        ("长春汽车经济技术开发区管理委员会",),
    ),
    Hand(
        "关于加快新能源汽车充电基础设施建设的建议",
        E,
        "老旧小区和公共停车场充电桩少，报装流程复杂。",
        "简化居民小区充电桩报装，推动公共充电桩进小区、进停车场，给予建设运营补贴。",
        "长春市发展和改革委员会",
        ("国网长春供电公司", "长春市住房和城乡建设局"),
    ),
    Hand(
        "关于科技成果在长转化的建议",
        E,
        "高校院所成果多在外地转化，本地中试和概念验证能力不足。",
        "建设概念验证中心和中试基地，设立成果转化引导基金，落实科研人员转化收益分配。",
        "长春市科学技术局",
        ("长春市财政局",),
    ),
    Hand(
        "关于支持专精特新中小企业融资的建议",
        E,
        "专精特新企业轻资产，抵押物不足，融资难融资贵。",
        "设立风险补偿资金池，推出专精特新信用贷和知识产权质押贷，政府性融资担保降费。",
        "长春市地方金融管理局",
        ("长春市工业和信息化局",),
    ),
    Hand(
        "关于清理拖欠中小企业账款的建议",
        E,
        "部分单位拖欠中小企业工程款和货款，企业资金周转困难。",
        "建立拖欠账款台账，限期清偿，将清欠情况纳入绩效考核。",
        "长春市工业和信息化局",
        ("长春市财政局", "长春市国有资产监督管理委员会"),
    ),
    Hand(
        "关于发展中韩示范区跨境电商的建议",
        E,
        "中韩示范区对韩贸易规模小，跨境电商主体少。",
        "建设韩国商品进口分拨中心和跨境电商产业园，给予物流和仓储补贴。",
        "中韩(长春)国际合作示范区管理委员会",
        ("长春市商务局",),
    ),
    Hand(
        "关于发展低空经济的建议",
        E,
        "无人机物流、巡检需求增长快，但起降点和空域保障不足。",
        "争取低空空域管理改革试点，规划无人机起降点，在物流和城市巡检中开展示范应用。",
        "长春市发展和改革委员会",
        ("长春市交通运输局",),
    ),
    Hand(
        "关于推广吉林一号卫星数据在城市治理中应用的建议",
        E,
        "本地商业卫星数据丰富，政府部门应用少。",
        "在违建监测、秸秆焚烧巡查、农业估产中采购卫星遥感服务，建立部门共享机制。",
        "长春市科学技术局",
        ("长春市自然资源局",),
    ),
    Hand(
        "关于加强黑土地保护利用的建议",
        G,
        "黑土层变薄、有机质下降，保护性耕作推广不均衡。",
        "扩大保护性耕作面积，推广秸秆还田，对实施保护措施的农户和合作社给予补贴。",
        "长春市农业农村局",
        ("长春市自然资源局",),
    ),
    Hand(
        "关于推进伊通河全流域治理的建议",
        G,
        "伊通河雨季仍有溢流污染，支流水质不稳定。",
        "完善雨污分流和截污管网，整治入河排污口，建设初期雨水调蓄设施。",
        "长春市水务局",
        ("长春市生态环境局",),
    ),
    Hand(
        "关于秸秆综合利用的建议",
        G,
        "秸秆露天焚烧屡禁不止，综合利用企业少。",
        "扶持秸秆饲料化、燃料化利用企业，给予收储运补贴，建设乡镇收储点。",
        "长春市农业农村局",
        ("长春市生态环境局",),
    ),
    Hand(
        "关于推进分布式光伏建设的建议",
        G,
        "工业厂房和公共建筑屋顶大量闲置。",
        "推广屋顶分布式光伏，简化并网手续，公共机构屋顶率先建设。",
        "长春市发展和改革委员会",
        ("国网长春供电公司",),
    ),
    Hand(
        "关于治理城市内涝的建议",
        G,
        "暴雨时部分下穿桥和低洼路段积水严重。",
        "改造易涝点排水管网，建设调蓄池和透水铺装，完善内涝预警。",
        "长春市水务局",
        ("长春市住房和城乡建设局",),
    ),
    Hand(
        "关于建设口袋公园的建议",
        G,
        "老城区绿地少，居民休闲空间不足。",
        "利用边角地、闲置地建设口袋公园，增设座椅和健身设施。",
        "长春市林业和园林局",
        ("长春市自然资源局",),
    ),
    Hand(
        "关于推进生活垃圾分类的建议",
        G,
        "垃圾分类投放设施不完善，混装混运仍存在。",
        "完善分类投放和运输体系，建设厨余垃圾处理设施，推行积分激励。",
        "长春市城市管理局",
    ),
    Hand(
        "关于老旧小区加装电梯的建议",
        S,
        "多层住宅老人上下楼难，加装电梯审批和协调难。",
        "简化加装电梯审批，给予财政补贴，建立低层住户补偿协商机制。",
        "长春市住房和城乡建设局",
        ("长春市自然资源局",),
    ),
    Hand(
        "关于发展社区老年助餐服务的建议",
        S,
        "独居和高龄老人吃饭难。",
        "在社区建设老年助餐点，对高龄、困难老人就餐给予补贴，发展送餐上门。",
        "长春市民政局",
    ),
    Hand(
        "关于发展普惠托育服务的建议",
        S,
        "托育机构少、收费高，年轻家庭负担重。",
        "对普惠托位给予建设和运营补贴，支持社区嵌入式托育和用人单位办托。",
        "长春市卫生健康委员会",
        ("长春市财政局",),
    ),
    Hand(
        "关于提升冬季供热质量的建议",
        S,
        "部分小区室温不达标，供热投诉集中。",
        "加快老旧供热管网改造，安装室温监测装置，建立供热质量考核。",
        "长春市住房和城乡建设局",
    ),
    Hand(
        "关于留住在长高校毕业生的建议",
        S,
        "本地高校毕业生大量外流。",
        "发放就业见习补贴和租房补贴，建设青年人才驿站，打造青年友好城市。",
        "长春市人力资源和社会保障局",
        ("长春市住房和城乡建设局",),
    ),
    Hand(
        "关于缓解医院周边停车难的建议",
        S,
        "大型医院周边停车位不足，排队停车堵塞交通。",
        "建设立体停车楼，推行机关单位车位错时共享，发布停车诱导信息。",
        "长春市交通运输局",
        ("长春市公安局",),
    ),
    Hand(
        "关于优化公交线网的建议",
        S,
        "新建小区公交覆盖不足，线路重复绕行。",
        "依据刷卡和手机信令数据重新规划公交线网，开通社区微循环公交。",
        "长春市交通运输局",
        ("长春市公交集团有限公司",),
    ),
    Hand(
        "关于地铁站接驳公交的建议",
        S,
        "轨道交通站点周边接驳不便。",
        "开通接驳微循环巴士，设置非机动车停放区，实现公交地铁换乘优惠。",
        "长春市交通运输局",
        ("长春市公交集团有限公司",),
    ),
    Hand(
        "关于推进冰雪运动进校园的建议",
        S,
        "中小学冰雪课程开设不均衡。",
        "支持学校浇筑冰场，把滑冰纳入冬季体育课，组织学生上雪场。",
        "长春市教育局",
        ("长春市体育局",),
    ),
    Hand(
        "关于加强中小学生心理健康教育的建议",
        S,
        "学生心理问题增多，专职心理教师不足。",
        "每校配备专职心理教师，建立心理筛查和医校转介机制。",
        "长春市教育局",
        ("长春市卫生健康委员会",),
    ),
    Hand(
        "关于异地就医直接结算的建议",
        S,
        "冬季候鸟老人在外地就医报销不便。",
        "扩大跨省直接结算定点医院，推行线上备案，实现门诊费用直接结算。",
        "长春市医疗保障局",
    ),
    Hand(
        "关于保障外卖骑手权益的建议",
        S,
        "新就业形态劳动者缺少职业伤害保障。",
        "推行职业伤害保障，建设户外劳动者驿站，督促平台企业落实责任。",
        "长春市人力资源和社会保障局",
        ("长春市总工会",),
    ),
    Hand(
        "关于电动自行车集中充电设施建设的建议",
        S,
        "电动自行车入户充电引发火灾隐患。",
        "在小区建设集中充电棚和智能充电桩，加装电梯阻车装置。",
        "长春市应急管理局",
        ("长春市住房和城乡建设局",),
    ),
    Hand(
        "关于提升冬季道路清雪效率的建议",
        S,
        "降雪后道路结冰，清雪不及时影响通行。",
        "增加机械化清雪设备，推行雪停即清和分区包保责任制。",
        "长春市城市管理局",
    ),
    Hand(
        "关于促进残疾人就业的建议",
        S,
        "残疾人就业渠道窄。",
        "落实按比例就业，开发公益岗位，扶持辅助性就业机构。",
        "长春市残疾人联合会",
        ("长春市人力资源和社会保障局",),
    ),
    Hand(
        "关于振兴长春电影产业的建议",
        C,
        "电影城品牌影响力下降，影视企业少。",
        "依托长影旧址和长春电影节，建设影视拍摄基地，对来长拍摄剧组给予补贴。",
        "长春市文化广播电视和旅游局",
    ),
    Hand(
        "关于保护利用近代历史建筑的建议",
        C,
        "部分历史建筑年久失修。",
        "建立保护名录，修缮后活化利用为博物馆、书店和文创空间。",
        "长春市自然资源局",
        ("长春市文化广播电视和旅游局",),
    ),
    Hand(
        "关于建设城市书房的建议",
        C,
        "居民夜间缺少公共阅读空间。",
        "在社区和公园建设24小时自助城市书房，与市图书馆通借通还。",
        "长春市文化广播电视和旅游局",
    ),
    Hand(
        "关于一汽历史文化街区保护更新的建议",
        C,
        "一汽老厂区建筑群具有工业遗产价值。",
        "保护性更新历史街区，发展汽车文化旅游和文创产业。",
        "长春汽车经济技术开发区管理委员会",
        ("长春市文化广播电视和旅游局",),
    ),
    Hand(
        "关于传承二人转等非物质文化遗产的建议",
        C,
        "非遗传承人老龄化，后继乏人。",
        "给予传承人补助，开设传习班，推动非遗进校园进社区。",
        "长春市文化广播电视和旅游局",
    ),
    Hand(
        "关于减少涉企重复检查的建议",
        P,
        "企业反映多个部门重复上门检查。",
        "推行综合查一次、双随机抽查和首违不罚，统筹年度检查计划。",
        "长春市司法局",
        ("长春市市场监督管理局",),
    ),
    Hand(
        "关于深化一网通办的建议",
        P,
        "高频政务事项仍需线下跑动，材料重复提交。",
        "推进电子证照共享复用，实现高频事项全程网办和跨部门一件事办理。",
        "长春市政务服务和数字化建设管理局",
    ),
    Hand(
        "关于打破部门数据壁垒的建议",
        P,
        "部门数据共享不足，形成信息孤岛。",
        "建设统一的数据共享交换平台，制定共享责任清单，考核共享成效。",
        "长春市政务服务和数字化建设管理局",
    ),
    Hand(
        "关于扩大政府采购中小企业份额的建议",
        E,
        "中小企业参与政府采购门槛高。",
        "预留采购份额给中小企业，免收投标保证金，推行采购合同融资。",
        "长春市财政局",
    ),
    Hand(
        "关于发展肉牛产业的建议",
        E,
        "养殖户缺资金和良种。",
        "实施肉牛增量工程，给予养殖贷款贴息，建设屠宰加工项目。",
        "长春市农业农村局",
    ),
    Hand(
        "关于加大首次认定高新技术企业奖励力度的建议",
        E,
        "我市高新技术企业数量与同类城市差距大，首次认定的奖励标准偏低，企业申报积极性不高。",
        "提高首次认定国家高新技术企业的奖励标准，奖励直达企业、免于申报，并对培育入库企业给予辅导。",
        "长春市科学技术局",
        ("长春市财政局",),
    ),
    Hand(
        "关于发展预制菜产业的建议",
        E,
        "农产品加工链条短。",
        "依托玉米、牛肉资源建设预制菜产业园，制定地方标准，打造东北菜品牌。",
        "长春市工业和信息化局",
        ("长春市农业农村局",),
    ),
]

# generated proposals: (category, topic, matter, suggestion, lead unit)
TOPICS = [
    (E, "汽车产业", "整车企业与本地零部件企业协同不足", "建立配套对接机制，给予本地配套奖励", "长春市工业和信息化局"),
    (E, "数字经济", "中小企业数字化转型成本高", "发放数字化转型券，建设行业工业互联网平台", "长春市工业和信息化局"),
    (E, "现代农业", "农业社会化服务覆盖不足", "培育农业生产托管组织，给予作业补贴", "长春市农业农村局"),
    (E, "消费提振", "商圈业态老化、客流不足", "引进首店和新业态，改造提升重点商圈", "长春市商务局"),
    (E, "科技创新", "企业研发投入强度偏低", "落实研发费用加计扣除，给予研发投入后补助", "长春市科学技术局"),
    (E, "营商环境", "企业开办和项目审批环节多", "推行告知承诺和并联审批，压缩办理时限", "长春市营商环境建设局"),
    (E, "金融服务", "小微企业首贷难", "建立首贷服务中心，给予首贷贴息", "长春市地方金融管理局"),
    (E, "开放合作", "外贸企业开拓市场能力弱", "支持企业参加境外展会，给予出口信保补贴", "长春市商务局"),
    (E, "文旅消费", "冬季旅游产品单一", "开发冰雪温泉组合产品，发放文旅消费券", "长春市文化广播电视和旅游局"),
    (S, "教育", "城区学位供给紧张", "新建改扩建中小学，推进集团化办学", "长春市教育局"),
    (S, "医疗卫生", "基层医疗机构服务能力弱", "推进紧密型医联体，专家下沉社区", "长春市卫生健康委员会"),
    (S, "养老服务", "居家社区养老服务供给不足", "建设社区养老服务综合体，发展助餐助浴", "长春市民政局"),
    (S, "就业创业", "青年就业结构性矛盾突出", "扩大见习岗位，开展订单式技能培训", "长春市人力资源和社会保障局"),
    (S, "城市交通", "早晚高峰拥堵", "优化信号配时，建设微循环道路", "长春市公安局"),
    (S, "住房保障", "新市民租房负担重", "筹集保障性租赁住房，盘活存量房源", "长春市住房和城乡建设局"),
    (S, "社区治理", "社区工作负担重", "清理进社区事项，充实社区工作力量", "长春市民政局"),
    (S, "食品安全", "小餐饮监管薄弱", "推行明厨亮灶，建设智慧监管平台", "长春市市场监督管理局"),
    (G, "生态环境", "冬季大气污染物排放集中", "推进清洁取暖改造，淘汰燃煤小锅炉", "长春市生态环境局"),
    (G, "水环境", "农村生活污水处理设施不足", "建设分散式污水处理站，纳入统一运维", "长春市水务局"),
    (G, "城市绿化", "城区绿道不连贯", "建设环城绿道和口袋公园", "长春市林业和园林局"),
    (C, "文化事业", "基层公共文化设施利用率低", "推行总分馆制，丰富基层文化活动", "长春市文化广播电视和旅游局"),
    (C, "体育健身", "全民健身场地不足", "利用闲置空间建设社区健身设施", "长春市体育局"),
    (P, "法治建设", "基层法律服务供给不足", "推进公共法律服务站点建设，发展线上法律咨询", "长春市司法局"),
    (P, "政务服务", "政务服务事项标准不统一", "统一办事指南，推进跨区域通办", "长春市政务服务和数字化建设管理局"),
]
PLACES = [
    "南关区",
    "朝阳区",
    "宽城区",
    "二道区",
    "绿园区",
    "双阳区",
    "九台区",
    "长春新区",
    "经开区",
    "高新区",
    "净月区",
    "汽开区",
    "农安县",
    "德惠市",
    "榆树市",
    "公主岭市",
    "全市",
]
ANGLES = [
    "关于{place}{topic}补短板的建议",
    "关于解决{place}{topic}突出问题的建议",
    "关于完善{place}{topic}政策的建议",
    "关于推动{place}{topic}高质量发展的建议",
    "关于加强{place}{topic}工作的建议",
]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _get_or_create_account(
    session: Session, username: str, role: str, display: str, password_hash: str, department: str | None = None
) -> Account:
    found = session.scalar(select(Account).where(Account.username == username))
    if found is None:
        found = Account(
            username=username, password_hash=password_hash, role=role, display_name=display, department=department
        )
        session.add(found)
        session.flush()
    return found


def seed_proposals(
    session: Session, as_of: dt.date, password_hash: str, *, generated: int = 429, seed: int = 11
) -> list[tuple[str, str, str]]:
    """Units, members, demo accounts and the demo year's proposals; does nothing when units exist already.

    Returns (username, role, who) of the demo accounts, for the start-up banner.
    """
    accounts = [
        ("member1", "member", "王建华委员"),
        ("member2", "member", "李晓东委员"),
        ("member3", "member", "赵思远委员"),
        ("committee1", "committee", "提案委员会办公室"),
        ("leader1", "leader", "孙立新副主席"),
        ("info1", "info_office", "信息办"),
        ("unit1", "unit", "长春市商务局"),
        ("unit2", "unit", "长春市科学技术局"),
        ("unit3", "unit", "长春市交通运输局"),
    ]
    listing = [(u, r, w) for u, r, w in accounts]
    wf.schedule_chase(session, today())  # the daily 催办 run (one job per day, queued once)
    if session.scalar(select(func.count()).select_from(HandlingUnit)):
        return listing
    rng = random.Random(seed)
    units = {name: HandlingUnit(name=name, short_name=short, kind=kind) for name, short, kind in UNITS}
    session.add_all(units.values())
    made = {
        u: _get_or_create_account(session, u, r, w, password_hash, w if r == "unit" else None) for u, r, w in accounts
    }
    people: list[ConferenceMember] = []
    for username, display in (
        ("member1", "王建华"),
        ("member2", "李晓东"),
        ("member3", "赵思远"),
        ("leader1", "孙立新"),
    ):
        people.append(
            ConferenceMember(
                account_pk=made[username].id,
                name=display,
                sector_group="科学技术界" if username != "leader1" else "中国共产党",
                committee="提案委员会",
                is_leader=username == "leader1",
            )
        )
    for i in range(420):
        people.append(
            ConferenceMember(
                name=_name(rng),
                sector_group=SECTORS[i % len(SECTORS)],
                committee=COMMITTEES[i % len(COMMITTEES)],
                is_leader=i < 8,
            )
        )
    session.add_all(people)
    session.flush()
    leaders = [m for m in people if m.is_leader]
    year = as_of.year - 1  # the last complete year
    _hand_written(session, made, people, year, rng)
    _generated(session, people, leaders, units, year, generated, rng)
    audit.record(
        session,
        "system:demo",
        "conference.demo_seed",
        "conference:demo",
        {"year": year, "units": len(units), "members": len(people), "note": DEMO},
    )
    return listing


def _hand_written(
    session: Session, made: dict[str, Account], people: list[ConferenceMember], year: int, rng: random.Random
) -> None:
    """The hand-written proposals through the real workflow, as members 1-3 would have written them."""
    committee = made["committee1"]
    start = dt.date(year, 1, 8)
    proposers = [made["member1"], made["member2"], made["member3"]]
    for i, hand in enumerate(HAND):
        author = proposers[i % 3]
        mine = next(m for m in people if m.account_pk == author.id)
        cosigners = [m.id for m in people[:3] if m.id != mine.id][: i % 3]
        p = wf.draft(
            session,
            author,
            title=hand.title,
            category=hand.category,
            case_text=hand.case,
            analysis="（示例数据）",
            suggestions=hand.suggestions,
            suggested_units=[hand.lead, *hand.co],
            cosigner_pks=cosigners,
            year=year,
            public_consent=i % 4 != 3,
            sample=True,
        )
        day = start + dt.timedelta(days=i % 10)
        wf.submit(session, author, p, day)
        for pk in cosigners:
            signer = next(a for a in proposers if a.id == next(m.account_pk for m in people if m.id == pk))
            wf.cosign(session, signer, p, True, day)
        wf.file_proposal(session, committee, p, day + dt.timedelta(days=20))
        assigned_on = day + dt.timedelta(days=30)
        wf.assign(session, committee, p, assigned_on, lead=hand.lead, co=list(hand.co))
        if i % 5 == 4:
            continue  # still being handled: some of these are late (the dashboard shows them)
        # co-handling opinions first: the lead unit answers only once every one of them is in
        for a in sorted(p.assignments, key=lambda a: a.role != "co"):
            unit_account = _unit_account(session, a.unit, made)
            if a.role == "co":
                wf.send_opinion(session, unit_account, a, "同意主办单位意见，本单位配合落实。")
            else:
                wf.record_contact(session, unit_account, a, assigned_on + dt.timedelta(days=20), "电话沟通办理思路")
                wf.answer(
                    session,
                    unit_account,
                    a,
                    f"经研究，{hand.suggestions[:40]}……已纳入年度工作安排。（示例数据）",
                    "ABC"[i % 3 if i % 7 else 0],
                    assigned_on + dt.timedelta(days=60 + i % 40),
                )
        rating = "satisfied" if i % 6 else "basic"
        wf.evaluate(session, author, p, rating, "", assigned_on + dt.timedelta(days=110))
        if p.public_consent:
            wf.publish(session, committee, p)


def _unit_account(session: Session, unit: HandlingUnit, made: dict[str, Account]) -> Account:
    """The unit's demo account (unit1-3), or a staff account made for the unit on first use."""
    for account in made.values():
        if account.role == "unit" and account.department == unit.name:
            return account
    username = f"unit-{unit.id}"
    return _get_or_create_account(session, username, "unit", unit.name, made["unit1"].password_hash, unit.name)


def _generated(
    session: Session,
    people: list[ConferenceMember],
    leaders: list[ConferenceMember],
    units: dict[str, HandlingUnit],
    year: int,
    count: int,
    rng: random.Random,
) -> None:
    """The rest of the year, inserted directly in final states (filed ≈ 88%, not filed, merged)."""
    names = list(units)
    numbered = (
        session.scalar(
            select(func.count()).select_from(Proposal).where(Proposal.year == year, Proposal.number.is_not(None))
        )
        or 0
    )
    filed_by_topic: dict[str, list[int]] = {}
    for i in range(count):
        category, topic, matter, suggestion, lead = rng.choice(TOPICS)
        place = rng.choice(PLACES)
        proposer = rng.choice(people[4:])
        submitted = dt.date(year, 1, 5) + dt.timedelta(days=rng.randrange(0 if i < count * 0.7 else 40, 240))
        p = Proposal(
            year=year,
            title=rng.choice(ANGLES).format(place=place, topic=topic),
            category=category,
            case_text=f"{place}{matter}。（示例数据）",
            analysis="（示例数据）",
            suggestions=f"{suggestion}。",
            suggested_units=[lead],
            proposer_pk=proposer.id,
            origin="member",
            during="plenary" if submitted.month <= 2 else "regular",
            submitted_on=submitted,
            public_consent=rng.random() < 0.6,
            sample=True,
        )
        roll = rng.random()
        if roll < 0.08:
            p.state, p.reason, p.disposal = (
                PState.NOT_FILED,
                "属于个案诉求或不属于政协提案范围",
                rng.choice(["report", "reference"]),
            )
            p.disposal_unit = rng.choice(names) if p.disposal == "reference" else None
            session.add(p)
            continue
        if roll < 0.11 and filed_by_topic.get(topic):
            p.state, p.merged_into_pk = PState.MERGED, rng.choice(filed_by_topic[topic])
            session.add(p)
            continue
        numbered += 1
        p.number, p.filed_on = f"{year}-{numbered:04d}", submitted + dt.timedelta(days=15)
        p.assigned_on = p.filed_on + dt.timedelta(days=10)
        p.deadline = add_months(p.assigned_on, 3)
        p.mode = "lead"
        p.is_key = rng.random() < 0.04
        if p.is_key:
            p.supervisor_pk = rng.choice(leaders).id
        session.add(p)
        session.flush()
        filed_by_topic.setdefault(topic, []).append(p.id)
        co = rng.sample([n for n in names if n != lead], k=rng.choice((0, 0, 1, 2)))
        late_unit = rng.random() < 0.1
        answered_on = p.assigned_on + dt.timedelta(days=rng.randrange(30, 85 if not late_unit else 120))
        open_item = rng.random() < 0.04
        lead_row = Assignment(proposal_pk=p.id, unit_pk=units[lead].id, role="lead")
        session.add(lead_row)
        for name in co:
            session.add(
                Assignment(
                    proposal_pk=p.id,
                    unit_pk=units[name].id,
                    role="co",
                    state=AState.ASSIGNED if open_item else AState.OPINION_SENT,
                    opinion=None if open_item else "同意主办单位意见（示例数据）",
                )
            )
        if open_item:
            p.state = PState.ASSIGNED
            continue
        lead_row.state, lead_row.answered_on = AState.ANSWERED, answered_on
        lead_row.contacted_on = answered_on - dt.timedelta(days=10)
        lead_row.contact_note = "电话联系提案人，沟通办理思路和进度（示例数据）"
        lead_row.answer_class = rng.choices("ABC", weights=(55, 35, 10))[0]
        lead_row.answer = f"关于{topic}的建议已研究办理：{suggestion}。（示例数据）"
        rating = rng.choices(["satisfied", "basic", "unsatisfied"], weights=(80, 17, 3))[0]
        session.add(
            Evaluation(proposal_pk=p.id, round=1, rating=rating, comment="", at=answered_on + dt.timedelta(days=7))
        )
        if rating == "unsatisfied":
            p.state, p.round = PState.ASSIGNED, 2
            lead_row.state, lead_row.round = AState.ASSIGNED, 2
            lead_row.contacted_on = None
            p.deadline = add_months(answered_on + dt.timedelta(days=7), 3)
        else:
            p.state, p.closed_on = PState.CLOSED, answered_on + dt.timedelta(days=7)
            p.published = p.public_consent
    session.flush()
