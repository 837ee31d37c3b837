"""Makes an editor's API token on the demo server the way a person does:
logs in as the demo editor and fills in the form on the account page.
Prints the secret. Usage: token.py BASE_URL PASSWORD [TOKEN_NAME]"""

import http.cookiejar
import re
import sys
import urllib.parse
import urllib.request

base, password = sys.argv[1], sys.argv[2]
name = sys.argv[3] if len(sys.argv) > 3 else "Schemathesis"
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def csrf():
    return next(c.value for c in jar if c.name == "overens_csrf")


def post(path, fields):
    data = urllib.parse.urlencode({"csrf": csrf(), **fields}).encode()
    return opener.open(base + path, data).read().decode()


opener.open(base + "/login").read()
post("/login", {"email": "redaktor@demo.example", "password": password})
account = opener.open(base + "/account").read().decode()
agreement = re.search(r'name="token_agreement".*?<option value="(\d+)"', account, re.S)
if not agreement:
    sys.exit("token.py: no agreement to choose on the account page (not logged in?)")
page = post(
    "/account/tokens",
    {"token_name": name, "token_agreement": agreement.group(1), "token_scope": "editor"},
)
secret = re.search(r'<code id="api-token">(ovr_[A-Za-z0-9_-]+)</code>', page)
if not secret:
    sys.exit("token.py: the answer showed no token")
print(secret.group(1))
