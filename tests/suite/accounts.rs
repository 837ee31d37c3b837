//! Accounts, told as stories over HTTP on both backends.

use crate::common;

use common::{Browser, PASSWORD, TestApp, link_in, location, select_text};
use reqwest::StatusCode;

on_both_backends!(
    register_verify_and_log_in,
    registering_a_taken_address_reveals_nothing,
    bad_registration_keeps_input_and_names_errors,
    forms_without_the_csrf_token_are_refused,
    login_is_rate_limited_per_account,
    password_reset_by_mailed_link,
    changing_password_logs_out_other_sessions,
    changing_email_needs_the_new_address_confirmed,
    my_data_can_be_downloaded_and_deleted,
    roles_decide_who_sees_admin_pages,
    logout_ends_the_session,
    an_administrator_grants_and_withdraws_roles,
);

async fn register(b: &Browser, name: &str, email: &str) -> reqwest::Response {
    b.post_form(
        "/register",
        &[
            ("name", name),
            ("email", email),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
        ],
    )
    .await
}

async fn register_verify_and_log_in(app: TestApp) {
    let b = app.browser();
    let r = register(&b, "Ylva Påhittad", "Ylva@Example.org ").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("Kontrollera din e-post"));

    // The address is normalised; the mail carries a one-time link.
    let (subject, body) = app
        .last_mail_to("ylva@example.org")
        .await
        .expect("verification mail");
    assert!(subject.contains("Bekräfta"), "{subject}");
    assert!(body.contains("Ylva Påhittad"));
    let link = link_in(&body);
    assert!(link.starts_with("/verify/"));

    let r = b
        .post_form(
            "/login",
            &[("email", "ylva@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/");
    let (_, html) = b.get_html("/account").await;
    assert!(
        select_text(&html, ".tag-warning")
            .iter()
            .any(|t| t == "inte bekräftad")
    );

    let r = b.get(&link).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/account");
    let (_, html) = b.get_html("/account").await;
    assert_eq!(
        select_text(&html, ".notice-success"),
        vec!["Tack! Din e-postadress är bekräftad."]
    );
    assert!(select_text(&html, ".tag").iter().any(|t| t == "bekräftad"));

    // The link works once.
    let r = b.get(&link).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // A wrong password is refused with the same words as an unknown address.
    let other = app.browser();
    let r = other
        .post_form(
            "/login",
            &[
                ("email", "ylva@example.org"),
                ("password", "wrong password!"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let wrong_password = select_text(
        &scraper::Html::parse_document(&r.text().await.unwrap()),
        ".error-summary li",
    );
    let r = other
        .post_form(
            "/login",
            &[
                ("email", "nobody@example.org"),
                ("password", "wrong password!"),
            ],
        )
        .await;
    let unknown = select_text(
        &scraper::Html::parse_document(&r.text().await.unwrap()),
        ".error-summary li",
    );
    assert_eq!(wrong_password, unknown);
}

async fn registering_a_taken_address_reveals_nothing(app: TestApp) {
    let b = app.browser();
    let r = register(&b, "Someone Else", "redaktor@demo.example").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("Kontrollera din e-post"));
    let (subject, _) = app.last_mail_to("redaktor@demo.example").await.unwrap();
    assert_eq!(subject, "Du har redan ett konto på Överens");
    // The existing account keeps its password.
    app.logged_in("redaktor@demo.example").await;
}

async fn bad_registration_keeps_input_and_names_errors(app: TestApp) {
    let b = app.browser();
    let r = b
        .post_form(
            "/register",
            &[
                ("name", "Åsa Exempel"),
                ("email", "not-an-address"),
                ("password", "short"),
                ("password_confirm", "short"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        common::attr(&html, "#name", "value").as_deref(),
        Some("Åsa Exempel")
    );
    assert_eq!(
        common::attr(&html, "#email", "value").as_deref(),
        Some("not-an-address")
    );
    assert_eq!(
        common::attr(&html, "#email", "aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        select_text(&html, ".error-summary li a"),
        vec![
            "Ange en e-postadress i rätt format, till exempel namn@exempel.se",
            "Lösenordet måste ha minst 10 tecken"
        ]
    );
    assert_eq!(
        common::attr(&html, ".error-summary li a", "href").as_deref(),
        Some("#email")
    );
    assert!(select_text(&html, "title")[0].starts_with("Fel: "));
    // Nothing was saved.
    assert_eq!(app.mail_count("not-an-address").await, 0);

    // The same in English.
    b.get("/language/en?next=/register").await;
    let r = b
        .post_form(
            "/register",
            &[
                ("name", ""),
                ("email", "a@b.se"),
                ("password", PASSWORD),
                ("password_confirm", "other password"),
            ],
        )
        .await;
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        select_text(&html, ".error-summary li a"),
        vec!["Enter your name", "The passwords do not match"]
    );
}

async fn forms_without_the_csrf_token_are_refused(app: TestApp) {
    let b = app.browser();
    b.get("/register").await;
    let r = b
        .post_raw(
            "/register",
            &[
                ("name", "X"),
                ("email", "x@example.org"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.unwrap().contains("Formuläret har gått ut"));
    let r = b
        .post_raw(
            "/register",
            &[
                ("csrf", "forged-token-forged-token-forged-token"),
                ("name", "X"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.mail_count("x@example.org").await, 0);

    // A logged-in person's forms are protected the same way.
    let admin = app.logged_in("admin@demo.example").await;
    let r = admin.post_raw("/logout", &[]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (status, _) = admin.get_html("/account").await;
    assert_eq!(status, StatusCode::OK, "still logged in");
}

async fn login_is_rate_limited_per_account(app: TestApp) {
    let b = app.browser();
    for _ in 0..10 {
        let r = b
            .post_form(
                "/login",
                &[
                    ("email", "ledamot@demo.example"),
                    ("password", "wrong guess 123"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let r = b
        .post_form(
            "/login",
            &[("email", "ledamot@demo.example"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
    assert!(r.text().await.unwrap().contains("För många försök"));
    // Another account from the same address is not locked out.
    app.logged_in("redaktor@demo.example").await;
}

async fn password_reset_by_mailed_link(app: TestApp) {
    let b = app.browser();
    let r = b
        .post_form(
            "/password/forgot",
            &[("email", "representant@demo.example")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    // An unknown address gets the same answer and no mail.
    let r = b
        .post_form("/password/forgot", &[("email", "unknown@example.org")])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(app.mail_count("unknown@example.org").await, 0);

    let (_, body) = app.last_mail_to("representant@demo.example").await.unwrap();
    let link = link_in(&body);
    let (status, _) = b.get_html(&link).await;
    assert_eq!(status, StatusCode::OK);

    let r = b
        .post_form(
            &link,
            &[
                ("password", "a brand new password"),
                ("password_confirm", "a different one!"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = b
        .post_form(
            &link,
            &[
                ("password", "a brand new password"),
                ("password_confirm", "a brand new password"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/login");

    let r = b
        .post_form(
            "/login",
            &[
                ("email", "representant@demo.example"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "old password no longer works"
    );
    let r = b
        .post_form(
            "/login",
            &[
                ("email", "representant@demo.example"),
                ("password", "a brand new password"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // The link is used up.
    let (status, _) = app.browser().get_html(&link).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn changing_password_logs_out_other_sessions(app: TestApp) {
    let laptop = app.logged_in("ledamot@demo.example").await;
    let phone = app.logged_in("ledamot@demo.example").await;
    let r = laptop
        .post_form(
            "/account/password",
            &[
                ("current_password", "not it at all"),
                ("password", "new password 2026"),
                ("password_confirm", "new password 2026"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Det nuvarande lösenordet stämmer inte")
    );
    let r = laptop
        .post_form(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("password", "new password 2026"),
                ("password_confirm", "new password 2026"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(laptop.get("/account").await.status(), StatusCode::OK);
    let r = phone.get("/account").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/login?next=%2Faccount");
    let (subject, _) = app.last_mail_to("ledamot@demo.example").await.unwrap();
    assert!(subject.contains("lösenord"));
}

async fn changing_email_needs_the_new_address_confirmed(app: TestApp) {
    let b = app.logged_in("representant@demo.example").await;
    let r = b
        .post_form(
            "/account/email",
            &[
                ("new_email", "ny.adress@example.org"),
                ("email_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, body) = app.last_mail_to("ny.adress@example.org").await.unwrap();
    // Until the link is opened, the old address stays.
    let (_, html) = b.get_html("/account").await;
    assert!(html.html().contains("representant@demo.example"));
    let r = b.get(&link_in(&body)).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = b.get_html("/account").await;
    assert!(html.html().contains("ny.adress@example.org"));
    let (subject, _) = app.last_mail_to("representant@demo.example").await.unwrap();
    assert!(
        subject.contains("e-postadress"),
        "the old address is told: {subject}"
    );

    // Taking an address someone else has is refused when the link is opened.
    let r = b
        .post_form(
            "/account/email",
            &[
                ("new_email", "admin@demo.example"),
                ("email_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, body) = app.last_mail_to("admin@demo.example").await.unwrap();
    assert_eq!(b.get(&link_in(&body)).await.status(), StatusCode::CONFLICT);
}

async fn my_data_can_be_downloaded_and_deleted(app: TestApp) {
    let b = app.logged_in("ledamot@demo.example").await;
    let r = b.get("/account/export").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let data: serde_json::Value = r.json().await.unwrap();
    assert_eq!(data["account"]["email"], "ledamot@demo.example");
    assert_eq!(data["roles"][0]["role"], "member");
    assert_eq!(data["roles"][0]["agreement"], "vg");
    assert!(!data["sessions"].as_array().unwrap().is_empty());
    assert!(data["account"].get("password_hash").is_none());
    assert_eq!(data["account"]["is_admin"], false);

    let r = b
        .post_form("/account/delete", &[("password", "wrong password 1")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = b
        .post_form("/account/delete", &[("password", PASSWORD)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        b.get("/account").await.status(),
        StatusCode::SEE_OTHER,
        "logged out"
    );
    let r = app
        .browser()
        .post_form(
            "/login",
            &[("email", "ledamot@demo.example"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "the account is gone"
    );
    let left: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM roles r JOIN users u ON u.id = r.user_id WHERE u.email = $1",
    )
    .bind("ledamot@demo.example")
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(left, 0);
}

async fn roles_decide_who_sees_admin_pages(app: TestApp) {
    let anonymous = app.browser();
    let r = anonymous.get("/admin/outbox").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/login?next=%2Fadmin%2Foutbox");

    for email in [
        "redaktor@demo.example",
        "ledamot@demo.example",
        "representant@demo.example",
    ] {
        let b = app.logged_in(email).await;
        assert_eq!(
            b.get("/admin/outbox").await.status(),
            StatusCode::FORBIDDEN,
            "{email}"
        );
        assert_eq!(
            b.get("/accessibility/edit").await.status(),
            StatusCode::FORBIDDEN,
            "{email}"
        );
        let r = b
            .post_form("/accessibility/edit", &[("organisation", "Hijacked")])
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{email}");
    }
    let admin = app.logged_in("admin@demo.example").await;
    let (status, html) = admin.get_html("/admin/outbox").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(select_text(&html, "h1"), vec!["Utkorg"]);
    assert_eq!(
        admin.get("/accessibility/edit").await.status(),
        StatusCode::OK
    );
}

async fn logout_ends_the_session(app: TestApp) {
    let b = app.logged_in("admin@demo.example").await;
    let session = b.cookie("overens_session").unwrap();
    let r = b.post_form("/logout", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(b.get("/account").await.status(), StatusCode::SEE_OTHER);
    // The old cookie is worthless even if someone kept a copy.
    let thief = app.browser();
    let r = thief
        .client
        .get(app.url("/account"))
        .header("cookie", format!("overens_session={session}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

async fn an_administrator_grants_and_withdraws_roles(app: TestApp) {
    let newcomer = app.browser();
    register(&newcomer, "Nova Nykomling", "nova@example.org").await;
    let admin = app.logged_in("admin@demo.example").await;
    let (status, html) = admin.get_html("/admin/users?q=nova").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(select_text(&html, "tbody tr").len(), 1);

    // A mistake comes back named, with the input kept.
    let r = admin
        .post_form(
            "/admin/roles/grant",
            &[
                ("email", "nobody@example.org"),
                ("agreement", "vg"),
                ("role", "editor"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = scraper::Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        common::attr(&html, "#email", "value").as_deref(),
        Some("nobody@example.org")
    );
    assert_eq!(
        select_text(&html, ".error-summary li"),
        vec!["Det finns inget konto med den e-postadressen"]
    );

    let r = admin
        .post_form(
            "/admin/roles/grant",
            &[
                ("email", "nova@example.org"),
                ("agreement", "vg"),
                ("role", "editor"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let nova = app.browser();
    nova.post_form(
        "/login",
        &[("email", "nova@example.org"), ("password", PASSWORD)],
    )
    .await;
    let (_, html) = nova.get_html("/account").await;
    assert!(
        select_text(&html, "main li")
            .iter()
            .any(|t| t.starts_with("Redaktör"))
    );
    // Editors do not administer users.
    assert_eq!(
        nova.get("/admin/users").await.status(),
        StatusCode::FORBIDDEN
    );
    let r = nova
        .post_form(
            "/admin/roles/grant",
            &[
                ("email", "nova@example.org"),
                ("agreement", "vg"),
                ("role", "administrator"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    let (user_id, agreement_id): (i64, i64) = sqlx::query_as(
        "SELECT r.user_id, r.agreement_id FROM roles r JOIN users u ON u.id = r.user_id WHERE u.email = 'nova@example.org'",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let r = admin
        .post_form(
            "/admin/roles/revoke",
            &[
                ("user_id", &user_id.to_string()),
                ("agreement_id", &agreement_id.to_string()),
                ("role", "editor"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = nova.get_html("/account").await;
    assert!(html.html().contains("Du har inga uppdrag ännu."));
}
