"""What the browser tests share: a page already signed in as someone, signing in through the
e-mailed link as a person would, and the path of an absolute link."""

from django.test import Client

from nec.accounts.services import issue_login_link


def signed_in_page(browser, live_server, user, width: int = 1280):
    """A new page (French, `width` px wide) whose session is `user`'s."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(
        locale="fr-FR", base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def path_of(url: str) -> str:
    """ "/a/b/" of "https://host/a/b/": links in e-mails are absolute, pages use the live server."""
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def sign_in_by_link(page, user, next_url: str) -> None:
    """Sign `page` in as `user` through a fresh sign-in link, landing on `next_url`."""
    page.context.clear_cookies()
    page.goto(path_of(issue_login_link(user, next_url=next_url)))
    click_and_wait(page.get_by_role("button", name="Me connecter"))


def click_and_wait(locator) -> None:
    """Click a link or a submit button and wait until the page it leads to has loaded: reading
    the page right after a bare click may read the old page, or an empty one mid-navigation."""
    with locator.page.expect_navigation():
        locator.click()
