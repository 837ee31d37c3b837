//! Where uploaded files live: behind object_store's one interface, a
//! directory by default (`{data_dir}/files`), or an object store for a
//! scale-out deployment where several processes must see the same files.
//! Keys are chosen by us (never from a file name), and a stored file is
//! never changed: a new version is a new key.

use std::sync::Arc;

use axum::body::Bytes;
use object_store::local::LocalFileSystem;
use object_store::path::Path as StorePath;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};

use crate::config::Config;

#[derive(Clone)]
pub struct FileStore {
    store: Arc<dyn ObjectStore>,
    prefix: StorePath,
}

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("file storage: {0}")]
    Store(#[from] object_store::Error),
    #[error("file storage: {0}")]
    Setup(String),
}

impl FileStore {
    /// The configured store: `files_url` when set (an `s3://` or other
    /// object_store address, or `file:///path`), else the data directory.
    pub fn from_config(config: &Config) -> Result<FileStore, StorageError> {
        match &config.files_url {
            Some(text) => {
                let url = url::Url::parse(text)
                    .map_err(|e| StorageError::Setup(format!("{text}: {e}")))?;
                if url.scheme() == "file" {
                    let dir = url
                        .to_file_path()
                        .map_err(|_| StorageError::Setup(format!("not a directory: {text}")))?;
                    return FileStore::directory(&dir);
                }
                let (store, prefix) = object_store::parse_url(&url)?;
                Ok(FileStore {
                    store: Arc::from(store),
                    prefix,
                })
            }
            None => FileStore::directory(&config.data_dir.join("files")),
        }
    }

    pub fn directory(dir: &std::path::Path) -> Result<FileStore, StorageError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| StorageError::Setup(format!("{}: {e}", dir.display())))?;
        Ok(FileStore {
            store: Arc::new(LocalFileSystem::new_with_prefix(dir)?),
            prefix: StorePath::default(),
        })
    }

    fn path(&self, key: &str) -> StorePath {
        StorePath::from_iter(self.prefix.parts().chain(StorePath::from(key).parts()))
    }

    /// Stores the bytes under `key`; the directory store writes to a
    /// temporary file and renames it, so a crash leaves no half file.
    pub async fn put(&self, key: &str, bytes: Bytes) -> Result<(), StorageError> {
        self.store
            .put(&self.path(key), PutPayload::from_bytes(bytes))
            .await?;
        Ok(())
    }

    pub async fn get(&self, key: &str) -> Result<Bytes, StorageError> {
        Ok(self.store.get(&self.path(key)).await?.bytes().await?)
    }

    pub async fn delete(&self, key: &str) -> Result<(), StorageError> {
        match self.store.delete(&self.path(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}
