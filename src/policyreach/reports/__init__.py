"""Reports: the smart matching report (智能匹配报告) in HTML, PDF, JSON and XLSX."""
