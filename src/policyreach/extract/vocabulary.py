"""The synonym table: how policy text names attributes, certifications, places, industries and sizes."""

from __future__ import annotations

from policyreach.standards import divisions, industry

# yearly money / count attributes: words → (attribute, is money)
MEASURES: dict[str, tuple[str, bool]] = {
    "主营业务收入": ("revenue", True), "营业收入": ("revenue", True), "销售收入": ("revenue", True),
    "研发费用": ("rd_expense", True), "研发投入": ("rd_expense", True),
    "纳税总额": ("tax_paid", True), "税收贡献": ("tax_paid", True), "纳税": ("tax_paid", True),
    "出口额": ("exports", True), "固定资产投资": ("fixed_investment", True),
    "技术合同成交额": ("tech_contract_turnover", True), "成果转化收入": ("tech_transfer_income", True),
    "从业人员": ("employees", False), "职工人数": ("employees", False), "职工": ("employees", False),
    "新招用高校毕业生": ("new_hires_graduates", False), "资产总额": ("total_assets", True),
    "新增贷款": ("new_loans", True), "科研人员": ("researchers", False),
}
# counts that are not yearly
PLAIN_COUNTS = {"有效发明专利": "invention_patents", "注册资本": "registered_capital"}
CERTIFICATIONS: dict[str, str] = {
    "国家高新技术企业": "cert_hightech_year", "高新技术企业": "cert_hightech_year",
    "科技型中小企业": "cert_tech_sme_year", "小巨人": "cert_little_giant_year",
    "专精特新中小企业": "cert_srdi_year", "省级专精特新": "cert_srdi_year",
    "瞪羚企业": "cert_gazelle_year", "独角兽企业": "cert_unicorn_year",
    "国家级企业技术中心": "cert_tech_center_nat_year", "国家企业技术中心": "cert_tech_center_nat_year",
    "省级企业技术中心": "cert_tech_center_prov_year", "技术创新示范企业": "cert_innovation_demo_year",
    "首台（套）": "cert_first_set_year", "首台(套)": "cert_first_set_year",
    "国家重点实验室": "cert_lab_nat_year", "省级重点实验室": "cert_lab_prov_year",
}
DEGREES = {"博士": "doctor", "硕士": "master", "本科": "bachelor", "学士": "bachelor"}
TITLES = {"正高级": "senior", "副高级": "deputy_senior"}
SIZES = {"中小微": '["中", "小", "微"]', "中小企业": '["中", "小", "微"]', "小微": '["小", "微"]'}
AREA_NAMES = {**{v: k for k, v in divisions.FUNCTIONAL_AREAS.items()},
              **{v: k for k, v in divisions.FUNCTIONAL_AREA_SHORT.items()}, "长春高新技术产业开发区": "cc_gaoxin"}
DISTRICT_NAMES = {name: code for code, name in divisions.DISTRICTS.items()}
INDUSTRY_NAMES = {name: f"{industry.section_of(code)}{code}" for code, name in industry.DIVISIONS.items()}
INDUSTRY_NAMES.update({"汽车零部件": "C36", "软件企业": "I65", "软件和信息技术服务": "I65",
                       "农产品加工": ["C13", "C14", "C15"], "工业企业": ["B", "C", "D"], "制造业": "C"})
