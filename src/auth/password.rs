//! Password hashing with argon2id (the library's defaults: 19 MiB, two
//! passes, one lane, as OWASP recommends). Only the PHC string is stored.
//!
//! A hash takes tens of milliseconds of one core and 19 MiB. Run on the
//! async workers it would stall every other request of the process, so
//! hashes run on tokio's blocking threads, at most one per core at once
//! (`POOL`): a burst of sign-ins queues for a permit instead of taking
//! the machine, and queries keep their workers.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use std::sync::OnceLock;
use tokio::sync::Semaphore;

/// Permits to run a hash: one per core.
static POOL: OnceLock<Semaphore> = OnceLock::new();

fn pool() -> &'static Semaphore {
    POOL.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Semaphore::new(cores)
    })
}

/// Run `work` on a blocking thread once a permit is free.
async fn on_pool<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    let _permit = pool()
        .acquire()
        .await
        .map_err(|_| "the password pool is closed".to_owned())?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| format!("password hashing stopped: {e}"))
}

/// Hash a password for storage.
pub async fn hash(password: &str) -> Result<String, String> {
    let password = password.to_owned();
    on_pool(move || hash_now(&password)).await?
}

/// Whether `password` matches the stored `phc` hash; an error when the
/// hash could not be computed at all, which is not a wrong password.
pub async fn verify(password: &str, phc: &str) -> Result<bool, String> {
    let (password, phc) = (password.to_owned(), phc.to_owned());
    on_pool(move || verify_now(&password, &phc)).await
}

fn hash_now(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| format!("cannot hash the password: {e}"))
}

fn verify_now(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let phc = super::hash("correct horse").await.unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert_eq!(super::verify("correct horse", &phc).await, Ok(true));
        assert_eq!(super::verify("wrong horse", &phc).await, Ok(false));
        assert_eq!(
            super::verify("correct horse", "not a hash").await,
            Ok(false)
        );
    }

    #[tokio::test]
    async fn hashes_run_at_most_one_per_core_at_once() {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let running = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let most = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let tasks: Vec<_> = (0..cores * 3)
            .map(|_| {
                let (running, most) = (running.clone(), most.clone());
                tokio::spawn(super::on_pool(move || {
                    use std::sync::atomic::Ordering::SeqCst;
                    let now = running.fetch_add(1, SeqCst) + 1;
                    most.fetch_max(now, SeqCst);
                    let _ = super::hash_now("correct horse");
                    running.fetch_sub(1, SeqCst);
                }))
            })
            .collect();
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        let most = most.load(std::sync::atomic::Ordering::SeqCst);
        assert!((1..=cores).contains(&most), "{most} hashes ran at once");
    }
}
