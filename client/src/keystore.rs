//! The keystore: one JSON file per key, in a folder per kind of key, under the user's data
//! folder (`$XDG_DATA_HOME/cpchain`, or `--keystore`).
//!
//! Files are written atomically (a temporary file in the same folder, synced, then renamed over
//! the old one) and readable by their owner only (mode 0600, folders 0700). Secrets are never in
//! an error message.

use std::{
	fs,
	io::Write,
	os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt},
	path::{Path, PathBuf},
};

use anyhow::{anyhow, bail, Context, Result};
use serde::{de::DeserializeOwned, Serialize};

/// The kinds of keys, each in its own folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
	/// sr25519 accounts (`accounts/`).
	Account,
	/// ed25519 device keys (`devices/`).
	Device,
	/// A listing's Umbral delegating and signing keys (`listings/`).
	Listing,
	/// An account's Umbral key that purchases are re-encrypted for (`pre/`).
	Pre,
}

impl Kind {
	fn folder(self) -> &'static str {
		match self {
			Kind::Account => "accounts",
			Kind::Device => "devices",
			Kind::Listing => "listings",
			Kind::Pre => "pre",
		}
	}
}

/// A keystore folder.
#[derive(Clone, Debug)]
pub struct Keystore {
	root: PathBuf,
}

/// Whether `name` can name a key: 1 to 64 letters, digits, `-`, `_` or `.`, not starting with
/// a dot.
pub fn check_name(name: &str) -> Result<()> {
	let valid = !name.is_empty()
		&& name.len() <= 64
		&& !name.starts_with('.')
		&& name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
	if valid {
		Ok(())
	} else {
		bail!("`{name}` is not a key name: use 1 to 64 letters, digits, `-`, `_` or `.`")
	}
}

impl Keystore {
	/// The keystore in `root`, or in the user's data folder.
	pub fn open(root: Option<PathBuf>) -> Result<Self> {
		let root = match root {
			Some(root) => root,
			None => dirs::data_dir()
				.ok_or_else(|| {
					anyhow!("no data folder (set HOME or XDG_DATA_HOME, or pass --keystore)")
				})?
				.join("cpchain"),
		};
		Ok(Self { root })
	}

	/// The keystore's folder.
	pub fn root(&self) -> &Path {
		&self.root
	}

	fn path(&self, kind: Kind, name: &str) -> PathBuf {
		self.root.join(kind.folder()).join(format!("{name}.json"))
	}

	/// Whether a key of `kind` called `name` exists.
	pub fn contains(&self, kind: Kind, name: &str) -> bool {
		self.path(kind, name).exists()
	}

	/// Stores `value` as the key `name` of `kind`, replacing it only if `replace`.
	pub fn save<T: Serialize>(
		&self,
		kind: Kind,
		name: &str,
		value: &T,
		replace: bool,
	) -> Result<()> {
		check_name(name)?;
		let path = self.path(kind, name);
		if !replace && path.exists() {
			bail!("a {} key `{name}` exists already ({})", kind.folder(), path.display());
		}
		let bytes = serde_json::to_vec_pretty(value)?;
		write_private(&path, &bytes)
	}

	/// The key `name` of `kind`.
	pub fn load<T: DeserializeOwned>(&self, kind: Kind, name: &str) -> Result<T> {
		check_name(name)?;
		let path = self.path(kind, name);
		let bytes = fs::read(&path).map_err(|e| match e.kind() {
			std::io::ErrorKind::NotFound => {
				anyhow!("no {} key `{name}` in {}", kind.folder(), self.root.display())
			},
			_ => anyhow!("cannot read {}: {e}", path.display()),
		})?;
		serde_json::from_slice(&bytes).map_err(|e| {
			anyhow!("{} is not a valid key file: {}", path.display(), e.classify_str())
		})
	}

	/// The names of all keys of `kind`, sorted.
	pub fn names(&self, kind: Kind) -> Result<Vec<String>> {
		let folder = self.root.join(kind.folder());
		let entries = match fs::read_dir(&folder) {
			Ok(entries) => entries,
			Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
			Err(e) => return Err(anyhow!("cannot list {}: {e}", folder.display())),
		};
		let mut names = Vec::new();
		for entry in entries {
			let name = entry?.file_name();
			if let Some(name) = name.to_str().and_then(|n| n.strip_suffix(".json")) {
				if check_name(name).is_ok() {
					names.push(name.to_string());
				}
			}
		}
		names.sort();
		Ok(names)
	}
}

/// A word for a `serde_json` error that never quotes the file's content (which holds secrets).
trait Classify {
	fn classify_str(&self) -> String;
}

impl Classify for serde_json::Error {
	fn classify_str(&self) -> String {
		format!("{:?} error at line {}", self.classify(), self.line())
	}
}

/// Writes `bytes` to `path` atomically, readable by the owner only, creating its folder (0700).
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
	let folder = path.parent().ok_or_else(|| anyhow!("{} has no folder", path.display()))?;
	fs::DirBuilder::new()
		.recursive(true)
		.mode(0o700)
		.create(folder)
		.with_context(|| format!("cannot create {}", folder.display()))?;
	let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("key");
	let tmp = folder.join(format!(".{file_name}.{}.tmp", std::process::id()));
	let result = (|| -> std::io::Result<()> {
		let mut file =
			fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&tmp)?;
		file.write_all(bytes)?;
		file.sync_all()?;
		fs::rename(&tmp, path)?;
		fs::File::open(folder)?.sync_all()
	})();
	if let Err(e) = result {
		let _ = fs::remove_file(&tmp);
		bail!("cannot write {}: {e}", path.display());
	}
	// The folder may have been made by someone else with a wider mode: the file is what counts.
	fs::set_permissions(path, fs::Permissions::from_mode(0o600))?;
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;
	use serde::Deserialize;

	#[derive(Serialize, Deserialize, PartialEq, Debug)]
	struct Key {
		secret: String,
	}

	#[test]
	fn keys_are_private_and_listed() {
		let dir = tempfile::tempdir().unwrap();
		let store = Keystore::open(Some(dir.path().join("ks"))).unwrap();
		let key = Key { secret: "s3cret".into() };
		store.save(Kind::Account, "alice", &key, false).unwrap();
		store.save(Kind::Account, "bob", &key, false).unwrap();
		store.save(Kind::Device, "meter-1", &key, false).unwrap();
		assert_eq!(store.names(Kind::Account).unwrap(), vec!["alice", "bob"]);
		assert_eq!(store.names(Kind::Listing).unwrap(), Vec::<String>::new());
		assert_eq!(store.load::<Key>(Kind::Account, "alice").unwrap(), key);
		let path = dir.path().join("ks/accounts/alice.json");
		assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
		assert_eq!(
			fs::metadata(dir.path().join("ks/accounts")).unwrap().permissions().mode() & 0o777,
			0o700
		);
		// No temporary file is left behind.
		assert_eq!(fs::read_dir(dir.path().join("ks/accounts")).unwrap().count(), 2);
	}

	#[test]
	fn existing_keys_are_kept_unless_replaced() {
		let dir = tempfile::tempdir().unwrap();
		let store = Keystore::open(Some(dir.path().into())).unwrap();
		store.save(Kind::Account, "a", &Key { secret: "one".into() }, false).unwrap();
		let err = store.save(Kind::Account, "a", &Key { secret: "two".into() }, false);
		assert!(err.unwrap_err().to_string().contains("exists already"));
		assert_eq!(store.load::<Key>(Kind::Account, "a").unwrap().secret, "one");
		store.save(Kind::Account, "a", &Key { secret: "two".into() }, true).unwrap();
		assert_eq!(store.load::<Key>(Kind::Account, "a").unwrap().secret, "two");
	}

	#[test]
	fn bad_names_and_files_give_errors_without_secrets() {
		let dir = tempfile::tempdir().unwrap();
		let store = Keystore::open(Some(dir.path().into())).unwrap();
		for name in ["", "../x", ".hidden", "a/b", &"x".repeat(65)] {
			assert!(store.save(Kind::Account, name, &Key { secret: "s".into() }, false).is_err());
		}
		let err = store.load::<Key>(Kind::Account, "nobody").unwrap_err().to_string();
		assert!(err.contains("no accounts key `nobody`"), "{err}");
		fs::create_dir_all(dir.path().join("accounts")).unwrap();
		fs::write(dir.path().join("accounts/broken.json"), b"{\"secret\": \"hunter2\"").unwrap();
		let err = store.load::<Key>(Kind::Account, "broken").unwrap_err().to_string();
		assert!(err.contains("not a valid key file") && !err.contains("hunter2"), "{err}");
	}
}
