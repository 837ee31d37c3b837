//! Login through an OpenID Connect provider that the test starts itself.

use crate::common;

use common::oidc::{CLIENT_ID, CLIENT_SECRET, Person, TestProvider};
use common::{Browser, PASSWORD, TestApp, location, select_text};
use overens::config::OidcConfig;
use reqwest::StatusCode;

on_both_backends!(
    first_login_creates_an_account_keyed_by_issuer_and_subject,
    an_existing_address_is_not_taken_over_but_can_be_connected,
    a_callback_cannot_be_replayed_or_forged,
);

async fn app_with_provider(plain: TestApp) -> (TestApp, TestProvider) {
    let provider = TestProvider::start().await;
    let issuer = provider.issuer.clone();
    let app = TestApp::start_with(plain.backend, |c| {
        c.oidc = Some(OidcConfig {
            issuer,
            client_id: CLIENT_ID.into(),
            client_secret: Some(CLIENT_SECRET.into()),
            name: "Testregionens inloggning".into(),
        });
    })
    .await;
    (app, provider)
}

/// Follows the login through the provider and back; returns the final response.
async fn oidc_login(b: &Browser, next: &str) -> reqwest::Response {
    let r = b.get(&format!("/login/oidc?next={next}")).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "to the provider");
    let at_provider = location(&r);
    let authorize = url::Url::parse(&at_provider).unwrap();
    let query: std::collections::HashMap<_, _> = authorize.query_pairs().into_owned().collect();
    assert_eq!(query["code_challenge_method"], "S256");
    assert!(query["scope"].split(' ').any(|s| s == "openid"));
    let r = b.client.get(&at_provider).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "back from the provider");
    let callback = location(&r);
    assert!(callback.starts_with(&b.base), "{callback}");
    b.get(&callback[b.base.len()..]).await
}

fn person(subject: &str, email: &str) -> Person {
    Person {
        subject: subject.into(),
        email: email.into(),
        email_verified: true,
        name: "Fiktiv Förnamnsson".into(),
    }
}

async fn first_login_creates_an_account_keyed_by_issuer_and_subject(plain: TestApp) {
    let (app, provider) = app_with_provider(plain).await;
    let b = app.browser();
    let (_, html) = b.get_html("/login").await;
    assert!(
        select_text(&html, "a.button")
            .iter()
            .any(|t| t == "Logga in med Testregionens inloggning")
    );

    provider.sign_in_as(person("subject-1", "fiktiv@example.org"));
    let r = oidc_login(&b, "/account").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/account");
    let (status, html) = b.get_html("/account").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.html().contains("fiktiv@example.org"));
    assert!(
        select_text(&html, ".tag").iter().any(|t| t == "bekräftad"),
        "the provider vouched for the address"
    );

    // The same subject with another address is the same account.
    provider.sign_in_as(person("subject-1", "changed@example.org"));
    let other = app.browser();
    oidc_login(&other, "/").await;
    let (_, html) = other.get_html("/account").await;
    assert!(html.html().contains("fiktiv@example.org"));
    let identities: Vec<(String, String)> =
        sqlx::query_as("SELECT issuer, subject FROM user_identities")
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(
        identities,
        vec![(provider.issuer.clone(), "subject-1".to_string())]
    );

    // Such an account has no password to give when it is deleted.
    let r = other.post_form("/account/delete", &[]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = other
        .post_form("/account/delete", &[("confirm", "yes")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

async fn an_existing_address_is_not_taken_over_but_can_be_connected(plain: TestApp) {
    let (app, provider) = app_with_provider(plain).await;
    provider.sign_in_as(person("subject-2", "redaktor@demo.example"));
    let stranger = app.browser();
    let r = oidc_login(&stranger, "/").await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(
        stranger.get("/account").await.status(),
        StatusCode::SEE_OTHER,
        "not logged in"
    );

    // The owner logs in with the password and connects the provider.
    let owner = app.logged_in("redaktor@demo.example").await;
    let r = oidc_login(&owner, "/account").await;
    assert_eq!(location(&r), "/account");
    let (_, html) = owner.get_html("/account").await;
    assert!(
        html.html()
            .contains("Du kan logga in med Testregionens inloggning")
    );
    // From now on the provider's login opens the same account.
    let r = oidc_login(&stranger, "/account").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = stranger.get_html("/account").await;
    assert!(html.html().contains("redaktor@demo.example"));
    // The password still works too.
    let r = app
        .browser()
        .post_form(
            "/login",
            &[("email", "redaktor@demo.example"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

async fn a_callback_cannot_be_replayed_or_forged(plain: TestApp) {
    let (app, provider) = app_with_provider(plain).await;
    provider.sign_in_as(person("subject-3", "tredje@example.org"));
    let b = app.browser();
    let r = b.get("/login/oidc").await;
    let r = b.client.get(location(&r)).send().await.unwrap();
    let callback = location(&r);
    let path = &callback[b.base.len()..];
    assert_eq!(b.get(path).await.status(), StatusCode::SEE_OTHER);
    // The same callback again: the state is used up.
    let again = app.browser();
    assert_eq!(again.get(path).await.status(), StatusCode::BAD_REQUEST);
    // A made-up state, or an error from the provider, logs no one in.
    assert_eq!(
        again
            .get("/login/oidc/callback?code=x&state=made-up")
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        again
            .get("/login/oidc/callback?error=access_denied&state=x")
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(again.get("/account").await.status(), StatusCode::SEE_OTHER);
    // Without a provider configured, the routes do not exist.
    let none = TestApp::start(app.backend).await;
    assert_eq!(
        none.browser().get("/login/oidc").await.status(),
        StatusCode::NOT_FOUND
    );
}
