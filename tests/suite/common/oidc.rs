//! A small OpenID Connect provider for tests: discovery, JWKS, an authorize
//! endpoint that signs in whoever the test says is at the keyboard, and a
//! token endpoint that checks the client, the code and the PKCE verifier and
//! returns an RS256-signed ID token.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use rsa::RsaPrivateKey;
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::{SignatureEncoding, Signer};
use rsa::traits::PublicKeyParts;
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};

pub const CLIENT_ID: &str = "overens-test";
pub const CLIENT_SECRET: &str = "test-client-secret";

/// The person signed in at the provider.
#[derive(Clone, Debug)]
pub struct Person {
    pub subject: String,
    pub email: String,
    pub email_verified: bool,
    pub name: String,
}

struct Grant {
    person: Person,
    nonce: String,
    challenge: String,
    redirect_uri: String,
}

#[derive(Clone)]
struct Provider {
    issuer: String,
    key: Arc<RsaPrivateKey>,
    person: Arc<Mutex<Person>>,
    grants: Arc<Mutex<HashMap<String, Grant>>>,
}

pub struct TestProvider {
    pub issuer: String,
    person: Arc<Mutex<Person>>,
}

impl TestProvider {
    pub async fn start() -> TestProvider {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let issuer = format!("http://{}", listener.local_addr().unwrap());
        let pem = include_str!("../../fixtures/oidc-test-provider-key.pem");
        let person = Arc::new(Mutex::new(Person {
            subject: "nobody".into(),
            email: "nobody@example.org".into(),
            email_verified: true,
            name: "Nobody".into(),
        }));
        let provider = Provider {
            issuer: issuer.clone(),
            key: Arc::new(RsaPrivateKey::from_pkcs8_pem(pem).unwrap()),
            person: person.clone(),
            grants: Arc::default(),
        };
        let app = Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/jwks", get(jwks))
            .route("/authorize", get(authorize))
            .route("/token", post(token))
            .with_state(provider);
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        TestProvider { issuer, person }
    }

    /// Who will be signed in at the next visit to the provider.
    pub fn sign_in_as(&self, person: Person) {
        *self.person.lock().unwrap() = person;
    }
}

async fn discovery(State(p): State<Provider>) -> Json<serde_json::Value> {
    Json(json!({
        "issuer": p.issuer,
        "authorization_endpoint": format!("{}/authorize", p.issuer),
        "token_endpoint": format!("{}/token", p.issuer),
        "jwks_uri": format!("{}/jwks", p.issuer),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "scopes_supported": ["openid", "email", "profile"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic"],
        "code_challenge_methods_supported": ["S256"],
        "claims_supported": ["sub", "iss", "email", "email_verified", "name"],
    }))
}

async fn jwks(State(p): State<Provider>) -> Json<serde_json::Value> {
    let public = p.key.to_public_key();
    Json(json!({"keys": [{
        "kty": "RSA", "use": "sig", "alg": "RS256", "kid": "test-key",
        "n": URL_SAFE_NO_PAD.encode(public.n().to_bytes_be()),
        "e": URL_SAFE_NO_PAD.encode(public.e().to_bytes_be()),
    }]}))
}

#[derive(Deserialize)]
struct AuthorizeQuery {
    response_type: String,
    client_id: String,
    redirect_uri: String,
    scope: String,
    state: String,
    nonce: String,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
}

async fn authorize(State(p): State<Provider>, Query(q): Query<AuthorizeQuery>) -> Response {
    let scopes: Vec<&str> = q.scope.split(' ').collect();
    if q.response_type != "code"
        || q.client_id != CLIENT_ID
        || !scopes.contains(&"openid")
        || q.code_challenge_method.as_deref() != Some("S256")
    {
        return (StatusCode::BAD_REQUEST, "bad authorization request").into_response();
    }
    let code = format!("code-{}", overens::accounts::token::random_hex(8));
    p.grants.lock().unwrap().insert(
        code.clone(),
        Grant {
            person: p.person.lock().unwrap().clone(),
            nonce: q.nonce,
            challenge: q.code_challenge.unwrap_or_default(),
            redirect_uri: q.redirect_uri.clone(),
        },
    );
    let mut target = url::Url::parse(&q.redirect_uri).unwrap();
    target
        .query_pairs_mut()
        .append_pair("code", &code)
        .append_pair("state", &q.state);
    Redirect::to(target.as_str()).into_response()
}

#[derive(Deserialize)]
struct TokenForm {
    grant_type: String,
    code: String,
    redirect_uri: String,
    code_verifier: Option<String>,
}

async fn token(
    State(p): State<Provider>,
    headers: HeaderMap,
    Form(f): Form<TokenForm>,
) -> Response {
    let expected = format!(
        "Basic {}",
        STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"))
    );
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(expected.as_str()) {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({"error": "invalid_client"})),
        )
            .into_response();
    }
    let Some(grant) = p.grants.lock().unwrap().remove(&f.code) else {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "invalid_grant"})),
        )
            .into_response();
    };
    let verifier_hash = URL_SAFE_NO_PAD.encode(Sha256::digest(
        f.code_verifier.unwrap_or_default().as_bytes(),
    ));
    if f.grant_type != "authorization_code"
        || f.redirect_uri != grant.redirect_uri
        || verifier_hash != grant.challenge
    {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "invalid_grant"})),
        )
            .into_response();
    }
    let now = jiff::Timestamp::now().as_second();
    let claims = json!({
        "iss": p.issuer, "sub": grant.person.subject, "aud": CLIENT_ID,
        "iat": now, "exp": now + 300, "nonce": grant.nonce,
        "email": grant.person.email, "email_verified": grant.person.email_verified,
        "name": grant.person.name,
    });
    let header = json!({"alg": "RS256", "typ": "JWT", "kid": "test-key"});
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let signature =
        SigningKey::<Sha256>::new(p.key.as_ref().clone()).sign(signing_input.as_bytes());
    let id_token = format!(
        "{signing_input}.{}",
        URL_SAFE_NO_PAD.encode(signature.to_bytes())
    );
    Json(json!({
        "access_token": overens::accounts::token::random_hex(16),
        "token_type": "Bearer",
        "expires_in": 300,
        "id_token": id_token,
    }))
    .into_response()
}
