# ruff: noqa: E501  (the documents' lines are as long as their paragraphs)
"""Writes d6 and d16 (.docx), d7, d14, d17, d20 and d21 (.pdf with a text layer), the whole documents whose copies are binary files; d8 is a
.txt pasted from a PDF and lives as it is. Run once (``python -m tests.extract.real.documents.write_documents``
from the repository's root); the files it writes are committed, so the tests never write them.

Each text is worded by us in the structure of the real document named in its .yaml (``sources``); no document
text is copied. The artefacts are those of real copies: a Word file with chapter headings centred and articles
indented by full-width spaces, a title block and a table; a PDF whose lines break at the page's width, with a
running header and a page number on every page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

HERE = Path(__file__).parent

D6 = """\
滨河市人民政府办公室关于印发滨河市支持企业上市挂牌暂行办法的通知
滨府办发〔2024〕12号
各县（区）人民政府，市政府各部门、各直属机构：
《滨河市支持企业上市挂牌暂行办法》已经2024年第6次市政府常务会议研究通过，现印发给你们，请认真抓好落实。
滨河市人民政府办公室
2024年4月18日
滨河市支持企业上市挂牌暂行办法
第一章　总　　则
　　第一条　为推动更多企业借助资本市场做优做强，依据《国务院关于进一步提高上市公司质量的意见》（国发〔2020〕14号）等文件精神，结合我市实际，制定本办法。
　　第二条　本办法所称企业，是指工商注册、税务征管和统计关系均在本市，并承诺自上市（挂牌）当年起5年内不迁出本市的企业。
　　第三条　市财政每年预算安排企业上市挂牌专项资金3000万元，专款用于本办法规定的各项奖补。
第二章　奖补标准
　　第四条　支持设立产业引导基金，对拟上市企业进行股权投资，具体办法另行制定。
　　第五条　对在上海、深圳、北京证券交易所首次公开发行股票并上市的企业，给予一次性奖励800万元，按辅导备案、申报受理、成功上市三个阶段分别拨付30%、30%、40%。
　　第六条　对在境外主要资本市场首发上市、首发融资额达到1000万美元以上的企业，给予一次性奖励300万元。
　　第七条　对在全国中小企业股份转让系统挂牌的企业，给予一次性奖励100万元；进入创新层的，再给予50万元奖励。
　　第八条　对在区域性股权市场挂牌并实现股权融资的企业，按股权融资额的2%给予奖励，最高不超过30万元。
　　第九条　对上市企业在本市实施再融资的，按再融资额的1%给予奖励，最高不超过200万元。
第三章　申报和管理
　　第十条　企业应自符合奖励条件之日起6个月内提出申请，逾期不予受理。
　　第十一条　市地方金融监管局会同市财政局对申报材料进行审核，审核结果在市政府门户网站公示5个工作日。
　　第十二条　企业在享受奖励后5年内迁出本市或以虚假材料骗取奖励资金的，由财政部门全额追回已拨付资金，3年内不得申报市级财政扶持资金。
　　第十三条　同一企业同时符合本办法第五条、第六条的，按就高原则给予奖励，不重复享受。
第四章　附　　则
　　第十四条　本办法由市地方金融监管局负责解释。
　　第十五条　本办法自2024年5月1日起施行，有效期3年。
"""

D7_HEADER = "东岭市人民政府行政规范性文件"
D7 = """\
东岭市人民政府办公室关于印发东岭市推进全域旅游高质量发展奖励办法的通知
东府办规〔2024〕9号
东岭市推进全域旅游高质量发展奖励办法
为加快文化和旅游产业发展，打造知名文化旅游目的地，根据《东岭市“十四五”文化和旅游发展规划》，制定本办法。
一、奖励对象
在本市依法登记注册、正常经营的文化旅游企业，且近三年内未发生较大及以上安全生产事故。
二、奖励标准
（一）品质提升奖励
1．对新评定的国家5A级、4A级旅游景区，分别给予一次性奖励300万元、50万元。
2．对新评定的国家级旅游度假区，给予一次性奖励100万元。
3．对新评定的星级旅游饭店，按附件所列标准给予一次性奖励。
4．对新评定的甲级、乙级旅游民宿，分别给予一次性奖励5万元、2万元。
（二）市场开拓奖励
1．旅行社年度组织外地游客来本市过夜游览累计达到1000人次以上的，按每人次20元给予奖励，每家旅行社年度奖励总额不超过20万元。
2．对年度主营业务收入首次达到1亿元以上的文化旅游企业，给予一次性奖励30万元。
（三）节会活动奖励
对在本市举办、参与人数达到1万人次以上的文化旅游节会活动，按活动实际投入的30%给予补助，最高不超过50万元。
三、资金来源
奖励资金从市文化旅游发展专项资金中列支，年度安排1500万元，当年资金用完为止。
四、申报程序
（一）申报时间为每年3月1日至3月31日，逾期不予受理。
（二）市文化广电旅游局会同市财政局对申报材料进行初审，初审结果公示7个工作日。
五、其他
（一）同一项目符合本办法多项奖励的，按最高标准给予奖励，不重复享受。
（二）获得奖励资金的企业，应将资金用于项目后续建设和运营。
（三）本办法自2025年1月1日起施行，有效期至2027年12月31日。
附件
星级旅游饭店奖励标准
星级 一次性奖励（万元）
五星级 20
四星级 8
"""

D14_HEADER = "北岭市人民政府行政规范性文件"
# a PDF copy's artefacts, written in: 第 五 条 spaced, 1 000 with a thousands space, a word split by a space
# (研发费 用, 高新技术 企业), half-width (二) and commas beside full-width ones, a full-width ％ and a full-width
# numeral (５０), and (by write_d14) lines broken at the page's width with the header and page number between them
D14 = """\
北岭市人民政府关于印发北岭市促进科技创新高质量发展若干政策的通知
北政发〔2025〕18号
各县（市）区人民政府，市政府各委办局，各开发区管委会：
现将《北岭市促进科技创新高质量发展若干政策》印发给你们，请结合实际认真贯彻落实。
北岭市人民政府
2025年5月26日
北岭市促进科技创新高质量发展若干政策
第一章　总　则
第 一 条　为深入实施创新驱动发展战略，强化企业科技创新主体地位，根据《中华人民共和国促进科技成果转化法》等法律法规，结合本市实际，制定本政策。
第 二 条　本政策适用于在本市依法登记注册、具有独立法人资格的企业、高等院校、科研院所和新型研发机构。
第 三 条　申报本政策支持的单位应同时符合以下条件：
（一）近三年内未被列入严重失信主体名单；
（二）近三年内未发生重大安全生产、环境污染和产品质量事故；
（三）财务管理制度健全，按规定报送统计数据。
第 四 条　市财政每年统筹安排科技创新专项资金2亿元，用于本政策规定的各项支持，由市科技局会同市财政局管理。
第二章　培育创新主体
第 五 条　支持高新技术企业发展。对首次认定的国家高新技术 企业，给予一次性奖励30万元；通过重新认定的，给予一次性奖励10万元。
第 六 条　支持企业加大研发投入。
（一）对上年度研发费用达到200万元以上且较上一年度增长的企业，按研发费 用增量部分的10%给予补助，单个企业最高不超过300万元。
（二）对上年度研发费用首次突破1 000万元的企业，给予一次性奖励50万元。
第 七 条　支持建设企业研发机构。对新认定的国家级、省级企业技术中心，分别给予一次性奖励200万元、５０万元。
第 八 条　支持建设重点实验室。对本市企业、高等院校和科研院所新获批建设的省级重点实验室，给予一次性奖励100万元。
第 九 条　对新认定的省级工程研究中心、省级技术创新中心，按本政策第八条标准执行。
第三章　促进成果转化
第 十 条　支持知识产权创造和技术交易。
（一）对企业上年度新获授权的发明专利，每件给予1万元资助，单个企业每年最多资助20件。
(二)对上年度登记的技术合同成交额达到500万元、1 000万元、3 000万元以上的企业，分别给予10万元、20万元、50万元奖励。
第十一条　支持承担国家科技计划。对本市企业、高等院校和科研院所牵头承担国家重点研发计划项目的，按项目获得国拨经费的10％给予配套支持，单个项目最高不超过200万元。
第十二条　支持科技企业孵化。对入驻本市科技企业孵化器的企业,自入驻之日起,前两年按实际租金的100%给予补贴,后两年按实际租金的50%给予补贴。
第四章　附　则
第十三条　本政策资金实行年度申报，申报时间为每年3月1日至4月30日，具体以市科技局发布的申报通知为准。
第十四条　同一单位同一事项符合本政策多项条款或本市其他同类政策的，按就高原则给予支持，不重复享受。
第十五条　本政策由市科技局负责解释。
第十六条　本政策自2025年7月1日起施行，有效期至2027年12月31日。
"""

D17_HEADER = "西川市人民政府公报\n2025年第13期（总第286期）"
# a PDF copy's artefacts, written in: a gazette's two-line header with its issue numbers on every page, 第X条 with
# no spaces but a full-width space before the text, 5 000 and 1 500 with a thousands space, half-width (二) and
# commas, and (by write_d17) lines broken at the page's width with the header and a page number (— 2 —) between
# the lines of one article; the 附件 table's cells each on a line of their own, as a PDF's table often copies out
D17 = """\
西川市人民政府办公室关于印发西川市知识产权资助和奖励办法的通知
西政办规〔2025〕7号
各县（市）区人民政府，开发区管委会，市政府各委办局、各直属机构：
《西川市知识产权资助和奖励办法》已经市政府第32次常务会议审议通过，现印发给你们，请认真组织实施。
西川市人民政府办公室
2025年6月12日
西川市知识产权资助和奖励办法
第一章　总　则
第一条　为全面实施知识产权强市战略，激励知识产权高质量创造和高效益运用，根据《知识产权强国建设纲要（2021—2035年）》《吉林省知识产权保护和促进条例》等规定，结合本市实际，制定本办法。
第二条　本办法适用于在本市依法登记注册、具有独立法人资格的企业、高等院校和科研院所（以下简称申请单位）。
第三条　申请单位应当同时具备下列条件：
（一）未被列入严重失信主体名单；
（二）近两年内无故意侵犯他人知识产权、提交非正常专利申请等行为。
第四条　市财政每年在知识产权专项资金中安排1 500万元，用于本办法规定的资助和奖励，由市市场监督管理局（知识产权局）会同市财政局管理。
第二章　知识产权创造资助
第五条　专利资助。
（一）对申请单位上年度新获授权的发明专利，每件资助5 000元，同一单位每年资助不超过30件。
(二)对申请单位通过《专利合作条约》（PCT）途径提交国际专利申请并于上年度进入国家阶段的，每件资助2万元，每家单位每年最多资助10件。
第六条　商标和地理标志资助。
（一）对企业上年度通过马德里体系新获得国际注册的商标，每件资助3000元，每家企业每年最多资助10件。
（二）对上年度新获核准注册的地理标志证明商标、集体商标，每件奖励10万元。
第七条　高价值专利奖励。对上年度获得中国专利金奖、银奖、优秀奖的申请单位，分别给予一次性奖励50万元、30万元、10万元；获得吉林省专利奖的，奖励标准另行制定。
第三章　知识产权运用和管理奖励
第八条　知识产权贯标和专利导航。
（一）对上年度首次通过《企业知识产权管理规范》（GB/T 29490—2023）认证的企业，给予一次性奖励5万元。
（二）对上年度完成专利导航项目并通过市知识产权局验收的企业，给予一次性奖励10万元。
第九条　知识产权示范企业奖励。对上年度新认定的知识产权示范企业、优势企业，按附件所列标准给予一次性奖励。
第十条　知识产权质押融资。
（一）对以专利权、商标专用权质押方式获得银行贷款的企业，按一年期贷款市场报价利率（LPR）计算的利息的50%给予贴息，单户企业年度贴息不超过30万元。
（二）对企业办理知识产权质押融资发生的评估费，按实际发生额的50%给予补助，每家企业每年最高不超过5万元。
第十一条　知识产权保险。对投保专利执行保险、知识产权海外侵权责任险的企业，按上年度实际缴纳保费的60%给予补贴，每家企业每年最高5万元。
第四章　附　则
第十二条　同一申请单位年度资助和奖励总额不超过100万元。同一项目符合本办法多项条款或本市其他同类政策的，按就高原则给予支持，不重复享受。
第十三条　资助和奖励实行年度申报，申报时间为每年4月1日至5月31日。以虚假材料骗取资金的，追回已拨付资金，5年内不得申报本市各类财政资金。
第十四条　本办法由市市场监督管理局（知识产权局）负责解释。
第十五条　本办法自2025年8月1日起施行，有效期至2028年7月31日。
附件
知识产权示范企业和优势企业奖励标准
序号
类别
奖励金额（万元）
1
国家知识产权示范企业
50
2
国家知识产权优势企业
30
3
吉林省知识产权示范企业
10
"""


def write_d6(path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = Document()
    for line in D6.splitlines():
        paragraph = document.add_paragraph(line)
        if line.startswith("第") and "章" in line[:4]:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # the issuing office's contact table at the end, as a Word copy of a 通知 often carries
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "联系单位", "市地方金融监管局"
    table.cell(1, 0).text, table.cell(1, 1).text = "联系电话", "0431-88886666"
    document.save(str(path))


def _page_lines(text: str, width: int) -> list[str]:
    """The text's lines as a page of ``width`` characters breaks them (the width, not the sentence, decides)."""
    lines: list[str] = []
    for paragraph in text.splitlines():
        while len(paragraph) > width:
            lines.append(paragraph[:width])
            paragraph = paragraph[width:]
        lines.append(paragraph)
    return lines


def _pages(text: str, width: int, per_page: int) -> list[list[str]]:
    """The text's lines broken at the page's width, per_page lines to a page."""
    lines = _page_lines(text, width)
    return [lines[i : i + per_page] for i in range(0, len(lines), per_page)]


def _printed(text: str, header: str, page_number: str, width: int, per_page: int, path: Path) -> None:
    """A PDF whose lines break at the page's width, with a running header above and a page number below every page,
    as a printed 规范性文件 has them (they fall between the lines of an article that spans two pages)."""
    from tests.extract.pdfmake import write_pdf

    pages = _pages(text, width, per_page)
    printed = "\n".join("\n".join([header, *page, page_number.format(n)]) for n, page in enumerate(pages, start=1))
    # a header of two lines (a gazette's name and its issue) takes two of the page's lines
    write_pdf(printed, path, width=10_000, lines_per_page=per_page + 1 + len(header.splitlines()))


def write_d7(path: Path) -> None:
    _printed(D7, D7_HEADER, "— {} —", 34, 30, path)


def write_d14(path: Path) -> None:
    _printed(D14, D14_HEADER, "- {} -", 36, 24, path)


# d16 (doc13): a 细则 typed in Word, as a 通知 that 印发s it with the 细则 after 附件. Its 申报条件, two items of 第十一条,
# the 材料 list and the 程序 list are numbered by Word's automatic numbering (the paragraph holds no （一） or 1.);
# each list restarts its count. D16's lines marked with a prefix: "#A " an item of a （%1） list, "#D " an item of a
# %1. list, "#R " the first item of a new list of the previous line's kind; "#T" where the 支持标准 table goes.
D16 = """\
南屏市工业和信息化局　南屏市财政局关于印发《南屏市制造业数字化转型专项资金实施细则》的通知
南工信联发〔2025〕7号
各县（市、区）工业和信息化主管部门、财政局，各有关单位：
为贯彻落实《南屏市推动制造业高质量发展若干政策措施》（南政发〔2025〕3号，以下简称《若干措施》），规范专项资金使用管理，我们制定了《南屏市制造业数字化转型专项资金实施细则》，现印发给你们，请认真组织实施。
附件：南屏市制造业数字化转型专项资金实施细则
南屏市工业和信息化局　　南屏市财政局
2025年6月10日
附件
南屏市制造业数字化转型专项资金实施细则
第一章　总　　则
第一条　为落实《若干措施》第八条、第九条、第十二条和第十三条，规范制造业数字化转型专项资金（以下简称专项资金）管理，提高资金使用效益，制定本细则。
第二条　专项资金由市财政年度预算安排，年度规模5000万元，由市工业和信息化局会同市财政局管理。
第三条　本细则支持对象为在本市依法登记注册、具有独立法人资格的规模以上工业企业。
第二章　申报条件
第四条　申报专项资金的企业应同时具备以下条件：
#R 近三年内未被列入严重失信主体名单；
#A 近三年内未发生重大安全生产、环境污染和产品质量事故；
#A 财务管理制度健全，按时报送统计报表。
第三章　支持方向和标准
第五条　数字化改造项目（《若干措施》第八条）。对企业实施的数字化改造项目，项目设备投资额（含软件）达到300万元以上的，按设备投资额的10%给予补助，单个项目最高不超过200万元。
第六条　智能制造示范（《若干措施》第九条）。对新认定的国家级、省级智能制造示范工厂，分别给予一次性奖励200万元、100万元；对新认定的市级数字化车间，给予一次性奖励30万元。
第七条　优质企业梯度培育（《若干措施》第十二条）。对首次认定的专精特新企业和制造业单项冠军企业，按下表标准给予一次性奖励。
#T
第八条　智能装备应用。对企业上年度新购置并投入使用的工业机器人，每台给予1万元补助，单个企业年度补助最高不超过50万元。
第九条　重大技术改造项目。对设备投资额5000万元以上的重大技术改造项目，按设备投资额的8%给予补助，单个项目最高不超过1000万元。补助资金分两次拨付，项目开工建设后拨付50%，竣工验收后拨付50%。
第十条　对总投资10亿元以上、对产业链带动作用显著的重大数字化转型项目，采取“一事一议”方式给予支持，最高不超过2000万元。
第十一条　数字化转型服务（《若干措施》第十三条）。
#R 对企业购买第三方数字化转型诊断服务的，按服务合同金额的50%给予补助，单个企业最高不超过10万元。
#A 对新获评省级工业互联网平台的企业，给予一次性奖励50万元。
第四章　申报材料和程序
第十二条　申报企业应提交以下材料（纸质材料一式三份，同时报送电子版）：
#D 专项资金申报表；
#D 营业执照复印件及上年度财务审计报告；
#D 项目设备、软件购置合同和发票清单；
#D 信用承诺书。
第十三条　申报程序：
#R 申报时间为2025年7月1日至7月31日，逾期不予受理；
#A 各县（市、区）工业和信息化主管部门会同财政部门于8月15日前完成初审，并将初审意见报送市工业和信息化局；
#A 市工业和信息化局会同市财政局组织专家评审，评审结果在市工业和信息化局门户网站公示5个工作日。
第十四条　咨询电话：市工业和信息化局数字经济科0431-81234567，市财政局经济建设科0431-87654321。
第五章　监督管理
第十五条　同一企业同一项目符合本细则多项支持条款或本市其他同类政策的，按就高原则给予支持，不重复享受。
第十六条　企业以虚报、冒领等方式骗取专项资金的，由财政部门全额追回已拨付资金，3年内取消其申报资格。
第六章　附　　则
第十七条　本细则由市工业和信息化局、市财政局负责解释。
第十八条　本细则自2025年7月1日起施行，有效期3年。
"""

# the 支持标准 table after 第七条: a 类别 cell merged over the two rows of its kind, and a note merged across the row
D16_TABLE = [
    ["类别", "认定层级", "奖励标准（万元）"],
    ["专精特新企业", "国家级专精特新“小巨人”企业", "50"],
    ["", "省级专精特新中小企业", "20"],
    ["制造业单项冠军企业", "国家级制造业单项冠军企业", "100"],
    ["", "省级制造业单项冠军企业", "50"],
    ["注：奖励资金由市、县（市、区）两级财政按6:4比例分担。", "", ""],
]


WORD_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _word_list_levels(document: Any, lists: tuple[tuple[int, str, str], ...]) -> Any:
    """Word's list definitions (abstractNum id, number format, label template), one level each, indented as typed;
    returns the numbering part's element for the lists (w:num) that use them."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    indent = '<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr>'
    for abstract, fmt, text in lists:
        level = f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        level += f'<w:suff w:val="nothing"/>{indent}</w:lvl>'
        numbering.append(parse_xml(f'<w:abstractNum {WORD_NS} w:abstractNumId="{abstract}">{level}</w:abstractNum>'))
    return numbering


def write_d16(path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml

    w = WORD_NS
    document = Document()
    numbering = _word_list_levels(document, ((80, "chineseCounting", "（%1）"), (81, "decimal", "%1.")))
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    next_num = 80
    current = {"A": 0, "D": 0}

    def new_list(abstract: int) -> int:
        nonlocal next_num
        next_num += 1
        numbering.append(
            parse_xml(f'<w:num {w} w:numId="{next_num}"><w:abstractNumId w:val="{abstract}"/>{restart}</w:num>')
        )
        return next_num

    for line in D16.splitlines():
        if line == "#T":
            table = document.add_table(rows=len(D16_TABLE), cols=3)
            table.style = "Table Grid"
            for r, row in enumerate(D16_TABLE):
                for c, text in enumerate(row):
                    if text:
                        table.cell(r, c).text = text
            table.cell(1, 0).merge(table.cell(2, 0))
            table.cell(3, 0).merge(table.cell(4, 0))
            table.cell(5, 0).merge(table.cell(5, 2))
            continue
        kind, num = None, None
        if line.startswith("#R "):
            kind, line = "A", line[3:]
            current["A"] = new_list(80)
        elif line.startswith("#A "):
            kind, line = "A", line[3:]
        elif line.startswith("#D "):
            kind, line = "D", line[3:]
            if not current["D"]:
                current["D"] = new_list(81)
        paragraph = document.add_paragraph(line)
        if kind:
            num = current[kind]
            paragraph._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {w}><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>')
            )
        elif line.startswith("第") and "章" in line[:4]:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif line.startswith("第") and "条" in line[:5]:
            paragraph.paragraph_format.first_line_indent = 406400  # two characters, as the articles are typed
    document.save(str(path))


def write_d17(path: Path) -> None:
    _printed(D17, D17_HEADER, "— {} —", 34, 22, path)


# d21 (doc18): a city's 人社 人才 实施办法 as two departments' PDF. Its artefacts, written in: a header of two columns
# (the series' name and the 规范性文件 登记号, their ends swapped on even pages, as a printed booklet's outer edge),
# a page number at the outer edge of the foot, lines broken at the page's width, and the 附件 table of the talent
# levels: three columns whose last cell wraps inside its column, so its later lines come out alone, the table crossing
# a page break with its header row repeated on the next page (as Word repeats a 标题行)
D21_HEADER = ("青峰市人力资源和社会保障局规范性文件", "QFDR—2025—0100017")
D21 = """\
青峰市人力资源和社会保障局　青峰市财政局关于印发《青峰市高层次人才引进培育实施办法》的通知
青人社联〔2025〕17号
各县（市、区）人力资源和社会保障局、财政局，市直各有关单位：
　　为深入实施人才强市战略，根据《中共青峰市委　青峰市人民政府关于加快建设区域人才高地的意见》（青发〔2024〕11号），我们制定了《青峰市高层次人才引进培育实施办法》，现印发给你们，请结合实际认真贯彻执行。
青峰市人力资源和社会保障局　　　　青峰市财政局
2025年7月8日
（此件公开发布）
青峰市高层次人才引进培育实施办法
第一章　总　　则
　　第一条　为加快引进和培育高层次人才，为全市高质量发展提供人才支撑，结合本市实际，制定本办法。
　　第二条　本办法所称高层次人才，是指按照《青峰市高层次人才分类认定标准》（见附件）认定的A类、B类、C类、D类、E类人才。
　　第三条　本办法适用于全职引进到本市用人单位工作，与用人单位签订5年以上劳动合同，并在本市缴纳社会保险的高层次人才和青年人才。
　　第四条　所需资金由市财政在人才发展专项资金中统筹安排，每年安排5000万元，由市人力资源和社会保障局会同市财政局管理。
第二章　支持措施
　　第五条　安家补贴。对全职引进的A类、B类、C类、D类、E类人才，分别给予安家补贴200万元、100万元、60万元、30万元、15万元，分3年按40%、30%、30%的比例发放。
　　第六条　生活补贴。
　　（一）对全职引进的C类、D类人才，分别按每人每月5000元、3000元的标准发放生活补贴，连续发放36个月。
　　（二）对全职引进的40周岁以下E类人才，每人每月发放生活补贴2000元，连续发放36个月。
　　第七条　购房补贴。全职引进的D类、E类人才在本市首次购买自住商品住房的，按购房合同价款的20%给予一次性购房补贴，最高分别不超过40万元、20万元。
　　第八条　青年人才就业补贴。对新引进到本市用人单位全职工作的35周岁以下全日制博士研究生、硕士研究生，分别给予一次性就业补贴5万元、2万元。
　　第九条　引才奖励。用人单位全职引进A类、B类、C类人才的，按每引进1人分别给予用人单位50万元、30万元、10万元的引才奖励，单个用人单位每年引才奖励总额不超过200万元。
　　第十条　服务保障。A类、B类人才可申请入住人才公寓，免租金期限最长5年；其子女入学由教育部门统筹安排。
第三章　申报与管理
　　第十一条　安家补贴、购房补贴和就业补贴每年3月、9月集中受理申报，生活补贴按季度发放。
　　第十二条　享受安家补贴、购房补贴的人才，服务期未满5年离开本市的，按未服务年限比例退回已享受的补贴资金；以虚假材料骗取补贴的，全额追回，并纳入失信记录。
　　第十三条　同一人才同时符合本办法第五条、第七条的，按就高原则享受，不重复享受；本办法与本市其他同类人才政策不重复享受。
第四章　附　　则
　　第十四条　本办法由市人力资源和社会保障局会同市财政局负责解释。
　　第十五条　本办法自2025年8月1日起施行，有效期5年。
附件
青峰市高层次人才分类认定标准
"""
# the 附件 table's rows: (层次, 类别, 主要认定条件), the last cell wrapped at its column's width
D21_TABLE = [
    ("层次", "类别", "主要认定条件"),
    (
        "A类",
        "国内外顶尖人才",
        "诺贝尔奖、国家最高科学技术奖获得者；中国科学院院士、中国工程院院士；相当于上述层次的顶尖人才。",
    ),
    (
        "B类",
        "国家级领军人才",
        "国家重点人才计划入选者；国家自然科学奖、国家技术发明奖、国家科学技术进步奖一等奖前3位完成人；世界500强企业总部首席技术官。",
    ),
    ("C类", "省级领军人才", "省级重点人才计划入选者；享受国务院政府特殊津贴的专家；省级科学技术奖一等奖第一完成人。"),
    (
        "D类",
        "市级领军人才",
        "市级重点人才计划入选者；具有正高级专业技术职称且在本领域取得突出业绩的人才；省级技能大师工作室领衔人。",
    ),
    ("E类", "高级人才", "全日制博士研究生；具有副高级专业技术职称的人员；高级技师。"),
]


def write_d21(path: Path) -> None:
    from tests.extract.pdfmake import write_pdf

    width, per_page, cell = 34, 22, 16
    body = _pages(D21, width, per_page)
    rows = [
        ["\t".join([level, kind, text[:cell]]), *("\t\t" + text[i : i + cell] for i in range(cell, len(text), cell))]
        for level, kind, text in D21_TABLE
    ]
    header_row, *rows = rows
    # the table starts on the body's last page and goes on over the next, a row broken by the page as Word breaks
    # one by default, its header row repeated there
    page = body[-1] + header_row
    for line in (line for row in rows for line in row):
        if len(page) == per_page:
            body[-1] = page
            body.append(page := [*header_row])
        page.append(line)
    body[-1] = page
    assert len(body) > len(_pages(D21, width, per_page)), "the table must cross a page break"
    printed = []
    for n, text in enumerate(body, start=1):
        left, right = D21_HEADER if n % 2 else D21_HEADER[::-1]
        foot = f"\t\t— {n} —" if n % 2 else f"— {n} —"
        printed.append("\n".join([f"{left}\t\t{right}", *text, foot]))
    write_pdf("\n".join(printed), path, width=10_000, lines_per_page=per_page + 2)  # the header and the foot


# d20 (doc17): a city's 人社 人才 办法 as printed in its government's gazette and saved as a PDF. The gazette's running
# head has two columns, mirrored on facing pages (odd pages: the gazette's name left, the issue right; even pages the
# other way round), and the page number below runs on through the issue (— 51 — …), not from 1. The 附件's table of
# talent levels copies out row by row, a cell's wrapped lines on lines of their own beside the next cell's text (the
# level's name in brackets under its letter), and where the table runs onto the next page its header row is printed
# again. Lines break at the page's width, so the running head and page number fall inside articles.
D20_HEADS = (
    "青岚市人民政府公报                    2025年第9期（总第312期）",
    "2025年第9期（总第312期）                    青岚市人民政府公报",
)
D20_FIRST_PAGE = 51
D20_TABLE_HEAD = "类别 认定标准"
D20 = """\
中共青岚市委办公室　青岚市人民政府办公室
印发《青岚市高层次人才引进培育实施办法》的通知
青办发〔2025〕11号
各县（市）区党委和人民政府，市委各部委，市直各单位：
《青岚市高层次人才引进培育实施办法》已经市委、市政府同意，现印发给你们，请结合实际认真贯彻落实。
中共青岚市委办公室　　青岚市人民政府办公室
2025年8月15日
（此件公开发布）
青岚市高层次人才引进培育实施办法
第一章　总　　则
第一条　为深入实施人才强市战略，加快集聚各类高层次人才，根据《中共吉林省委 吉林省人民政府关于激发人才活力支持人才创新创业的若干政策措施》（吉发〔2024〕6号）精神，结合我市实际，制定本办法。
第二条　本办法所称高层次人才，是指按照《青岚市高层次人才分类目录》（见附件）认定的A类（顶尖人才）、B类（领军人才）、C类（拔尖人才）、D类（骨干人才）和E类（青年英才）人才。
第三条　本办法适用于全职引进到我市企事业单位工作，与用人单位签订5年以上劳动合同或聘用合同，并在我市缴纳社会保险的人才。
第四条　市财政每年安排人才发展专项资金1.2亿元，用于本办法规定的各项补贴和奖励，由市人力资源和社会保障局会同市财政局管理。
第二章　安居保障
第五条　安家补贴。对全职引进的A类、B类、C类、D类、E类人才，分别给予安家补贴300万元、200万元、100万元、50万元、20万元，分3年按40%、30%、30%的比例发放。
第六条　购房补贴。对在本市购买首套自住商品住房的D类、E类人才，按购房合同价款的20%给予一次性购房补贴，最高不超过30万元。
第七条　租房补贴。对在本市无自有住房的E类人才，每人每月给予租房补贴1000元，最长发放24个月。
第三章　生活待遇
第八条　生活补贴。
（一）对新引进到我市企业工作、年龄在45周岁以下的全职博士研究生，每人每月发放生活补贴3000元，发放期限36个月；
（二）对新引进到我市企业工作、年龄在35周岁以下的全职硕士研究生，每人每月发放生活补贴1500元，发放期限36个月。
第九条　技能人才奖励。对新获得中华技能大奖、全国技术能手称号的高技能人才，分别给予一次性奖励50万元、20万元。
第四章　引才激励
第十条　用人单位引才奖励。对企业全职引进A类、B类、C类人才的，按每引进1人分别给予用人单位50万元、30万元、10万元引才奖励，同一单位每年奖励总额最高不超过200万元。
第十一条　顶尖人才项目资助。对A类人才来青创新创业的，采取“一事一议”方式给予项目资助，最高不超过2000万元。
第五章　申报与管理
第十二条　人才补贴实行常年受理、按季度集中审核。安家补贴首期在人才到岗并完成认定后3个月内拨付，其余两期分别在第二年、第三年考核合格后拨付。
第十三条　同一人才同时符合本办法第五条、第六条的，按就高原则享受，不重复享受；同时符合本市其他同类政策的，按就高不重复原则执行。
第十四条　人才在享受补贴期间离开我市或与用人单位解除劳动合同的，停止发放剩余补贴；以虚假材料骗取补贴的，追回已拨付资金，5年内不得申报本市各类人才政策。
第六章　附　　则
第十五条　本办法由市人力资源和社会保障局负责解释。
第十六条　本办法自2025年9月1日起施行，有效期至2028年8月31日。
附件
青岚市高层次人才分类目录
类别 认定标准
A类 1．诺贝尔奖获得者；
（顶尖人才） 2．中国科学院院士、中国工程院院士；
 3．国家最高科学技术奖获得者。
B类 1．国家级重大人才工程入选者；
（领军人才） 2．国家科学技术奖一等奖项目的主要完成人；
 3．近三年在世界500强企业担任高级管理职务的人才。
C类 1．省级重大人才工程入选者；
（拔尖人才） 2．近三年主持国家重点研发计划项目的人才；
 3．上年度年薪不低于80万元的企业高级管理人员或核心技术人员。
D类 1．具有博士研究生学历、年龄不超过40周岁的人才；
（骨干人才） 2．取得正高级专业技术职称的人才；
 3．获得全国技术能手称号的高技能人才。
E类 1．具有硕士研究生学历、年龄不超过35周岁的人才；
（青年英才） 2．取得副高级专业技术职称的人才；
 3．取得高级技师职业资格的高技能人才。
注：同一人才符合多个类别认定标准的，按最高类别认定；认定有效期为3年。
"""


def write_d20(path: Path, width: int = 35, per_page: int = 18) -> None:
    """D20 paginated by hand: each page is the running head of its side, ``per_page`` lines of text and the page
    number, and a page that starts inside the 附件 table repeats the table's header row first."""
    from tests.extract.pdfmake import write_pdf

    lines = _page_lines(D20, width)
    table_from, table_to = lines.index(D20_TABLE_HEAD) + 1, next(i for i, x in enumerate(lines) if x.startswith("注："))
    pages: list[list[str]] = []
    i = 0
    while i < len(lines):
        page = [D20_TABLE_HEAD] if table_from <= i < table_to else []
        take = per_page - len(page)
        pages.append(page + lines[i : i + take])
        i += take
    printed = ["\n".join([D20_HEADS[n % 2], *page, f"— {D20_FIRST_PAGE + n} —"]) for n, page in enumerate(pages)]
    write_pdf("\n".join(printed), path, width=10_000, lines_per_page=per_page + 2)


# d25 (doc19): a city's 科技 创新券 实施细则 typed in Word, as a 通知 of two departments that 印发s it: 第X章 chapters,
# 第X条 articles, a definition, a fund article (总额控制、先到先得), a 申领条件 article with （一）（二） items typed as
# text, a Word table of the services a voucher buys (no sums), a Word table of shares and yearly caps by kind of
# service (header 服务类别 | 补助比例 | 年度补助上限（万元）), a one-off sum for a first claim, a share of the sums a
# service provider redeemed over a count of firms it served, the voucher's own 6个月 validity, the 申领 months,
# 就高不重复 and validity; the issuing office's contact table at the end
D25 = """北川市科学技术局 北川市财政局
关于印发《北川市科技创新券实施细则》的通知
北科发〔2025〕9号
各县（市）区科技局、财政局，各有关单位：
现将《北川市科技创新券实施细则》印发给你们，请遵照执行。
北川市科学技术局　北川市财政局
2025年5月12日
北川市科技创新券实施细则
第一章　总则
第一条　为降低科技型中小企业创新成本，推动科技服务资源开放共享，根据《北川市促进科技创新若干政策》（北政发〔2024〕9号）第五条，制定本细则。
第二条　本细则所称科技创新券（以下简称创新券），是指市财政资金支持企业向服务机构购买科技服务的电子凭证。
第三条　市财政每年安排创新券专项资金1500万元，实行总额控制、先到先得，用完即止。
第二章　申领对象和服务范围
第四条　申领创新券的企业应同时符合下列条件：
（一）在本市依法注册、具有独立法人资格；
（二）已入库的科技型中小企业；
（三）上年度营业收入不超过2亿元；
（四）未被列入严重失信主体名单。
第五条　创新券用于购买下表所列科技服务：
#T1
第三章　支持标准
第六条　企业使用创新券购买科技服务的，按服务合同实际支付金额的一定比例给予补助，具体标准如下表：
#T2
第七条　首次申领创新券的企业，在第六条补助基础上，另给予一次性补助1万元。
第八条　对当年服务企业达到20家以上的服务机构，按其当年兑付创新券金额的5%给予奖励，每家服务机构每年最高不超过10万元。
第四章　申领和兑付
第九条　企业每年3月、9月分两批在线申领创新券。创新券自发放之日起6个月内有效，逾期自动作废。
第十条　服务完成后，企业凭服务合同、发票和支付凭证申请兑付，市科技局会同市财政局审核后拨付资金。
第五章　附则
第十一条　同一服务事项已获得市级其他财政资金支持的，按照就高不重复原则执行。
第十二条　本细则自2025年6月1日起施行，有效期至2027年12月31日，由市科技局负责解释。"""
D25_SERVICES = [
    ("服务类别", "服务内容"),
    ("研究开发服务", "委托开展新产品、新工艺、新材料的研究开发"),
    ("检验检测服务", "产品检验、检测、认证、分析测试"),
    ("大型科研仪器共享服务", "使用高校、科研院所开放共享的大型科研仪器设备"),
]
D25_STANDARDS = [
    ("服务类别", "补助比例", "年度补助上限（万元）"),
    ("研究开发服务", "50%", "20"),
    ("检验检测服务", "30%", "10"),
    ("大型科研仪器共享服务", "20%", "5"),
]


def _word_grid(document: Any, rows: list[list[str]]) -> None:
    """A table with its grid drawn, one cell a string, as an officer types it in Word."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text


def write_d25(path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = Document()
    for line in D25.splitlines():
        if line in ("#T1", "#T2"):
            _word_grid(document, D25_SERVICES if line == "#T1" else D25_STANDARDS)
            continue
        paragraph = document.add_paragraph(line)
        if line.startswith("第") and "章" in line[:4]:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif line.startswith("第") and "条" in line[:5]:
            paragraph.paragraph_format.first_line_indent = 406400
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "联系单位", "北川市科学技术局成果转化科"
    table.cell(1, 0).text, table.cell(1, 1).text = "联系电话", "0431-81234567"
    document.save(str(path))


# d26 (doc20): a city's 商务 促进消费 若干措施 as the government office's PDF. Its artefacts, written in: a running
# header (the 规范性文件 series) and a page number (- N -) on every page, lines broken at the page's width (so figures
# and 第X条-less items break mid-number and a page break falls inside an item), 一、（一） items with short titles, and
# a table of 销售额增量 bands (档次 / 增量 / 奖励) copied out row by row, its cells separated by spaces, inside item (三)
D26_HEADER = "南湖市人民政府行政规范性文件"
D26 = """\
南湖市人民政府办公室关于印发南湖市促进消费扩容提质若干措施的通知
南府办规〔2025〕21号
各县（市）区人民政府，各开发区管委会，市政府各委办局、各直属机构：
《南湖市促进消费扩容提质若干措施》已经市政府第47次常务会议审议通过，现印发给你们，请认真贯彻执行。
南湖市人民政府办公室
2025年9月8日
（此件公开发布）
南湖市促进消费扩容提质若干措施
为全面贯彻扩大内需战略，进一步释放消费潜力，推动商贸服务业高质量发展，根据《国务院办公厅关于加快发展流通促进商业消费的意见》（国办发〔2019〕42号）精神，结合我市实际，制定以下措施。
一、培育壮大商贸主体
（一）支持企业升规入库。对首次纳入限额以上统计的批发、零售、住宿、餐饮企业，给予一次性奖励5万元。
（二）鼓励零售企业扩大销售。对上年度零售额达到1亿元、5亿元、10亿元以上且增速不低于10%的限额以上零售企业，分别给予10万元、30万元、50万元奖励。
（三）鼓励批发企业做大规模。对上年度销售额增量达到下表标准的限额以上批发企业，按档次给予奖励：
档次　销售额增量　奖励金额
第一档　1亿元（含）至3亿元　10万元
第二档　3亿元（含）至5亿元　20万元
第三档　5亿元（含）以上　40万元
二、打造消费新场景
（一）引进品牌首店。对新引进的全国首店、全省首店、全市首店，分别给予一次性奖励50万元、20万元、10万元。
（二）建设夜间经济街区。对新获评省级、市级夜间经济示范街区的运营主体，分别给予一次性奖励100万元、30万元。
（三）开展促消费活动。对商业综合体、商业步行街运营主体组织开展的促消费活动，按活动实际投入的30%给予补贴，单次活动补贴最高不超过20万元。
三、发展新型消费
（一）支持直播电商发展。对上年度直播销售额达到1000万元以上的本地直播账号，每个账号给予其运营企业3万元奖励，同一企业每年最多奖励5个账号。
（二）培育电商龙头企业。对上年度网络零售额首次突破5000万元的电商企业，给予一次性奖励20万元。
四、保障措施
（一）强化资金保障。市财政每年安排促进消费专项资金6000万元，用于本措施规定的各项奖励和补贴，由市商务局会同市财政局管理。
（二）规范资金兑现。同一企业同一事项符合本措施多项条款或本市其他同类政策的，按就高原则给予支持，不重复享受。同一企业每年累计获得本措施奖励不超过100万元。
（三）本措施由市商务局负责解释，自2025年10月1日起施行，有效期至2027年12月31日。
"""


def write_d26(path: Path) -> None:
    _printed(D26, D26_HEADER, "- {} -", 32, 20, path)


# d28 (doc22): a 高新区 管委会's comprehensive 促进经济高质量发展若干政策 as its PDF: chapters for 工业, 科技, 人才,
# 金融 and 总部经济 under one 总则; two tables run together as the text layer gives them (cells apart by full-width
# spaces), spaces inside numerals (1 00万元, 3 000元), and (by write_d28) lines broken at the page's width with a running
# header and a page number between them
D28_HEADER = "清河高新技术产业开发区管理委员会规范性文件"
D28 = """\
清河高新技术产业开发区管理委员会文件
清高管发〔2025〕11号
清河高新技术产业开发区管理委员会关于印发《清河高新区促进经济高质量发展若干政策》的通知
各局办、各街道办事处，区内各有关单位：
《清河高新区促进经济高质量发展若干政策》已经2025年第14次管委会主任办公会议审议通过，现印发给你们，请认真贯彻执行。
清河高新技术产业开发区管理委员会
2025年6月16日
（此件公开发布）
清河高新区促进经济高质量发展若干政策
第一章　总　　则
第一条　为深入贯彻落实《国务院关于促进国家高新技术产业开发区高质量发展的若干意见》（国发〔2020〕7号），加快建设创新驱动发展示范区和高质量发展先行区，结合高新区实际，制定本政策。
第二条　本政策适用于工商注册地、税务征管关系及统计关系均在清河高新区（以下简称高新区），具有独立法人资格、实行独立核算的企业，以及在上述企业全职工作的各类人才。
第三条　申请本政策扶持的企业，应当近三年内未被列入严重失信主体名单，未发生较大及以上安全生产、环境污染事故。
第四条　高新区每年安排产业发展专项资金1.5亿元，用于本政策各项扶持资金的兑现，由高新区财政金融局统筹管理。
第二章　推动工业提质增效
第五条　支持企业技术改造。对企业实施的技术改造项目，项目设备投资额（不含税）达到500万元以上的，按设备投资额的10%给予补助，单个项目最高不超过300万元。
第六条　支持工业企业做大做强。
（一）对首次纳入规模以上工业统计的企业，给予一次性奖励10万元。
（二）对上年度工业产值首次突破1亿元、5亿元、10亿元的工业企业，分别给予一次性奖励20万元、50万元、100万元。
第三章　鼓励科技创新
第七条　支持高新技术企业培育。对首次认定、重新认定的国家高新技术企业，分别给予一次性奖励20万元、5万元。
第八条　支持企业加大研发投入。对上年度研发投入占营业收入比重达到3%以上，且研发投入较前一年度增长的企业，按研发投入增量的15%给予补助，单个企业每年最高不超过1 00万元。
第九条　促进技术转移转化。对企业上年度在高新区登记的技术合同成交额达到500万元以上的，按技术合同成交额的2%给予奖励，单个企业最高不超过50万元。
第四章　集聚创新人才
第十条　本政策所称A、B、C、D类人才，按照《清河市高层次人才分类目录》认定。
第十一条　发放安家补贴。对新引进到高新区企业全职工作、签订5年以上劳动合同的A、B、C、D类人才，按下表标准给予安家补贴，分3年按40%、30%、30%拨付。
人才类别　安家补贴（万元）
A类人才　200
B类人才　100
C类人才　50
D类人才　30
第十二条　发放生活补贴。对新引进到高新区企业全职工作、年龄在35周岁以下的博士研究生、硕士研究生，分别按每人每月3 000元、1500元给予生活补贴，补贴期限3年。
第五章　支持企业上市融资
第十三条　支持企业上市。对在沪深北证券交易所首发上市的企业，给予总额500万元奖励，按完成股份制改造、辅导备案、申报材料获受理、成功上市四个阶段分别拨付50万元、100万元、150万元、200万元。
第十四条　支持科技信贷。对高新区科技型中小企业上年度获得的银行流动资金贷款，按实际支付利息的50%给予贴息，单个企业每年最高不超过30万元。
第六章　发展总部经济
第十五条　对新落户高新区的企业总部（含区域总部），按实缴注册资本给予一次性落户奖励，标准如下：
实缴注册资本　落户奖励
1亿元（含）至5亿元　300万元
5亿元（含）至10亿元　600万元
10亿元（含）以上　1000万元
落户奖励分3年按40%、30%、30%拨付。
第七章　兑现管理
第十六条　同一企业同一项目符合本政策多项条款或高新区其他同类政策的，按就高原则给予支持，不重复享受。本政策第十一条、第十二条所列人才补贴与市级同类补贴不重复享受。
第十七条　企业每年享受本政策扶持资金总额（第五条、第十五条除外）不超过其上年度对高新区的地方财力贡献。
第十八条　扶持资金实行“免申即享”与依申请兑现相结合。依申请兑现的，企业应于每年3月1日至4月30日向高新区经济发展局提出申请，经相关部门审核、管委会审定后，在高新区门户网站公示5个工作日，无异议的予以拨付。
第十九条　企业获得扶持后10年内迁出高新区，或以弄虚作假等方式骗取扶持资金的，由高新区财政金融局全额追回已拨付资金。
第八章　附　　则
第二十条　本政策由高新区经济发展局会同财政金融局负责解释。
第二十一条　本政策自2025年7月1日起施行，有效期至2027年12月31日。高新区此前出台的相关政策与本政策不一致的，以本政策为准。
"""


def write_d28(path: Path) -> None:
    _printed(D28, D28_HEADER, "— {} —", 34, 22, path)


# d30 (doc24): a city's 促进民营经济和中小企业高质量发展若干措施, issued by the 发改委 with five other bodies as a 通知,
# saved as the Word file the 发改委 posts. Its artefacts, written in: the parts (一、) and the measures (1.) are Word
# list items, so their numbers are drawn by Word and are not in the paragraphs' text, the measures numbered on across
# the parts as one list; a table of 纳统 awards by kind inside measure 2; an 附件 table of shows at the end; a header
# (the issuer) and a footer with a PAGE field, which a reader of the body never sees. "#P " marks a part, "#M " a
# measure, "#T1"/"#T2" the tables.
D30 = """\
青川市发展和改革委员会　青川市工业和信息化局　青川市财政局　青川市人力资源和社会保障局　青川市商务局　中国人民银行青川市分行关于印发《青川市促进民营经济和中小企业高质量发展若干措施》的通知
青发改联〔2025〕38号
各县（市）区人民政府，各开发区管委会，市直有关部门：
为深入贯彻《中共中央 国务院关于促进民营经济发展壮大的意见》，进一步激发民营企业和中小企业活力，经市政府第52次常务会议审议通过，现将《青川市促进民营经济和中小企业高质量发展若干措施》印发给你们，请结合实际认真抓好贯彻落实。
附件：青川市促进民营经济和中小企业高质量发展若干措施
青川市发展和改革委员会　　　青川市工业和信息化局
青川市财政局　　　青川市人力资源和社会保障局
青川市商务局　　　中国人民银行青川市分行
2025年8月20日
（此件公开发布）
青川市促进民营经济和中小企业高质量发展若干措施
为持续优化民营经济发展环境，支持中小企业专精特新发展，推动民营经济和中小企业高质量发展，结合我市实际，制定如下措施。本措施支持对象为在本市依法登记注册、具有独立法人资格的民营企业和中小微企业。
#P 支持企业梯度成长
#M 培育专精特新企业。对首次认定的国家级专精特新“小巨人”企业、省级专精特新中小企业、省级创新型中小企业，分别给予一次性奖励50万元、20万元、5万元。（责任单位：市工业和信息化局、市财政局）
#M 鼓励企业升规纳统。对首次纳入统计的下列企业，按下表标准给予一次性奖励：
#T1
奖励资金在企业纳统的次年兑现。（责任单位：市统计局、市工业和信息化局、市商务局）
#M 推动个体工商户转型升级。对上年度由个体工商户转型为企业（以下简称“个转企”）的，给予一次性奖励1万元。（责任单位：市市场监督管理局、市财政局）
#P 缓解融资难融资贵
#M 降低融资担保成本。政府性融资担保机构对小微企业的担保费率原则上不超过1%，超过1%的部分由市融资担保风险补偿资金承担。对通过政府性融资担保机构获得贷款担保的小微企业，按其上年度实际缴纳担保费的50%给予补贴，单户企业每年最高不超过10万元。（责任单位：市财政局、市地方金融管理局）
#M 支持首贷和信用贷款。对中小微企业在本市银行业金融机构获得的首笔贷款和信用贷款，按贷款发生时一年期贷款市场报价利率（LPR）的50%给予贴息，单户企业每年贴息最高不超过30万元。（责任单位：中国人民银行青川市分行、市财政局）
#M 降低转贷成本。应急转贷资金单笔使用期限原则上不超过15天，日使用费率不超过0.1‰。对使用市应急转贷资金办理续贷的中小企业，按其实际支付转贷资金使用费的50%给予补助，单户企业每年最高不超过5万元。（责任单位：市地方金融管理局、市财政局）
#P 支持开拓市场
#M 支持参加重点展会。对中小企业参加附件所列国内外重点展会的，按展位费的50%给予补贴，单个企业每年补贴最高不超过10万元。（责任单位：市商务局、市财政局）
#P 稳定就业用工
#M 鼓励吸纳高校毕业生就业。对中小微企业新招用毕业2年内高校毕业生，签订1年以上劳动合同并为其缴纳社会保险费的，按每人每月200元给予社会保险补贴，补贴期限最长不超过12个月。（责任单位：市人力资源和社会保障局、市财政局）
#P 强化政策保障
#M 加强资金保障。市财政每年安排民营经济和中小企业发展专项资金1亿元，用于本措施规定的各项奖励和补贴。
#M 同一企业同一事项符合本措施和本市其他政策多项支持条款的，按照就高原则给予支持，不重复享受。
#M 本措施由市发展和改革委员会会同市工业和信息化局、市财政局、市人力资源和社会保障局、市商务局、中国人民银行青川市分行按职责分工负责解释，自2025年9月1日起施行，有效期3年。
附件
青川市2025年度重点展会目录
#T2
"""
D30_KINDS = [
    ["企业类型", "纳统标准", "奖励标准（万元）"],
    ["规模以上工业企业", "年主营业务收入2000万元及以上", "10"],
    ["限额以上批发企业", "年主营业务收入2000万元及以上", "5"],
    ["限额以上零售企业", "年主营业务收入500万元及以上", "5"],
]
D30_SHOWS = [
    ["序号", "展会名称", "举办地", "举办时间"],
    ["1", "中国国际中小企业博览会", "广东广州", "2025年11月"],
    ["2", "中国国际进口博览会", "上海", "2025年11月"],
    ["3", "中国—东北亚博览会", "吉林长春", "2025年8月"],
    ["4", "汉诺威工业博览会", "德国汉诺威", "2026年4月"],
]


def write_d30(path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml

    w = WORD_NS
    document = Document()
    numbering = _word_list_levels(document, ((90, "chineseCounting", "%1、"), (91, "decimal", "%1.")))
    for num, abstract in ((90, 90), (91, 91)):  # one list of parts, one list of measures numbered on across them
        numbering.append(parse_xml(f'<w:num {w} w:numId="{num}"><w:abstractNumId w:val="{abstract}"/></w:num>'))
    section = document.sections[0]
    section.header.paragraphs[0].text = "青川市发展和改革委员会"
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    field = f'<w:fldSimple {w} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    footer._p.append(parse_xml(field))
    footer.add_run(" —")
    for line in D30.splitlines():
        if line in ("#T1", "#T2"):
            _word_grid(document, D30_KINDS if line == "#T1" else D30_SHOWS)
            continue
        num = None
        if line.startswith("#P "):
            num, line = 90, line[3:]
        elif line.startswith("#M "):
            num, line = 91, line[3:]
        paragraph = document.add_paragraph(line)
        if num:
            paragraph._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {w}><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>')
            )
        elif line.startswith("青川市促进") or line == "青川市2025年度重点展会目录":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.save(str(path))


# d31 (doc25): a city 人力资源和社会保障局's 就业创业补贴 经办规程, issued with the 财政局 and published as the bureau's
# PDF. Its artefacts, written in: the bureau's 文件 head and 文号, a running header (the 规范性文件 series) and a page
# number (— N —) on every page, lines broken at the page's width (figures and items break mid-number, a page break
# falls inside an article), spaces inside numerals (5 000元, 1 330元) and an 附件 一览表 of the 补贴标准 restating the
# articles, its cells apart by full-width spaces, that runs over a page break
D31_HEADER = "江屿市人力资源和社会保障局规范性文件"
D31 = """\
江屿市人力资源和社会保障局文件
江人社规〔2025〕18号
江屿市人力资源和社会保障局　江屿市财政局关于印发《江屿市就业创业补贴经办规程》的通知
各县（市）区人力资源和社会保障局、财政局，市就业服务中心：
为进一步规范就业创业补贴申领、审核和发放工作，根据《就业补助资金管理办法》（财社〔2017〕164号）等有关规定，我们制定了《江屿市就业创业补贴经办规程》，现印发给你们，请结合实际认真贯彻执行。
江屿市人力资源和社会保障局　　江屿市财政局
2025年12月5日
（此件主动公开）
江屿市就业创业补贴经办规程
第一章　总　　则
第一条　为规范就业创业补贴经办服务，确保各项补贴政策落实到位，根据国家和省有关就业创业政策规定，结合我市实际，制定本规程。
第二条　本规程所称就业创业补贴，是指从就业补助资金中列支，向在本市依法登记注册的用人单位和符合条件的人员发放的各项补贴。
第三条　就业创业补贴所需资金从市、县两级就业补助资金中列支，实行“先审核、后拨付”，补贴资金直接拨付至单位或个人的银行账户。
第四条　市就业服务中心负责全市就业创业补贴的业务指导和市本级经办工作，各县（市）区公共就业服务机构负责辖区内补贴的受理、审核和发放。
第二章　补贴项目和标准
第五条　一次性创业补贴。对首次创办小微企业或从事个体经营，自工商登记注册之日起正常经营6个月以上的毕业5年内高校毕业生、就业困难人员和返乡入乡创业人员，给予一次性创业补贴5 000元。同一创业主体只能享受一次。
第六条　创业担保贷款贴息。
（一）个人创业担保贷款。符合条件的个人自主创业的，可申请最高不超过30万元的创业担保贷款，贷款期限最长不超过3年，财政部门按实际支付利息给予全额贴息。
（二）小微企业创业担保贷款。小微企业当年新招用符合创业担保贷款申请条件的人员数量达到企业现有在职职工人数15%以上，并与其签订1年以上劳动合同的，可申请最高不超过400万元的创业担保贷款，贷款期限最长不超过2年。贷款利率不超过贷款合同签订日贷款市场报价利率（LPR）加50个基点，财政部门按实际支付利息的50%给予贴息。
第七条　社会保险补贴。对招用就业困难人员并为其缴纳社会保险费的用人单位，按其为就业困难人员实际缴纳的基本养老保险费、基本医疗保险费和失业保险费给予社会保险补贴，不包括个人应缴纳的部分。补贴期限最长不超过3年，对距法定退休年龄不足5年的就业困难人员，可延长至退休。
第八条　岗位补贴。对招用就业困难人员并与其签订1年以上劳动合同的用人单位，按每人每月300元给予岗位补贴，补贴期限最长不超过3年。
第九条　就业见习补贴。对组织离校2年内未就业高校毕业生和16—24岁失业青年参加就业见习的见习单位，按当地月最低工资标准的70%给予就业见习补贴（我市现行月最低工资标准为1 900元，补贴标准为每人每月1 330元），见习期限最长不超过12个月。
第十条　一次性吸纳就业补贴。对招用毕业年度或离校2年内未就业高校毕业生，签订1年以上劳动合同并按月足额缴纳社会保险费3个月以上的中小微企业，按每人1 500元给予一次性吸纳就业补贴。
第十一条　技能提升补贴。对依法参加失业保险并累计缴纳失业保险费1年以上的企业职工，取得初级工（五级）、中级工（四级）、高级工（三级）职业资格证书或职业技能等级证书的，分别给予1 000元、1 500元、2 000元技能提升补贴。同一职业（工种）同一等级只能享受一次，每人每年享受补贴最多不超过3次。
第十二条　场地租金补贴。对租用经营场地创业的小微企业，按实际租用面积给予场地租金补贴：租用面积50平方米以下的，每户每年补贴3 000元；50平方米（含）以上的，每户每年补贴5 000元，补贴期限最长不超过3年。
第三章　申领和经办
第十三条　申领材料。用人单位申领社会保险补贴、岗位补贴的，应提交以下材料：
（一）《江屿市就业创业补贴申请表》；
（二）招用人员的身份证复印件、劳动合同复印件；
（三）社会保险缴费明细；
（四）单位银行基本账户信息。
第十四条　经办流程。
（一）申请。用人单位或个人于每季度首月1日至20日，通过江屿市就业创业服务平台或向所在地公共就业服务机构提出申请。
（二）审核。公共就业服务机构自受理之日起15个工作日内完成审核，必要时进行实地核查。
（三）公示。审核通过的单位和人员名单在市人力资源和社会保障局门户网站公示7个工作日。
（四）拨付。公示无异议的，由同级财政部门在10个工作日内将补贴资金拨付至申请单位或个人账户。
第十五条　同一补贴对象同一事项符合本规程和我市其他同类政策的，按就高原则享受，不重复享受。
第十六条　以虚假材料骗取补贴资金的，由经办机构追回已发放资金，并依法依规追究相关责任。
第四章　附　　则
第十七条　本规程由江屿市人力资源和社会保障局、江屿市财政局负责解释。
第十八条　本规程自2026年1月1日起施行，有效期5年。
附件
江屿市就业创业补贴标准一览表
序号　补贴项目　补贴对象　补贴标准　补贴期限
1　一次性创业补贴　首次创业人员　5 000元　一次性
2　创业担保贷款贴息　小微企业　实际支付利息的50%　最长2年
3　社会保险补贴　用人单位　单位缴纳部分　最长3年
4　岗位补贴　用人单位　300元/人·月　最长3年
5　就业见习补贴　见习单位　1 330元/人·月　最长12个月
6　一次性吸纳就业补贴　中小微企业　1 500元/人　一次性
7　技能提升补贴　企业职工　1 000元至2 000元　每年最多3次
8　场地租金补贴　小微企业　3 000元或5 000元/年　最长3年
"""


def write_d31(path: Path) -> None:
    _printed(D31, D31_HEADER, "— {} —", 34, 22, path)


# d33 (doc27): a district's 促进总部经济发展和招商引资若干政策, issued by the district government's office as a 通知 and
# published as its PDF. Its artefacts, written in: the 文件 head and 文号, a running head (the office's 行政规范性文件
# line) and - N - page numbers falling between the lines of an article that spans two pages, lines broken at the
# page's width, spaces inside numerals (1 000万元, 2 000平方米); the 总部企业 认定 conditions (营业收入, 注册资本,
# 控股企业, 地方财政贡献; 世界500强 直接认定) are the title's, not any award's; an 附件 认定申请表 at the end, printed
# as a text layer gives a form (labels and blanks, □ boxes).
D33_HEADER = "湖滨区人民政府办公室行政规范性文件"
D33 = """\
松岭市湖滨区人民政府办公室文件
湖政办规〔2026〕3号
松岭市湖滨区人民政府办公室关于印发《湖滨区促进总部经济发展和招商引资若干政策》的通知
各街道办事处，区政府各部门，各直属单位：
《湖滨区促进总部经济发展和招商引资若干政策》已经区政府第23次常务会议研究同意，现印发给你们，请结合实际，认真抓好落实。
松岭市湖滨区人民政府办公室
2026年2月27日
（此件公开发布）
湖滨区促进总部经济发展和招商引资若干政策
为深入实施招商引资“一号工程”，大力发展总部经济，吸引各类企业总部和优质项目落户湖滨，根据《松岭市促进总部经济高质量发展若干措施》（松政发〔2025〕19号）等有关规定，结合我区实际，制定本政策。
第一章　总　　则
第一条　适用对象。本政策适用于工商注册地、税务征管关系和统计关系均在湖滨区，具有独立法人资格，且近三年内未被列入严重失信主体名单的企业。
第二条　资金来源。区财政设立总部经济和招商引资专项资金，每年安排3亿元，用于本政策各项奖励和补贴的兑现。
第三条　总部企业认定。本政策所称总部企业，是指在湖滨区设立、对区域内外控股企业或分支机构行使决策、管理、结算等职能，并经区总部经济工作领导小组认定的企业。申请认定总部企业，应当同时具备下列条件：
（一）上年度营业收入8亿元以上（金融、科技服务类企业营业收入2亿元以上）；
（二）注册资本6 000万元以上，且实缴到位；
（三）在湖滨区以外控股或管理的企业（分支机构）不少于4家；
（四）上年度在湖滨区形成的地方财政贡献不低于1 200万元。
世界500强企业、中国企业500强、中国民营企业500强在湖滨区设立的总部或区域总部，可不受前款条件限制，直接认定为总部企业。
第四条　名词解释。本政策所称地方财政贡献，是指企业上年度在湖滨区缴纳的增值税、企业所得税等税收中区级地方留成部分。
第二章　招商引资奖励
第五条　外资到位奖励。对新设立或增资扩股的外商投资企业，当年实际到位外资（不含外方股东贷款）在500万美元以上的，按实际到位外资金额的2%给予奖励，单个企业最高不超过1 000万元。
第六条　内资到位奖励。对新引进的内资企业，当年实际到位注册资本金1亿元以上的，按实际到位资金的1%给予奖励，单个企业最高不超过300万元。
第七条　重大项目支持。对固定资产投资20亿元以上、对全区产业发展具有重大带动作用的招商引资项目，实行“一事一议”，给予综合支持，最高不超过5 000万元。
第八条　引荐奖励。对成功引荐外来投资项目落户湖滨区的社会组织和个人（国家公职人员除外），按项目当年实际到位资金的1‰给予引荐人奖励，单个项目最高不超过100万元。
第三章　总部企业扶持
第九条　落户奖励。对新认定的总部企业，给予一次性落户奖励300万元，分三年按40%、30%、30%兑现。
第十条　经营贡献奖励。总部企业自认定次年起5年内，按其上年度对湖滨区地方财政贡献给予经营贡献奖励，前两年按100%、后三年按50%给予奖励。
第十一条　办公用房补贴。
（一）购置补贴。总部企业在湖滨区首次购置自用办公用房的，按每平方米1 500元给予一次性补贴，最高不超过600万元。
（二）租赁补贴。总部企业在湖滨区租赁自用办公用房的，自起租之日起，前两年按实际租金给予全额补贴，第三年减半补贴，补贴面积不超过2 000平方米，每年补贴最高不超过200万元。
享受购置补贴的企业，不再享受租赁补贴。
第十二条　高管奖励。对总部企业年薪在60万元以上的高级管理人员，自企业认定次年起3年内，按其上年度缴纳个人所得税形成的区级地方财政贡献的50%给予个人奖励，每人每年最高不超过30万元；每家企业每年获奖励的高管人数不超过8人。
第十三条　做大做强奖励。对总部企业上年度营业收入首次突破20亿元、50亿元、100亿元的，分别给予一次性奖励100万元、200万元、300万元。
第四章　兑现与管理
第十四条　本政策所列奖励和补贴，按年度申报、审核和兑现。经营贡献奖励在企业上年度地方财政贡献核定后，于每年6月底前兑现。
第十五条　同一企业同一事项符合本政策和区内其他政策规定的，按照就高原则给予支持，不重复享受。单个企业每年享受本政策奖励和补贴总额最高不超过4 000万元（“一事一议”项目除外）。
第十六条　获得本政策支持的企业，自获得支持之日起10年内迁出湖滨区或改变在湖滨区的纳税义务的，应当退回已获得的奖励和补贴。
第十七条　企业通过弄虚作假骗取奖励资金的，由区财政局追回已拨付资金，五年内不得申报本区各类扶持政策，并依法依规追究责任。
第五章　附　　则
第十八条　本政策由区商务局、区发展和改革局会同区财政局负责解释。
第十九条　本政策自2026年4月1日起施行，有效期至2028年12月31日。《湖滨区鼓励总部经济发展暂行办法》（湖政办发〔2022〕31号）同时废止。
附件：湖滨区总部企业认定申请表
附件
湖滨区总部企业认定申请表
申报单位（盖章）：　　　　　　　　填报日期：　　年　　月　　日
企业名称　　　　　　　　　统一社会信用代码
注册地址　　　　　　　　　成立时间
注册资本（万元）　　　　　实缴注册资本（万元）
上年度营业收入（万元）　　上年度地方财政贡献（万元）
区外控股或管理的企业（分支机构）数量（家）
是否属于世界500强、中国企业500强或中国民营企业500强　□是　□否
申请认定类型　□综合型总部　□区域型总部　□功能型总部
联系人　　　　　　　　　　联系电话
企业承诺：以上填报内容真实有效，如有虚假，愿承担相应责任。
法定代表人（签字）：　　　　　　　　（企业公章）
　　　　　　　　　　　　　　　　　　年　　月　　日
区商务局审核意见：
　　　　　　　　　　　　　　　　　　（盖章）
　　　　　　　　　　　　　　　　　　年　　月　　日
"""


def write_d33(path: Path) -> None:
    _printed(D33, D33_HEADER, "- {} -", 32, 24, path)


# d35 (doc29): a city 工业和信息化局's yearly 申报通知 for its 工业发展专项资金, issued with the 财政局, its 申报指南 as
# 附件1, published as the bureau's Word file. Its artefacts, written in: the 通知's parts and the 指南's 一、（一）1．
# are Word's automatic numbering (the 通知 one list, the 指南 one list of three levels, so no number is in a
# paragraph's text); a header (the issuer) and a footer with a PAGE field; the 技术改造 table by project size whose
# cells wrap (a cell of two paragraphs, as an officer presses Enter inside it); 附件2 a form of cells (申报表) and
# 附件3 a 承诺书
D35_HEADER = "鹤川市工业和信息化局"
D35 = """\
鹤川市工业和信息化局　鹤川市财政局关于组织申报2026年度鹤川市工业发展专项资金项目的通知
鹤工信联〔2026〕7号
各县（市、区）工业和信息化主管部门、财政局，鹤川经济技术开发区经济发展局，各有关企业：
为贯彻落实《鹤川市推动制造业高质量发展若干政策措施》（鹤政办发〔2025〕19号），加快培育优质企业梯队，推动工业企业技术改造和首台（套）装备推广应用，现就组织申报2026年度市级工业发展专项资金项目有关事项通知如下：
#N 申报内容
2026年度市级工业发展专项资金安排5000万元，重点支持专精特新梯度培育、“小升规”、首台（套）产品推广应用和工业企业技术改造，具体支持方向、支持标准和申报要求详见《2026年度鹤川市工业发展专项资金申报指南》（附件1）。
#N 申报时间
2026年3月1日至3月31日，逾期不予受理。
#N 申报程序
申报企业登录“鹤川市惠企政策服务平台”在线填报，并将纸质材料（一式两份）报送所在地县（市、区）工业和信息化主管部门。各县（市、区）工业和信息化主管部门会同财政部门于2026年4月15日前完成初审，将推荐项目汇总表（附件2）和项目材料报送市工业和信息化局。
#N 工作要求
各地要严格审核申报材料的真实性、完整性，对弄虚作假骗取专项资金的企业，追回已拨付资金，3年内取消其申报市级专项资金资格，并依法依规纳入失信记录。
#N 联系方式
市工业和信息化局中小企业科：0435-6123478；市财政局经济建设科：0435-6123512。
附件：1．2026年度鹤川市工业发展专项资金申报指南
2．2026年度鹤川市工业发展专项资金项目汇总表
3．申报企业信用承诺书
鹤川市工业和信息化局　　　　鹤川市财政局
2026年2月16日
附件1
2026年度鹤川市工业发展专项资金申报指南
#1 基本条件
申报企业应同时具备以下条件：
#2 在鹤川市行政区域内依法登记注册，具有独立法人资格，统计关系在本市的工业企业；
#2 财务管理制度健全，依法纳税；
#2 未被列入严重失信主体名单；
#2 近3年内未发生较大及以上安全生产、环境污染和产品质量事故。
#1 支持方向和标准
#2 专精特新梯度培育奖励
#3 对2025年度新认定的创新型中小企业、专精特新中小企业、专精特新“小巨人”企业，分别给予一次性奖励5万元、20万元、50万元。
#3 已享受本市低层级梯度培育奖励的企业晋级为高层级的，按晋级后层级的奖励标准补足差额，不重复奖励。
#2 “小升规”奖励
#3 对2025年度首次纳入规模以上工业统计的企业，给予一次性奖励10万元。
#3 对2024年度首次纳入规模以上工业统计、2025年度继续在库且营业收入较上年增长的企业，再给予稳规奖励5万元。
#2 首台（套）产品推广应用奖励
#3 对2025年度新认定为省级及以上首台（套）重大技术装备的产品，按该产品首台（套）销售价格的10%给予研制企业奖励，单个产品奖励最高不超过200万元。
#3 对投保首台（套）重大技术装备综合保险的研制企业，按其2025年度实际缴纳保费的80%给予保险补偿，每家企业每年最高不超过100万元。
#2 技术改造项目补助
对2025年度完成设备投资的工业技术改造项目，项目设备投资额500万元以上（含）的，按设备投资额分档给予补助，补助标准如下表：
#T
本项所称设备投资额，是指项目备案后实际支付的生产性设备购置款（不含税），以发票为准。
#1 申报材料
#2 《2026年度鹤川市工业发展专项资金项目汇总表》（附件2）；
#2 营业执照复印件、2025年度财务审计报告；
#2 专精特新梯度培育奖励须提供认定文件复印件；首台（套）产品奖励须提供认定文件、销售合同及发票；保险补偿须提供保险合同及保费支付凭证；技术改造项目须提供项目备案证明、设备购置合同及发票；
#2 申报企业信用承诺书（附件3）。
#1 其他事项
#2 同一企业同一项目符合本指南多项支持条款的，按就高原则给予支持，不重复享受。
#2 同一企业本年度获得本指南奖补资金累计不超过1000万元。
#2 本指南由鹤川市工业和信息化局、鹤川市财政局负责解释。
附件2
2026年度鹤川市工业发展专项资金项目汇总表
#F
填报单位（盖章）：　　　　　　　填报日期：　　年　　月　　日
附件3
申报企业信用承诺书
本企业自愿申报2026年度鹤川市工业发展专项资金项目，郑重承诺：所提交的全部申报材料真实、准确、完整，不存在弄虚作假行为；如有违反，自愿退回已获得的专项资金，并承担相应法律责任。
企业（盖章）：　　　　　　法定代表人（签字）：
2026年　　月　　日
"""
# the 技术改造 table: its cells wrap, typed with Enter inside a cell (each line a paragraph of the cell)
D35_REFORM = [
    ["项目类别", "设备投资额", "补助比例", "单个项目\n补助上限"],
    ["一般技术改造项目", "500万元（含）\n—2000万元", "8%", "100万元"],
    ["重点技术改造项目", "2000万元（含）\n—1亿元", "10%", "300万元"],
    ["重大技术改造项目", "1亿元（含）以上", "12%", "800万元"],
]
D35_FORM = [
    ["序号", "企业名称", "统一社会\n信用代码", "申报类别", "申请金额\n（万元）", "县级推荐意见"],
    ["1", "", "", "", "", ""],
    ["2", "", "", "", "", ""],
    ["合计", "", "", "", "", ""],
]


def write_d35(path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml

    w = WORD_NS
    document = Document()
    numbering = _word_list_levels(document, ((95, "chineseCounting", "%1、"),))
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        '<w:suff w:val="nothing"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
        for i, (fmt, text) in enumerate(
            (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3．"))
        )
    )
    numbering.append(parse_xml(f'<w:abstractNum {w} w:abstractNumId="96">{levels}</w:abstractNum>'))
    for num, abstract in ((95, 95), (96, 96)):  # the 通知's parts; the 指南's one list of three levels
        numbering.append(parse_xml(f'<w:num {w} w:numId="{num}"><w:abstractNumId w:val="{abstract}"/></w:num>'))
    section = document.sections[0]
    section.header.paragraphs[0].text = D35_HEADER
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    footer._p.append(parse_xml(f'<w:fldSimple {w} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer.add_run(" —")

    def grid(rows: list[list[str]]) -> None:
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                cell = table.cell(r, c)
                first, *more = text.split("\n")
                cell.text = first
                for line in more:
                    cell.add_paragraph(line)

    for line in D35.splitlines():
        if line in ("#T", "#F"):
            grid(D35_REFORM if line == "#T" else D35_FORM)
            continue
        num, level = None, 0
        if line.startswith("#N "):
            num, line = 95, line[3:]
        elif line[:1] == "#" and line[1:2] in "123":
            num, level, line = 96, int(line[1]) - 1, line[3:]
        paragraph = document.add_paragraph(line)
        if num:
            paragraph._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>')
            )
        elif line.startswith(("鹤川市工业和信息化局　鹤川市财政局关于", "2026年度鹤川市", "申报企业信用承诺书")):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.save(str(path))


# d36 (doc30): a city 科学技术局's 科技创新后补助 实施细则 (研发投入后补助, 技术合同, 创新券, 高新技术企业), issued with
# the 财政局 as a 通知 and published as its printed PDF: a running head (the 规范性文件 line), - N - page numbers
# between the lines, lines broken at the page's width; the 附件 目录 of the voucher's services printed as a table
# whose cells are apart by spaces
D36_HEADER = "青岭市科学技术局规范性文件"
D36 = """\
青岭市科学技术局　青岭市财政局关于印发《青岭市科技创新后补助实施细则》的通知
青科规〔2026〕3号
各县（市、区）科技局、财政局，青岭高新区管委会科技创新局，各有关单位：
为贯彻落实《青岭市加快建设区域科技创新中心若干政策措施》（青政发〔2025〕21号），经市政府同意，现将《青岭市科技创新后补助实施细则》印发给你们，请结合实际认真贯彻执行。
青岭市科学技术局　　　　青岭市财政局
2026年3月18日
青岭市科技创新后补助实施细则
第一章　总　　则
第一条　为引导企业加大研发投入，促进技术转移转化和科技服务资源共享，根据《青岭市加快建设区域科技创新中心若干政策措施》（青政发〔2025〕21号），结合我市实际，制定本细则。
第二条　本细则所称后补助，是指企业先行投入资金开展研发活动、技术交易或购买科技服务，经审核认定后给予的财政补助。
第三条　市财政每年安排科技创新后补助资金8000万元，实行总额控制，资金不足时按比例核减。
第四条　申请本细则支持的企业应同时符合以下条件：
（一）在本市依法登记注册，具有独立法人资格，财务制度健全；
（二）近两年内未被列入严重失信主体名单；
（三）近两年内未发生重大安全、重大质量事故和严重环境违法行为。
第二章　研发投入后补助
第五条　对按照《财政部 税务总局关于进一步完善研发费用税前加计扣除政策的公告》（财税〔2023〕7号）享受研发费用税前加计扣除政策的企业，以税务部门确认的上年度研发费用较前一年度的增量为基数给予后补助，其中大型企业按增量部分的10%给予补助，中小微企业按增量部分的20%给予补助，单个企业每年最高不超过300万元。
第六条　对上年度首次开展研发活动并享受研发费用税前加计扣除政策的企业，按其上年度研发费用的10%给予后补助，最低不少于5万元，最高不超过50万元。
第七条　企业规模按照《统计上大中小微型企业划分办法（2017）》确定。研发费用以企业年度所得税汇算清缴时税务部门确认的加计扣除研发费用数额为准。
第三章　技术合同交易奖励
第八条　对在本市技术合同登记机构认定登记的技术开发、技术转让合同，按上年度登记的技术合同成交额，分别给予技术输出方（卖方）2%、技术吸纳方（买方）3%的奖励，单个企业每年分别最高不超过100万元、50万元。
第九条　同一合同的技术输出方和技术吸纳方均为本市企业的，双方可分别申请。技术合同成交额以技术合同登记机构核定的数额为准。
第四章　科技创新券
第十条　本细则所称科技创新券，是指市科学技术局向企业发放，用于向服务机构购买研发设计、检验检测等科技服务的电子凭证。创新券支持的服务类别见附件。
第十一条　企业使用创新券购买服务目录内科技服务的，按服务合同实际支付金额的50%给予支持，每家企业每年使用创新券额度最高不超过20万元。
第十二条　服务机构在完成服务后，凭服务合同、发票及企业确认单向市科学技术局申请创新券兑付，经审核后由市财政局将兑付资金拨付至服务机构。
第五章　高新技术企业奖励
第十三条　对按照《高新技术企业认定管理办法》（国科发火〔2016〕32号）首次认定和重新认定的高新技术企业，分别给予一次性奖励30万元、10万元。
第六章　申报与管理
第十四条　后补助资金每年集中申报一次，申报时间为每年5月1日至6月30日。
第十五条　同一企业同一事项符合本细则和本市其他同类政策的，按就高原则给予支持，不重复享受。单个企业每年获得本细则支持资金合计不超过500万元。
第十六条　对弄虚作假骗取后补助资金的，全额追回已拨付资金，5年内取消其申报市级科技项目资格。
第七章　附　　则
第十七条　本细则由市科学技术局、市财政局负责解释。
第十八条　本细则自2026年5月1日起施行，有效期至2028年12月31日。
附件
青岭市科技创新券支持服务目录
序号　服务类别　　　服务内容
1　　研发设计　　　　产品设计、工艺设计、技术开发
2　　检验检测　　　　产品检验、计量校准、认证测试
3　　大型仪器共享　　科研仪器设备使用、分析测试
4　　中试熟化　　　　中试验证、小批量试制
5　　知识产权　　　　专利导航、专利分析评议
"""


def write_d36(path: Path) -> None:
    _printed(D36, D36_HEADER, "- {} -", 33, 26, path)


# d38 (doc32): a prefecture city 地方金融管理局's 金融支持实体经济高质量发展若干措施, issued with the 财政局 as a 通知
# and published as its PDF. Its artefacts, written in: the 文件 head and the 〔2024〕 文号s (its own, the province's
# it implements, the repealed one's), a running head (the bureau's 行政规范性文件 line) and — N — page numbers between
# the lines of items spanning two pages, lines broken at the page's width, spaces inside numerals (1 000万元); 一、
# parts with （一） items restarting in each. Its money: a share of LPR as 贴息 with a yearly cap; a 担保费率 cut to 1%
# whose difference the city pays to the guarantee institution; a 风险补偿 pool's shares of a bank's loss by tier
# listed with 分别 (to banks); a share of 科技保险 保费; 上市 stages listed with 分别, a 北交所 total in instalments, a
# 新三板 award with 再给予 for 创新层; a ‰ of bonds issued with a yearly cap; 落户 awards to 金融机构 by kind with 分别
# (to the institution, not a firm); fund sizes that are no award (资金池, 引导基金), a 转贷 service's terms
D38_HEADER = "青岚市地方金融管理局行政规范性文件"
D38 = """\
青岚市地方金融管理局文件
青金管发〔2024〕12号
青岚市地方金融管理局　青岚市财政局关于印发《青岚市金融支持实体经济高质量发展若干措施》的通知
各县（市、区）地方金融工作部门、财政局，各银行业金融机构，各有关企业：
《青岚市金融支持实体经济高质量发展若干措施》已经市政府第41次常务会议审议通过，现印发给你们，请结合实际认真贯彻落实。
青岚市地方金融管理局　　　　青岚市财政局
2024年12月6日
（此件公开发布）
青岚市金融支持实体经济高质量发展若干措施
为深入贯彻落实中央金融工作会议精神和《北川省金融支持实体经济高质量发展若干措施》（北政办发〔2024〕33号），引导金融机构加大对实体经济的支持力度，切实降低企业综合融资成本，结合我市实际，制定如下措施。
一、总体要求
（一）适用范围。本措施适用于在青岚市行政区域内依法登记注册、具有独立法人资格、未被列入严重失信主体名单的企业。
（二）资金保障。市财政每年安排金融发展专项资金1亿元，用于本措施各项奖补资金兑现。
二、降低企业融资成本
（一）实施贷款贴息。对中小微企业从我市银行业金融机构获得的流动资金贷款，按照同期贷款市场报价利率（LPR）的50%给予贴息，单户企业每年贴息最高不超过50万元。
（二）降低融资担保费率。引导政府性融资担保机构将小微企业和“三农”主体融资担保费率降至1%以下（含），因降低担保费率形成的差额部分，由市财政按照担保机构年度新增担保额的0.5%给予降费补贴。
（三）完善风险补偿机制。市财政出资设立2亿元小微企业贷款风险补偿资金池，对合作银行向小微企业发放的单户1 000万元以下信用贷款形成的损失，单户贷款300万元以下（含）、300万元至1 000万元的，分别由风险补偿资金池承担损失本金的60%、40%，其余部分由合作银行承担。
（四）支持科技保险。对科技型中小企业投保科技保险的，按照实际缴纳保费的50%给予补贴，单户企业每年最高不超过20万元。
三、支持企业上市挂牌
（一）沪深交易所上市奖励。对拟在上海证券交易所、深圳证券交易所首发上市的企业，按照辅导备案、申报受理、成功上市三个阶段，分别给予100万元、200万元、300万元奖励。
（二）北交所上市奖励。对在北京证券交易所上市的企业，给予奖励总额400万元，按辅导备案、申报受理、成功上市三个阶段分别拨付30%、30%、40%。
（三）新三板挂牌奖励。对在全国中小企业股份转让系统（新三板）挂牌的企业，给予一次性奖励50万元；进入创新层的，再给予30万元奖励。
四、支持企业发债融资
（一）债券发行奖励。对在银行间债券市场、证券交易所债券市场成功发行公司信用类债券的企业，按照实际发行规模的2‰给予奖励，单户企业每年最高不超过100万元。
五、推动金融机构集聚发展
（一）金融机构落户奖励。对新在我市设立的银行、证券、保险类金融机构，总部、分行（分公司）、支行（支公司）分别给予一次性落户奖励1 000万元、300万元、50万元。
（二）设立政府引导基金。设立规模10亿元的市级产业引导基金，首期出资3亿元，重点投向我市战略性新兴产业项目，具体管理办法另行制定。
（三）提供应急转贷服务。市应急转贷资金为符合条件的中小微企业提供单笔最高2 000万元、期限不超过15天的转贷服务，资金使用费按日0.1‰收取。
六、保障措施
（一）同一企业同一事项符合本措施和我市其他政策规定的，按照就高原则给予支持，不重复享受。单户企业每年享受本措施奖补资金累计不超过500万元（上市挂牌奖励除外）。
（二）各项奖补资金每年集中申报一次，由市地方金融管理局会同市财政局审核后兑现。
（三）对弄虚作假骗取奖补资金的，追回已拨付资金，3年内取消其申报资格。
（四）本措施由市地方金融管理局、市财政局负责解释，自2025年1月1日起施行，有效期至2027年12月31日。《青岚市促进金融业发展若干政策》（青政办发〔2021〕18号）同时废止。
"""


def write_d38(path: Path) -> None:
    _printed(D38, D38_HEADER, "— {} —", 36, 24, path)


# d39 (doc33): a prefecture city 工业和信息化局's 专精特新中小企业梯度培育若干措施, issued with the 财政局 as a 通知
# and published as its PDF. Its artefacts, written in: the 文件 head and 〔2025〕 文号s (its own, the ministry's 办法
# and the province's 措施 it cites), a running head (the bureau's 规范性文件 line) and - N - page numbers between the
# lines of items spanning two pages, lines broken at the page's width; 一、 parts with （一） items restarting in each;
# an 附件 申报材料清单 after the measures. Its money: titles of the 梯度 (创新型/专精特新/小巨人/单项冠军) listed with
# 分别 on 首次认定 only, 复核通过 at lower sums with 分别, 晋级 paying the difference to earlier awards (补差); a share
# of 设备投资额 over a threshold with a cap per project and a yearly cap per firm; a share of the 首台（套） insurance
# premium for at most 3 years; 新升规 rewards in two instalments, the second on revenue growth; a share of the
# interest of 知识产权质押 loans for 专精特新 firms; awards to 公共服务示范平台 by level (to the platform, not a firm);
# a 专项资金 of 1.2亿元 a year that is no award; a policy-wide yearly cap per firm
D39_HEADER = "岭川市工业和信息化局规范性文件"
D39 = """\
岭川市工业和信息化局文件
岭工信发〔2025〕8号
岭川市工业和信息化局　岭川市财政局关于印发《岭川市促进专精特新中小企业梯度培育若干措施》的通知
各县（市、区）工业和信息化主管部门、财政局，各开发区管委会，各有关企业：
为贯彻落实《优质中小企业梯度培育管理暂行办法》（工信部企业〔2022〕63号）和《南岳省促进专精特新中小企业高质量发展若干措施》（南政办发〔2025〕14号），现将《岭川市促进专精特新中小企业梯度培育若干措施》印发给你们，请认真贯彻执行。
岭川市工业和信息化局　　　　岭川市财政局
2025年6月16日
（此件公开发布）
岭川市促进专精特新中小企业梯度培育若干措施
为加快构建优质中小企业梯度培育体系，推动中小企业走专业化、精细化、特色化、新颖化发展之路，结合我市实际，制定如下措施。
一、适用范围和资金保障
（一）适用范围。本措施适用于在岭川市行政区域内依法登记注册、具有独立法人资格、近三年内未被列入严重失信主体名单的企业。
（二）资金保障。市财政每年安排中小企业发展专项资金1.2亿元，统筹用于本措施各项奖补资金兑现。
二、支持梯度培育
（一）首次认定奖励。对首次认定的创新型中小企业、省级专精特新中小企业、国家级专精特新“小巨人”企业、国家级制造业单项冠军企业，分别给予一次性奖励10万元、30万元、100万元、200万元。
（二）复核通过奖励。对有效期满复核通过的省级专精特新中小企业、国家级专精特新“小巨人”企业，分别给予一次性奖励10万元、30万元。
（三）晋级补差。企业由低层级晋升为高层级的，按照就高原则，以晋升后层级的奖励标准扣除此前已获得的梯度培育奖励后补足差额。同一企业同一层级只享受一次首次认定奖励。
三、支持技术改造和创新产品推广
（一）技术改造补助。对企业实施的技术改造项目，设备投资额在500万元以上的，按照项目设备投资额（不含税）的10%给予补助，单个项目最高不超过300万元，同一企业年度补助总额不超过500万元。
（二）首台（套）保险补偿。对投保首台（套）重大技术装备综合保险的企业，按照年度实际缴纳保费的80%给予补贴，每家企业每年最高不超过100万元，补贴期限最长不超过3年。
四、支持企业上规入统
（一）新升规奖励。对首次纳入规模以上工业统计的企业，给予奖励20万元，分两年兑现：入统次年兑现10万元；第二年营业收入较上年增长的，再兑现10万元。
五、强化融资支持
（一）知识产权质押融资贴息。对以专利权、商标权等知识产权质押方式获得银行贷款的专精特新中小企业，按照实际支付利息的50%给予贴息，单户企业每年最高不超过30万元。
六、完善公共服务体系
（一）服务平台奖励。对新认定的国家级、省级中小企业公共服务示范平台，分别给予平台运营单位一次性奖励50万元、20万元，用于提升服务能力。
七、保障措施
（一）同一企业同一事项符合本措施和我市其他政策规定的，按照就高原则给予支持，不重复享受。单户企业每年享受本措施奖补资金累计不超过800万元。
（二）各项奖补资金原则上每年集中申报一次，由市工业和信息化局会同市财政局审核，经公示无异议后兑现。
（三）对弄虚作假骗取奖补资金的，追回已拨付资金，3年内取消其申报市级财政资金资格。
（四）本措施由市工业和信息化局、市财政局负责解释，自2025年7月1日起施行，有效期3年。
附件
申报材料清单
1．岭川市专精特新中小企业梯度培育奖补资金申报表；
2．营业执照复印件；
3．上年度财务审计报告和纳税证明；
4．认定或复核通过的文件、证书复印件；
5．技术改造项目设备购置发票及清单（单台价值5万元以上）；
6．保险合同、保费支付凭证，或质押贷款合同、利息支付凭证；
7．申报材料真实性承诺书。
联系电话：0439-6218837
"""


def write_d39(path: Path) -> None:
    _printed(D39, D39_HEADER, "- {} -", 34, 24, path)


# d41 (doc35): a city 商务局's yearly 申报通知 for its 外经贸发展专项资金, issued with the 财政局, with its 申报指南 as
# 附件1, saved as the Word file the bureau posts. Its artefacts, written in: typed numbering (一、（一）) indented by
# full-width spaces, the 文号s in 〔2025〕, a header (the bureau) and a footer with a PAGE field; the 增量 bands as a
# Word table whose cells hold two lines (a line break typed inside the cell); the 重点境外展会目录 (附件2) as a table
# of names, months and places (a list, no rule); 附件3 a form of empty cells
D41 = """\
松源市商务局　松源市财政局关于组织申报2025年度松源市外经贸发展专项资金项目的通知
松商联〔2025〕6号
各县（市、区）商务主管部门、财政局，松源综合保税区管委会经济发展局，各有关企业：
　　为贯彻落实《松源市推动外贸稳规模优结构若干政策措施》（松政办发〔2025〕11号），支持外贸企业稳订单、拓市场、育新业态，现就组织申报2025年度市级外经贸发展专项资金项目有关事项通知如下：
　　一、申报内容
　　2025年度市级外经贸发展专项资金安排3000万元，重点支持外贸规模增长、出口信用保险、境外参展、海外仓建设、服务外包和外贸主体引进，具体支持内容、支持标准和申报要求详见《2025年度松源市外经贸发展专项资金申报指南》（附件1）。
　　二、申报时间
　　2025年4月1日至4月30日，逾期不予受理。
　　三、申报程序
　　申报企业登录“松源市商务综合服务平台”在线填报，并将纸质材料（一式两份）报送所在地县（市、区）商务主管部门。各县（市、区）商务主管部门会同财政部门于2025年5月15日前完成初审，将项目申报表（附件3）和初审意见报送市商务局。
　　四、工作要求
　　各地要严格审核申报材料的真实性、完整性。对弄虚作假、骗取专项资金的企业，追回已拨付资金，3年内取消其申报市级专项资金资格。
　　五、联系方式
　　市商务局对外贸易科：0436-8827315；市财政局经济建设科：0436-8827642。
　　附件：1．2025年度松源市外经贸发展专项资金申报指南
　　　　　2．松源市重点境外展会目录（2024年度）
　　　　　3．2025年度松源市外经贸发展专项资金项目申报表
松源市商务局　　　　　　松源市财政局
2025年3月18日
附件1
2025年度松源市外经贸发展专项资金申报指南
　　一、申报条件
　　申报企业应同时符合以下条件：
　　（一）在松源市行政区域内依法登记注册，具有独立法人资格，已依法办理对外贸易经营者备案登记或海关进出口货物收发货人备案；
　　（二）财务管理制度健全，依法纳税；
　　（三）未被列入严重失信主体名单；
　　（四）申报事项发生在2024年1月1日至2024年12月31日期间。
　　二、支持内容和标准
　　（一）外贸规模增长奖励。对2024年度进出口额（按海关统计，以美元计，下同）较2023年度增量达到100万美元（含）以上的企业，按增量分档给予奖励，单个企业最高不超过50万元，奖励标准如下表：
#T1
　　（二）出口信用保险保费补助。对企业投保短期出口信用保险的，按其2024年度实际缴纳保费的50%给予补助，单个企业最高不超过80万元。
　　（三）境外展会补助。企业参加2024年度境外展会的，按实际支付展位费的50%给予补助，每个展会补助最高不超过5万元，每家企业每年补助最高不超过20万元。参加《松源市重点境外展会目录（2024年度）》（附件2）所列展会的，优先给予支持。
　　（四）海外仓建设补助。对在境外自建或租赁海外仓的企业，按海外仓仓储面积达到1000平方米（含）、5000平方米（含）以上，分别给予一次性补助20万元、50万元。
　　（五）服务外包奖励。对2024年度离岸服务外包执行额达到50万美元（含）以上的服务外包企业，按离岸服务外包执行额每1美元奖励人民币0.03元，单个企业最高不超过60万元。
　　（六）外贸主体引进奖励。对2024年度新注册或从市外迁入本市的外贸企业，当年进出口额达到1000万美元（含）以上的，给予一次性奖励30万元。
　　三、申报材料
　　（一）《2025年度松源市外经贸发展专项资金项目申报表》（附件3）；
　　（二）营业执照复印件、对外贸易经营者备案登记表或海关备案回执；
　　（三）外贸规模增长奖励、外贸主体引进奖励须提供海关出具的2023年度、2024年度进出口数据；出口信用保险保费补助须提供保险单及保费支付凭证；境外展会补助须提供展位合同、展位费发票及付款凭证、参展照片；海外仓建设补助须提供产权证明或租赁合同、仓储面积证明；服务外包奖励须提供商务部服务外包业务管理系统统计数据；
　　（四）申报企业信用承诺书。
　　四、其他事项
　　（一）同一企业同一事项符合本指南和本市其他同类政策的，按就高原则给予支持，不重复享受。
　　（二）同一企业本年度获得本指南支持资金累计不超过100万元。
　　（三）本指南由松源市商务局、松源市财政局负责解释。
附件2
松源市重点境外展会目录（2024年度）
#T2
附件3
2025年度松源市外经贸发展专项资金项目申报表
#T3
申报单位（盖章）：　　　　　　　　填报日期：　　年　　月　　日
"""
# the 增量 bands: each cell typed on two lines (a line break inside the cell, as Word's Shift+Enter)
D41_BANDS = [
    ["档次", "进出口增量", "奖励标准"],
    ["第一档", "100万美元（含）\n—500万美元", "每增长1美元\n奖励人民币0.02元"],
    ["第二档", "500万美元（含）\n以上", "每增长1美元\n奖励人民币0.03元"],
]
D41_FAIRS = [
    ["序号", "展会名称", "举办时间", "举办地点"],
    ["1", "美国拉斯维加斯消费电子展", "2024年1月", "美国拉斯维加斯"],
    ["2", "日本东京国际食品及饮料展", "2024年3月", "日本东京"],
    ["3", "德国汉诺威工业博览会", "2024年4月", "德国汉诺威"],
    ["4", "俄罗斯莫斯科国际汽车零部件展", "2024年8月", "俄罗斯莫斯科"],
    ["5", "阿联酋迪拜中东电力照明及新能源展", "2024年4月", "阿联酋迪拜"],
]
D41_FORM = [
    ["企业名称", "", "统一社会\n信用代码", ""],
    ["申报项目", "", "申请金额\n（万元）", ""],
    ["县级商务主管部门\n初审意见", "", "", ""],
]


def write_d41(path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml

    document = Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "松源市商务局"
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    footer._p.append(parse_xml(f'<w:fldSimple {WORD_NS} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer.add_run(" —")
    tables = {"#T1": D41_BANDS, "#T2": D41_FAIRS, "#T3": D41_FORM}
    for line in D41.splitlines():
        if line in tables:
            _word_grid(document, tables[line])  # python-docx writes a cell's "\\n" as a line break (w:br)
            continue
        paragraph = document.add_paragraph(line)
        if line.startswith(("松源市商务局　松源市财政局关于", "2025年度松源市", "松源市重点境外")):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.save(str(path))


# d42 (doc36): a city 人力资源和社会保障局's 技能人才提升行动实施办法, issued with the 财政局 as a 通知 and published as
# its PDF. Its artefacts, written in: the two bureaus' names on lines of their own above the 通知's title, 〔2025〕
# 文号s, a running head of two parts (the 文号 and the 办法's short title, apart by full-width spaces), a page number
# "第 N 页 共 M 页" below every page, lines broken at 32 characters; 第X章 and 第X条 with a title ended by 。, items
# （一） in one article; the 附件 forms as lines of labels apart by full-width spaces
D42_HEADER = "白人社规〔2025〕5号　　　　　　白川市技能人才提升行动实施办法"
D42 = """\
白川市人力资源和社会保障局
白川市财政局
关于印发《白川市技能人才提升行动实施办法》的通知
白人社规〔2025〕5号
各县（市、区）人力资源和社会保障局、财政局，白川经济技术开发区社会事业局，市直各有关单位：
　　为深入贯彻落实中共中央办公厅、国务院办公厅《关于加强新时代高技能人才队伍建设的意见》（中办发〔2022〕58号）和省人力资源和社会保障厅、省财政厅《关于全面推行技能人才提升行动的通知》（省人社发〔2024〕27号）精神，经市政府同意，现将《白川市技能人才提升行动实施办法》印发给你们，请结合实际认真贯彻执行。
白川市人力资源和社会保障局　　　　白川市财政局
2025年7月8日
（此件公开发布）
白川市技能人才提升行动实施办法
第一章　总　　则
　　第一条　为加快培养适应产业发展需要的高素质技能人才，推动技能人才数量、质量和结构同我市产业发展相匹配，根据国家和省有关规定，结合我市实际，制定本办法。
　　第二条　本办法适用于在本市依法登记注册、依法参加社会保险的企业，以及在本市企业就业并参加职工基本养老保险的劳动者（以下简称参保职工）。申请补贴或奖励的企业应未被列入严重失信主体名单。
　　第三条　本办法规定的职业技能提升补贴、企业新型学徒制培训补贴和以工代训补贴所需资金，按规定从失业保险基金和就业补助资金中列支；技能大师工作室建设补助、职业技能竞赛奖励和企业自主评价奖励所需资金，由市财政每年安排高技能人才培养专项资金1500万元予以保障。
　　第四条　市人力资源和社会保障局负责本办法的组织实施和补贴审核，市财政局负责资金保障和监督管理。
第二章　补贴和奖励标准
　　第五条　职业技能提升补贴。参保职工取得职业技能等级证书的，按初级工（五级）、中级工（四级）、高级工（三级）、技师（二级）、高级技师（一级）分别给予1000元、1500元、2000元、3000元、4000元的补贴。申领人应在本市参加失业保险累计满12个月（含）以上，并在证书核发之日起12个月内提出申请。同一职业（工种）同一等级只能享受一次补贴，每人每年享受补贴不超过1次，3年内累计不超过3次。
　　第六条　企业新型学徒制培训补贴。企业以“招工即招生、入企即入校、企校双师联合培养”方式，组织新招用或在岗的技能岗位职工开展新型学徒制培训的，按每人每年6000元的标准给予企业培训补贴，培养期为1至2年，补贴期限按实际培养期确定。补贴分两次拨付：学徒培训开始后拨付50%，培训结业并取得相应职业技能等级证书后拨付剩余50%。学徒应与企业签订6个月以上劳动合同。
　　第七条　以工代训补贴。对新吸纳登记失业人员就业并组织开展以工代训的中小微企业，按每人每月500元的标准给予以工代训补贴，补贴期限最长不超过6个月。以工代训人员应与企业签订1年以上劳动合同并依法缴纳社会保险费。
　　第八条　技能大师工作室建设补助。对新获批的国家级、省级、市级技能大师工作室，分别给予其所在企业（建设单位）50万元、20万元、10万元建设补助。补助资金在3年建设期内分两次拨付：获批当年拨付60%，建设期满经考核合格后拨付40%；考核不合格的，不再拨付剩余资金。
　　第九条　职业技能竞赛奖励。
　　（一）对在世界技能大赛中获得金牌、银牌、铜牌和优胜奖的选手，分别给予50万元、30万元、20万元、5万元奖励；对在全国职业技能大赛中获得金牌、银牌、铜牌的选手，分别给予20万元、10万元、5万元奖励。
　　（二）对在省级一类职业技能竞赛中获得第1名、第2名、第3名的选手，分别给予3万元、2万元、1万元奖励，并按规定授予“省技术能手”称号。
　　（三）对培养获奖选手的企业，按每名获奖选手3万元的标准给予培养奖励，每家企业每年最高不超过15万元。
　　（四）选手同一项目同时获得其他部门同类奖励的，按就高原则给予奖励，不重复享受。
　　第十条　企业自主评价奖励。对经市人力资源和社会保障局备案、首次纳入职业技能等级认定试点的企业，给予一次性奖励5万元；年度内自主评价取证人数达到200人以上的，再给予5万元奖励。
第三章　申领程序
　　第十一条　职业技能提升补贴由参保职工本人通过“白川人社”网上服务平台或社会保障卡申领；其他补贴和奖励由企业于每年3月1日至4月30日向所在地县（市、区）人力资源和社会保障部门提出申请。
　　第十二条　县（市、区）人力资源和社会保障部门在收到申请后15个工作日内完成初审，市人力资源和社会保障局会同市财政局复核后，在市人力资源和社会保障局网站公示5个工作日。公示无异议的，补贴资金直接拨付至企业基本账户或个人社会保障卡银行账户。
第四章　附　　则
　　第十三条　同一企业或个人同一事项符合本办法和本市其他同类政策的，按就高原则给予支持，不重复享受。
　　第十四条　对弄虚作假、骗取补贴资金的企业和个人，由人力资源和社会保障部门追回已拨付资金，5年内取消其申领资格；涉嫌犯罪的，依法移送司法机关处理。
　　第十五条　本办法由白川市人力资源和社会保障局、白川市财政局负责解释。
　　第十六条　本办法自2025年8月1日起施行，有效期至2028年7月31日。《白川市职业技能提升补贴实施细则》（白人社发〔2021〕9号）同时废止。
附件：1．白川市职业技能提升补贴申领表
　　　2．白川市技能大师工作室建设补助申请表
附件1
白川市职业技能提升补贴申领表
姓名　　　　　性别　　　　　公民身份号码
职业（工种）　　　　　等级　　　　　证书编号
参保单位　　　　　　　　　　参保月数
社会保障卡银行账号
申领人签字：　　　　　　　　年　　月　　日
附件2
白川市技能大师工作室建设补助申请表
工作室名称　　　　　　　　　领办人
所在企业　　　　　　　　　　统一社会信用代码
工作室级别　□国家级　□省级　□市级　　获批时间
申请金额（万元）　　　　　　本次为第　　次拨付
县（市、区）人社部门意见　　　　（盖章）　年　月　日
"""


def write_d42(path: Path) -> None:
    from tests.extract.pdfmake import write_pdf

    pages = _pages(D42, 32, 26)
    printed = "\n".join(
        "\n".join([D42_HEADER, *page, f"第 {n} 页 共 {len(pages)} 页"]) for n, page in enumerate(pages, start=1)
    )
    write_pdf(printed, path, width=10_000, lines_per_page=26 + 2)


# d44 (doc38): a city 市场监督管理局（知识产权局）'s 知识产权资助和奖励办法, issued with the 财政局 as a 通知 and
# published as its PDF. Its artefacts, written in: the bureau's name with its second name in brackets and the 财政局 on
# lines of their own above the 通知's title, 〔2025〕 文号s, a running head naming the 规范性文件 and its 文号 on every
# page, a page number "- N -" below every page, lines broken at 30 characters; 第X章 and 第X条 with titles ended by 。,
# items （一） in paragraphs of their own; the 附件 forms as lines of labels apart by full-width spaces
D44_HEADER = "青岚市市场监督管理局规范性文件　　青市监规〔2025〕3号"
D44 = """\
青岚市市场监督管理局（青岚市知识产权局）
青岚市财政局
关于印发《青岚市知识产权资助和奖励办法》的通知
青市监规〔2025〕3号
各县（市、区）市场监督管理局、财政局，青岚高新技术产业开发区管委会，市直有关部门：
　　为全面贯彻《知识产权强国建设纲要（2021—2035年）》（中发〔2021〕32号）和《省知识产权保护和运用“十四五”规划》（省政办发〔2022〕11号），激励创新主体多创造、善运用、严保护，经市政府同意，现将《青岚市知识产权资助和奖励办法》印发给你们，请认真贯彻执行。
青岚市市场监督管理局（青岚市知识产权局）　　青岚市财政局
2025年9月16日
（此件公开发布）
青岚市知识产权资助和奖励办法
第一章　总　　则
　　第一条　为提升我市知识产权创造质量和运用效益，强化知识产权对产业发展的支撑，根据国家和省有关规定，结合本市实际，制定本办法。
　　第二条　本办法适用于在本市行政区域内依法登记注册、具有独立法人资格的企业、高等院校、科研机构和其他组织（以下简称申请单位）。申请单位应未被列入严重失信主体名单，近三年内无故意侵犯他人知识产权的行为。
　　第三条　市财政每年在市级知识产权专项资金中安排2000万元，用于本办法规定的各项资助和奖励，实行总额控制、当年兑现。
　　第四条　市市场监督管理局（市知识产权局）负责本办法的组织实施、申报受理和审核；市财政局负责资金的安排、拨付和监督。
第二章　资助和奖励标准
　　第五条　发明专利授权资助。对申请单位上年度新获得国内发明专利授权的，每件资助5000元，同一申请单位每年资助不超过50件。
　　第六条　国际专利申请资助。对申请单位通过《专利合作条约》（PCT）途径提交国际专利申请，并于上年度进入国家或地区阶段的，每进入一个国家或地区资助3万元，每件PCT申请最多资助5个国家或地区。
　　第七条　商标品牌奖励。
　　（一）对申请单位上年度通过马德里体系获得商标国际注册的，按指定保护的国家或地区数量给予资助，每个国家或地区资助2000元，同一申请单位每年资助总额不超过20万元。
　　（二）对新获准注册地理标志证明商标、集体商标的，每件奖励10万元；对新核准使用地理标志专用标志的企业，每家奖励1万元。
　　（三）对商标新被依法认定为驰名商标的申请单位，一次性奖励50万元。
　　第八条　知识产权质押融资补助。
　　（一）对以专利权、商标专用权质押方式获得银行贷款的企业，按其上年度实际支付利息的50%给予贴息，单户企业年度贴息不超过50万元。
　　（二）对企业办理知识产权质押融资发生的评估费、担保费，分别按实际发生额的50%、30%给予补助，每家企业每项每年最高不超过5万元。
　　第九条　知识产权合规管理体系认证奖励。对首次通过《企业知识产权合规管理体系　要求》（GB/T 29490—2023）认证的企业，给予一次性奖励3万元。
　　第十条　知识产权示范企业和优势企业奖励。对新认定的国家知识产权示范企业、国家知识产权优势企业、省知识产权示范企业，分别给予30万元、20万元、10万元奖励。
　　第十一条　高价值专利培育中心资助。对经市知识产权局批准建设的高价值专利培育中心，建设期满绩效评价结果为优秀、良好、合格的，分别给予其依托单位100万元、60万元、30万元资助；绩效评价结果为不合格的，不予资助。
　　第十二条　专利导航项目资助。对企业、产业园区组织实施并通过市知识产权局验收的专利导航项目，按项目实际投入的50%给予资助，最高不超过30万元。对实际投入超过200万元、对全市重点产业发展具有重大支撑作用的专利导航项目，经市政府同意，采取“一事一议”方式给予支持。
　　第十三条　同一专利、同一商标在本办法中只资助一次。同一申请单位同一事项符合本办法和本市其他政策规定的，按照就高原则给予支持，不重复享受。
第三章　申报和审核
　　第十四条　资助和奖励每年集中申报一次。申请单位于每年4月1日至5月31日通过“青岚市知识产权公共服务平台”提交申请材料，逾期不予受理。
　　第十五条　县（市、区）市场监督管理部门在收到申请后10个工作日内完成初审，市知识产权局会同市财政局复核后，在市市场监督管理局网站公示7个工作日。公示无异议的，资金一次性拨付至申请单位基本账户。
第四章　附　　则
　　第十六条　申请单位以虚假材料、非正常专利申请等方式骗取资助和奖励资金的，由市知识产权局追回已拨付资金，3年内不再受理其申请；涉嫌犯罪的，依法移送司法机关处理。
　　第十七条　本办法由青岚市市场监督管理局（青岚市知识产权局）、青岚市财政局负责解释。
　　第十八条　本办法自2025年10月1日起施行，有效期至2030年9月30日。《青岚市专利资助暂行办法》（青市监发〔2021〕8号）同时废止。
附件：1．青岚市知识产权资助和奖励申请表
　　　2．申请单位信用承诺书
附件1
青岚市知识产权资助和奖励申请表
申请单位（盖章）　　　　　　　统一社会信用代码
联系人　　　　　　联系电话　　　　　　电子邮箱
申请事项　□发明专利授权　□PCT国际专利申请　□商标国际注册
　　　　　□地理标志　□驰名商标　□质押融资　□贯标认证
专利号（商标注册号）　　　　　授权（注册）日期
申请金额（万元）　　　　　开户银行及账号
县（市、区）市场监督管理部门初审意见　　　（盖章）　年　月　日
附件2
申请单位信用承诺书
本单位承诺所提交的申请材料真实、有效，如有虚假，自愿承担相应责任。
法定代表人（签字）：　　　　　　单位（盖章）　　　年　　月　　日
"""


def write_d44(path: Path) -> None:
    from tests.extract.pdfmake import write_pdf

    pages = _pages(D44, 30, 25)
    printed = "\n".join("\n".join([D44_HEADER, *page, f"- {n} -"]) for n, page in enumerate(pages, start=1))
    write_pdf(printed, path, width=10_000, lines_per_page=25 + 2)


if __name__ == "__main__":
    write_d6(HERE / "d6_listing.docx")
    write_d7(HERE / "d7_tourism.pdf")
    write_d14(HERE / "d14_science_policy.pdf")
    write_d16(HERE / "d16_digital_rules.docx")
    write_d17(HERE / "d17_ip_funding.pdf")
    write_d21(HERE / "d21_talent_rules.pdf")
    write_d20(HERE / "d20_talent_gazette.pdf")
    write_d25(HERE / "d25_voucher_rules.docx")
    write_d26(HERE / "d26_consumption_measures.pdf")
    write_d28(HERE / "d28_hitech_zone_policy.pdf")
    write_d30(HERE / "d30_private_economy_measures.docx")
    write_d31(HERE / "d31_jobs_subsidy_rules.pdf")
    write_d33(HERE / "d33_hq_investment_policy.pdf")
    write_d35(HERE / "d35_industry_funds_guide.docx")
    write_d36(HERE / "d36_science_postsubsidy_rules.pdf")
    write_d38(HERE / "d38_finance_measures.pdf")
    write_d39(HERE / "d39_srdi_tiered_measures.pdf")
    write_d41(HERE / "d41_trade_funds_guide.docx")
    write_d42(HERE / "d42_skills_upgrading_rules.pdf")
    write_d44(HERE / "d44_ip_funding_rules.pdf")
