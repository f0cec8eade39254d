"""Every page works under the content-security policy (no inline script, no eval): the browser reports no violation
while an administrator and a firm go through the pages that carry scripts, and the charts are drawn."""

from __future__ import annotations

from policyreach import plugins


def _login(page, server: str, username: str) -> None:
    page.goto(f"{server}/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("demo1234")
    with page.expect_navigation():
        page.get_by_role("button", name="登录").click()


def test_pages_with_scripts_run_under_the_policy_without_a_violation(desktop, server, served_platform) -> None:
    violations: list[str] = []
    desktop.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    _login(desktop, server, "admin")
    benefit = served_platform.compiled.benefits[0].id
    charts = ["/console/simulation", f"/console/funnel/{benefit}"]
    if any(p.name == "conference" for p in plugins.installed()):
        charts.append("/conference/statistics")
    for path in charts:
        desktop.goto(f"{server}{path}")
        desktop.wait_for_selector(".chart .main-svg", timeout=60000)  # drawn by /static/charts.js
    desktop.goto(f"{server}/console")
    desktop.get_by_role("button", name="退出").click()
    desktop.wait_for_url("**/login")
    _login(desktop, server, "enterprise1")
    for path in ("/me/policies", "/me/applications", "/calculator"):
        desktop.goto(f"{server}{path}")
    assert violations == []
