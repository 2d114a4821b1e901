//! Store connections for the request handlers: each handler borrows one on a blocking
//! thread (the store's API is synchronous) and gives it back.

use crate::error::PageError;
use mentor_store::{Location, Store, StoreError};
use std::sync::{Arc, Mutex};

/// How many idle connections are kept.
const KEEP: usize = 64;

pub struct Pool {
    location: Location,
    idle: Mutex<Vec<Store>>,
}

impl Drop for Pool {
    /// Closes the idle connections on a thread of their own: a PostgreSQL client may not
    /// be closed on a thread that runs async tasks.
    fn drop(&mut self) {
        let idle: Vec<Store> = self.idle.get_mut().map(std::mem::take).unwrap_or_default();
        if !idle.is_empty() {
            let _ = std::thread::spawn(move || drop(idle)).join();
        }
    }
}

impl Pool {
    pub fn new(location: Location) -> Self {
        Pool {
            location,
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Opens a connection (and keeps it), to say early when the store cannot be used.
    pub fn check(&self) -> Result<(), StoreError> {
        let store = Store::open(&self.location)?;
        self.give_back(store);
        Ok(())
    }

    fn take(&self) -> Result<Store, StoreError> {
        let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        match idle {
            Some(store) => Ok(store),
            None => Store::open(&self.location),
        }
    }

    fn give_back(&self, store: Store) {
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < KEEP
        {
            idle.push(store);
        }
    }

    /// Runs `job` with a connection on a blocking thread.
    pub async fn run<T, F>(self: &Arc<Self>, job: F) -> Result<T, PageError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> T + Send + 'static,
    {
        let pool = self.clone();
        tokio::task::spawn_blocking(move || {
            let mut store = pool.take().map_err(PageError::store)?;
            let out = job(&mut store);
            pool.give_back(store);
            Ok(out)
        })
        .await
        .map_err(|_| PageError::internal())?
    }
}
