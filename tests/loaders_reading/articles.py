"""Invented test articles about a fictional city (星河市) and its AI park. Not real news."""

from __future__ import annotations

TITLE = "星河市人工智能产业园首批企业入驻"

BODY = [
    "3月8日，星河市人工智能产业园正式开园，首批二十家企业签约入驻。",
    "园区由星河市科技局牵头建设，规划面积五百亩，重点发展大模型、智能机器人和智能网联汽车。",
    "壮大产业集群，打造创新高地",
    "据介绍，园区今年计划引进重点项目三十个，力争实现营业收入50亿元，同比增长20%。",
    "“我们要把园区建成全国一流的人工智能创新高地。”星河市科技局负责人表示。",
]

#: Simplified body, used for UTF-8 and GBK files.
PLAIN = "\n\n".join([TITLE, *BODY])

#: Traditional-character article, used for Big5 files.
TRADITIONAL = ("星河市人工智慧產業園開園\n\n"
               "星河市人工智慧產業園正式開園，首批二十家企業進駐。\n\n"
               "園區規劃面積五百畝，重點發展大模型與智慧機器人。")

#: A text dump of a news page: navigation, headline, body, editor line, footer.
DUMP = "\n".join([
    "搜索",
    "星河网手机版移动继续看新闻",
    "",
    TITLE,
    "",
    *[f"{p}\n" for p in BODY[:-1]],
    BODY[-1] + "文/星河网记者",
    "",
    "[来源:星河日报 编辑:林晓月]",
    "星河网版权稿件,转载请获取授权(邮箱:news@example.cn)。",
    "精彩美图 更多 >>",
    "2025 03/08 09:30",
    "· 来源 ·",
    "星河日报",
    "· 责编 ·",
    "林晓月",
    "阅读量",
    "扫描到手机",
    "用手机或平板电脑的二维码应用拍下左侧二维码,可以在手机继续阅读。",
    "",
    "星河话题 更多 >>",
    "",
    "大家爱看",
    "",
    "星河网小程序",
    "",
    "Copyright © 2014-2025 星河网 All rights reserved. 星ICP备12345678号-1",
    "手机版 | 媒体资源 | 关于我们 | 广告服务 | 联系我们",
])

#: An HTML page in GBK with navigation, a script, a style and a footer.
HTML_GBK = f"""<!DOCTYPE html>
<html><head><meta charset="gbk">
<title>{TITLE}_星河网</title>
<meta name="ContentSource" content="星河日报">
<meta name="PubDate" content="2025-03-08 09:30">
<meta name="author" content="林晓月">
<link rel="canonical" href="https://news.example.cn/2025/0308/ai-park.html">
<script>var secret = "脚本里的文字不应出现";</script>
<style>.nav {{ color: red; }} /* 样式里的文字 */</style>
</head><body>
<nav><a href="/">首页</a> | <a href="/n">新闻</a> | <a href="/z">政务</a> | <a href="/f">服务</a></nav>
<div class="article">
<h1>{TITLE}</h1>
{"".join(f"<p>{p}</p>" for p in BODY)}
</div>
<footer>Copyright 2025 星河网 版权所有 星ICP备12345678号</footer>
<script>document.write("页脚脚本");</script>
</body></html>
"""

MARKDOWN = f"""---
title: {TITLE}
date: 2025-03-08
author: 林晓月, 王五
source: 星河日报
---

# {TITLE}

{BODY[0]}

![园区全景](https://example.cn/park.jpg)

## {BODY[2]}

{BODY[1].replace("大模型", "**大模型**")}

- 详见[园区官网](https://example.cn/park)发布的`入驻指南`

```
code stays as text
```
"""
