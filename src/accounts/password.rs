//! Passwords: Argon2id, hashed off the async threads.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::config::PasswordCost;

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 1000;

fn argon2(cost: PasswordCost) -> Argon2<'static> {
    let params = Params::new(cost.memory_kib, cost.iterations, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub async fn hash(password: String, cost: PasswordCost) -> Result<String, String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon2(cost)
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| e.to_string())?
}

/// Checks a password against a stored hash. Without a stored hash it still
/// does the work of one, so that a missing account takes as long as a wrong
/// password and cannot be told apart by timing.
pub async fn verify(password: String, stored: Option<String>, cost: PasswordCost) -> bool {
    tokio::task::spawn_blocking(move || match stored {
        Some(stored) => match PasswordHash::new(&stored) {
            Ok(parsed) => argon2(cost)
                .verify_password(password.as_bytes(), &parsed)
                .is_ok(),
            Err(_) => false,
        },
        None => {
            let salt = SaltString::generate(&mut OsRng);
            let _ = argon2(cost).hash_password(password.as_bytes(), &salt);
            false
        }
    })
    .await
    .unwrap_or(false)
}
