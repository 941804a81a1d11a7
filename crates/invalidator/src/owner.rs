//! Which process holds a claim, and whether it is still alive.
//!
//! Each process that sends takes an exclusive lock on its own file under `<data_dir>/owners`
//! and keeps it until it exits. The OS drops the lock when the process dies, however it
//! dies (even SIGKILL), so "can I lock its file?" answers "is it gone?" on every platform,
//! without trusting pids that the OS may reuse.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

/// This process's identity in the journal's claims.
#[derive(Debug)]
pub struct Owner {
    id: String,
    dir: PathBuf,
    file: File,
}

impl Owner {
    /// Registers this process under `data_dir` and holds its lock.
    pub fn register(data_dir: &Path) -> std::io::Result<Owner> {
        let dir = data_dir.join("owners");
        std::fs::create_dir_all(&dir)?;
        let id = format!("{}-{}", std::process::id(), uuid::Uuid::new_v4().simple());
        let file = OpenOptions::new()
            .create(true)
            .truncate(true)
            .write(true)
            .open(dir.join(format!("{id}.lock")))?;
        file.lock()?;
        Ok(Owner { id, dir, file })
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// Whether the process that registered as `other` still runs. A missing file, or one
    /// whose lock can be taken, means it is gone; its file is then tidied away.
    pub fn is_alive(&self, other: &str) -> bool {
        if other == self.id {
            return true;
        }
        // Ids are ours (pid-uuid); anything else cannot name a file here.
        if other.is_empty() || other.contains(['/', '\\', '.']) {
            return false;
        }
        let path = self.dir.join(format!("{other}.lock"));
        let Ok(file) = OpenOptions::new().write(true).open(&path) else {
            return false;
        };
        match file.try_lock() {
            Ok(()) => {
                let _ = std::fs::remove_file(&path);
                false
            }
            Err(_) => true,
        }
    }
}

impl Drop for Owner {
    fn drop(&mut self) {
        let _ = self.file.unlock();
        let _ = std::fs::remove_file(self.dir.join(format!("{}.lock", self.id)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_live_owner_is_alive_and_a_dropped_one_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let me = Owner::register(dir.path()).unwrap();
        let other = Owner::register(dir.path()).unwrap();
        let other_id = other.id().to_owned();
        assert!(me.is_alive(&other_id));
        drop(other);
        assert!(!me.is_alive(&other_id));
        assert!(!me.is_alive("123-nosuchowner"));
        assert!(!me.is_alive("../../etc/passwd"));
    }
}
