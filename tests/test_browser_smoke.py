"""The home page opens in a real browser with its call link: the base the browser tests build on."""

from browsing import visit


def test_home_page_opens_in_a_real_browser(browser, server, facts):
    page = browser.new_page()
    visit(page, server)
    assert page.locator("h1").first.inner_text() == "What is ketamine therapy?"
    assert page.locator(f'a[href="{facts.clinic.tel}"]').first.is_visible()
    page.close()
