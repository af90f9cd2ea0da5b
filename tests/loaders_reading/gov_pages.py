"""Invented government web pages of a fictional city (星河市), in the layouts common on Chinese
government sites. Not real documents: names, numbers and document numbers are made up."""

from __future__ import annotations

TITLE = "星河市人民政府办公厅关于印发《星河市促进智能机器人产业发展若干政策》的通知"
SUBTITLE = "星河市促进智能机器人产业发展若干政策"
DOC_NUMBER = "星政办发〔2026〕12号"
ISSUER = "星河市人民政府办公厅"
SALUTATION = "各区、县（市）人民政府，市政府各部门、各直属单位："
FORWARD = "《星河市促进智能机器人产业发展若干政策》已经市政府同意，现印发给你们，请认真组织实施。"

BODY = [
    "为加快智能机器人产业集聚发展，打造全国重要的机器人创新高地，制定本政策。",
    "一、支持整机研发。对整机企业新产品研发投入给予补助，单个企业每年最高不超过800万元。",
    "二、建设公共服务平台。支持星河机器人检测中心建设，按设备投资额的25%给予补助。",
    "三、本政策自2026年5月1日起施行，有效期三年。",
]

NEWS_TITLE = "星河市智能机器人产业园一季度新增企业32家"
NEWS_BODY = [
    "记者从星河市工业和信息化局获悉，一季度星河市智能机器人产业园新增注册企业32家。",
    "园区今年将新建标准厂房十万平方米，重点引进整机和核心零部件企业。",
]

#: A municipal 通知: one header line of label：value fields, a 文号 line, the salutation, the
#: forwarding sentence, the signature and its date, then the attached document.
NOTICE_HEADER_LINE = "\n".join([
    "首页 > 政务公开 > 政策文件 > 市政府办公厅文件",
    TITLE,
    "发布时间：2026-04-20 09:15　来源：星河市人民政府办公厅　责任编辑：林晓月　【字号：大 中 小】",
    DOC_NUMBER,
    "",
    SALUTATION,
    FORWARD,
    "",
    ISSUER,
    "2026年4月16日",
    "（此件公开发布）",
    "",
    SUBTITLE,
    "",
    *BODY,
    "",
    "附件：政策解读",
    "【打印本页】【关闭窗口】",
    "主办单位：星河市人民政府办公厅　网站标识码：0000000000",
])

#: A 信息公开 page: the index table as "label：value" rows, two fields to a row.
NOTICE_TABLE_COLON = "\n".join([
    "当前位置：首页 > 信息公开 > 政府文件",
    "索引号：000014349/2026-00012　　主题分类：科技、教育\\科技",
    "发文机关：星河市人民政府办公厅　　成文日期：2026年04月16日",
    f"标题：{TITLE}",
    f"发文字号：{DOC_NUMBER}　　发布日期：2026年04月20日",
    "有效性：有效",
    "",
    TITLE,
    DOC_NUMBER,
    SALUTATION,
    FORWARD,
    ISSUER,
    "2026年4月16日",
    SUBTITLE,
    *BODY,
    "扫一扫在手机打开当前页",
    "分享到：微信 微博 QQ空间",
    "相关链接：",
    "星河市人民政府网站群",
    "[ 打印本页 ] [ 关闭窗口 ]",
])

#: The same table copied from a browser: tab-separated cells, no colons.
NOTICE_TABLE_CELLS = "\n".join([
    "首页 > 政务公开 > 政策文件",
    "索引号\t11330100002489/2026-00031\t主题分类\t工业、交通\\其他",
    "发布机构\t星河市人民政府办公厅\t成文日期\t2026-04-16",
    f"文号\t{DOC_NUMBER}\t发布日期\t2026-04-20",
    "",
    TITLE,
    SALUTATION,
    FORWARD,
    SUBTITLE,
    *BODY,
    "【字体：大 中 小】 【打印】 【关闭】",
])

#: Labels on their own lines, each value on the next line.
NOTICE_LABEL_LINES = "\n".join([
    "首页 > 政府信息公开",
    TITLE,
    "发布机构：",
    ISSUER,
    "成文日期：",
    "2026-04-16",
    "文号：",
    DOC_NUMBER,
    "发布日期：",
    "2026-04-20",
    "",
    SALUTATION,
    FORWARD,
    SUBTITLE,
    *BODY,
    "【我要纠错】 【打印本页】 【关闭窗口】",
])

#: News on a department's site: 信息来源 / 发布日期 / 浏览次数, 字体 switch, share and print bar.
DEPARTMENT_NEWS = "\n".join([
    "星河市工业和信息化局",
    "首页 > 新闻动态 > 工作动态",
    NEWS_TITLE,
    "信息来源：星河市工业和信息化局　发布日期：2026-04-08　浏览次数：1234",
    "字体：[大] [中] [小]",
    *NEWS_BODY,
    "分享到：",
    "扫一扫在手机打开当前页",
    "【打印】 【关闭】",
    "相关链接",
    "国务院    省政府    星河市人民政府",
    "主办：星河市工业和信息化局　版权所有　星ICP备05001234号",
])

#: A district page: 日期/来源/作者 line whose date and source are separated by bars.
DISTRICT_NEWS = "\n".join([
    "首页 | 政务动态 | 部门动态",
    NEWS_TITLE,
    "日期：2026-04-08 16:20 | 来源：星河区科技局 | 作者：王小明 | 阅读量：321 | 【字号：大 中 小】",
    *NEWS_BODY,
    "[打印本页] [关闭窗口]",
])

#: A government page as HTML: CMS <meta> tags, the index table, the notice in div#zoom.
NOTICE_HTML = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>{TITLE}_星河市人民政府</title>
<meta name="SiteName" content="星河市人民政府">
<meta name="ArticleTitle" content="{TITLE}">
<meta name="PubDate" content="2026-04-20 09:15">
<meta name="ContentSource" content="星河市人民政府办公厅">
</head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a></div>
<table class="xxgk-table">
<tr><td>索引号：</td><td>000014349/2026-00012</td><td>主题分类：</td><td>科技、教育</td></tr>
<tr><td>发文机关：</td><td>星河市人民政府办公厅</td><td>成文日期：</td><td>2026年04月16日</td></tr>
<tr><td>标题：</td><td colspan="3">{TITLE}</td></tr>
<tr><td>发文字号：</td><td>{DOC_NUMBER}</td><td>发布日期：</td><td>2026年04月20日</td></tr>
</table>
<div class="article">
<h1>{TITLE}</h1>
<div class="info"><span>发布时间：2026-04-20 09:15</span> <span>来源：星河市人民政府办公厅</span>
<span class="fontsize">【字号：<a>大</a> <a>中</a> <a>小</a>】</span></div>
<div id="zoom">
<p>{DOC_NUMBER}</p>
<p>{SALUTATION}</p>
<p>{FORWARD}</p>
<p>{ISSUER}</p>
<p>2026年4月16日</p>
<p>{SUBTITLE}</p>
{"".join(f"<p>{p}</p>" for p in BODY)}
</div>
<div class="share">分享到：<a>微信</a> <a>微博</a></div>
<div class="print"><a>【打印本页】</a><a>【关闭窗口】</a></div>
</div>
<div class="footer">主办单位：星河市人民政府办公厅 网站标识码：0000000000</div>
</body></html>
"""
