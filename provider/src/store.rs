//! The segment store: the content of every order the provider holds, on disk.
//!
//! ```text
//! <data-dir>/index.redb               orders and answered challenges (redb, durable commits)
//! <data-dir>/content/<root>.data      the content, segment i at offset i * 1024
//! <data-dir>/content/<root>.tree      the segment tree's levels, leaves first, 32 bytes a node
//! <data-dir>/partial/<order>.part     an upload in progress
//! ```
//!
//! An upload is acknowledged only once its bytes are synced to disk and the order's received
//! count is committed, so after a crash the upload resumes at the last acknowledged offset.
//! When the last byte arrives the whole content is hashed: if its root is the order's, the
//! content and its tree are synced and moved into `content/`; if not, the partial file is
//! deleted and the upload starts over. `content/` never holds a file that does not match its
//! root.

use std::{
	collections::HashMap,
	fs::{self, File, OpenOptions},
	io::{Read, Seek, SeekFrom, Write},
	os::unix::fs::FileExt,
	path::{Path, PathBuf},
	sync::Mutex,
};

use cpchain_client::dataset::SegmentHasher;
use cpchain_primitives::storage::{
	segment_count, segment_len, MerkleTree, EMPTY_NODE, SEGMENT_SIZE,
};
use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};
use serde::{Deserialize, Serialize};
use sp_core::H256;

const ORDERS: TableDefinition<u64, &[u8]> = TableDefinition::new("orders");
const ANSWERED: TableDefinition<u64, u64> = TableDefinition::new("answered");

/// Largest upload request body, and largest range served at once.
pub const MAX_CHUNK: usize = 4 << 20;

/// An order the provider accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRecord {
	/// Root of the content's segment tree.
	pub root: H256,
	/// Content size in bytes.
	pub size: u64,
	/// Bytes received and synced so far.
	pub received: u64,
	/// The whole content is stored and matches the root.
	pub stored: bool,
	/// Block the order ends at.
	pub ends_at: u32,
}

/// What can go wrong with a request to the store. Each maps to an HTTP status.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
	#[error("unknown order {0}")]
	UnknownOrder(u64),
	#[error("no content with root {0:?}")]
	UnknownContent(H256),
	#[error("segment {index} is past the end of the content ({segments} segments)")]
	NoSuchSegment { index: u64, segments: u64 },
	#[error("order {order} is stored already")]
	AlreadyStored { order: u64 },
	#[error("upload of order {order} continues at offset {expected}, not {offset}")]
	WrongOffset { order: u64, offset: u64, expected: u64 },
	#[error("{len} bytes at offset {offset} do not fit the content's {size} bytes")]
	TooLarge { offset: u64, len: u64, size: u64 },
	#[error("a chunk of {0} bytes is not a whole number of segments and not the last one")]
	Unaligned(u64),
	#[error("the uploaded content's root is {got:?}, the order's is {expected:?}: discarded")]
	RootMismatch { got: H256, expected: H256 },
	#[error("storage failure: {0}")]
	Io(String),
}

impl From<std::io::Error> for StoreError {
	fn from(e: std::io::Error) -> Self {
		StoreError::Io(e.to_string())
	}
}

macro_rules! from_redb {
	($($t:ty),*) => {$(
		impl From<$t> for StoreError {
			fn from(e: $t) -> Self {
				StoreError::Io(format!("index: {e}"))
			}
		}
	)*};
}
from_redb!(
	redb::DatabaseError,
	redb::TransactionError,
	redb::TableError,
	redb::StorageError,
	redb::CommitError
);

/// The store. Uploads are written one at a time; reads go straight to the files.
pub struct Store {
	dir: PathBuf,
	db: Database,
	/// The segment hashes of each upload in progress, computed as its chunks arrive, so that
	/// completing it does not read the content again (after a restart it does).
	uploads: Mutex<HashMap<u64, SegmentHasher>>,
}

fn hex_root(root: &H256) -> String {
	hex::encode(root.as_bytes())
}

/// Sizes of the levels of a tree over `leaves` leaves.
fn level_sizes(leaves: u64) -> Vec<u64> {
	let mut sizes = vec![leaves];
	while let Some(&last) = sizes.last().filter(|n| **n > 1) {
		sizes.push(last.div_ceil(2));
	}
	sizes
}

fn sync_dir(dir: &Path) -> std::io::Result<()> {
	File::open(dir)?.sync_all()
}

impl Store {
	/// Opens (or creates) the store in `dir`. Partial uploads are cut back to what was
	/// acknowledged; partial files of unknown orders are removed.
	pub fn open(dir: &Path) -> Result<Self, StoreError> {
		fs::create_dir_all(dir.join("content"))?;
		fs::create_dir_all(dir.join("partial"))?;
		let db = Database::create(dir.join("index.redb"))?;
		let txn = db.begin_write()?;
		txn.open_table(ORDERS)?;
		txn.open_table(ANSWERED)?;
		txn.commit()?;
		let store = Self { dir: dir.to_path_buf(), db, uploads: Mutex::new(HashMap::new()) };
		for entry in fs::read_dir(dir.join("partial"))? {
			let path = entry?.path();
			let order = path.file_stem().and_then(|s| s.to_str()).and_then(|s| s.parse().ok());
			match order.and_then(|order| store.order(order).ok().flatten()) {
				Some(record) if !record.stored => {
					OpenOptions::new().write(true).open(&path)?.set_len(record.received)?;
				},
				_ => fs::remove_file(&path)?,
			}
		}
		Ok(store)
	}

	fn content_path(&self, root: &H256, ext: &str) -> PathBuf {
		self.dir.join("content").join(format!("{}.{ext}", hex_root(root)))
	}

	fn partial_path(&self, order: u64) -> PathBuf {
		self.dir.join("partial").join(format!("{order}.part"))
	}

	/// The order, if the provider holds it.
	pub fn order(&self, order: u64) -> Result<Option<OrderRecord>, StoreError> {
		let txn = self.db.begin_read()?;
		let table = txn.open_table(ORDERS)?;
		Ok(table.get(order)?.and_then(|v| serde_json::from_slice(v.value()).ok()))
	}

	/// All orders held, by id.
	pub fn orders(&self) -> Result<Vec<(u64, OrderRecord)>, StoreError> {
		let txn = self.db.begin_read()?;
		let table = txn.open_table(ORDERS)?;
		let mut orders = Vec::new();
		for entry in table.iter()? {
			let (id, value) = entry?;
			if let Ok(record) = serde_json::from_slice(value.value()) {
				orders.push((id.value(), record));
			}
		}
		Ok(orders)
	}

	fn put_order(&self, order: u64, record: &OrderRecord) -> Result<(), StoreError> {
		let txn = self.db.begin_write()?;
		{
			let mut table = txn.open_table(ORDERS)?;
			let bytes = serde_json::to_vec(record).map_err(|e| StoreError::Io(e.to_string()))?;
			table.insert(order, bytes.as_slice())?;
		}
		txn.commit()?;
		Ok(())
	}

	/// Records an order the provider accepted on chain. If content with the same root is
	/// stored already, the order is stored at once.
	pub fn add_order(
		&self,
		order: u64,
		root: H256,
		size: u64,
		ends_at: u32,
	) -> Result<OrderRecord, StoreError> {
		let _guard = self.uploads.lock().unwrap_or_else(|e| e.into_inner());
		if let Some(record) = self.order(order)? {
			return Ok(record);
		}
		let stored = self.content_path(&root, "data").exists();
		let record =
			OrderRecord { root, size, received: if stored { size } else { 0 }, stored, ends_at };
		self.put_order(order, &record)?;
		Ok(record)
	}

	/// Forgets an order, and its content if no other order has the same root.
	pub fn remove_order(&self, order: u64) -> Result<(), StoreError> {
		let mut uploads = self.uploads.lock().unwrap_or_else(|e| e.into_inner());
		uploads.remove(&order);
		let Some(record) = self.order(order)? else { return Ok(()) };
		let txn = self.db.begin_write()?;
		txn.open_table(ORDERS)?.remove(order)?;
		txn.commit()?;
		let _ = fs::remove_file(self.partial_path(order));
		if !self.orders()?.iter().any(|(_, other)| other.root == record.root) {
			let _ = fs::remove_file(self.content_path(&record.root, "data"));
			let _ = fs::remove_file(self.content_path(&record.root, "tree"));
		}
		Ok(())
	}

	/// Whether challenge `id` was answered already.
	pub fn answered(&self, id: u64) -> Result<bool, StoreError> {
		let txn = self.db.begin_read()?;
		Ok(txn.open_table(ANSWERED)?.get(id)?.is_some())
	}

	/// Notes that challenge `id`, on `order`, was answered.
	pub fn set_answered(&self, id: u64, order: u64) -> Result<(), StoreError> {
		let txn = self.db.begin_write()?;
		txn.open_table(ANSWERED)?.insert(id, order)?;
		txn.commit()?;
		Ok(())
	}

	/// Writes `bytes` at `offset` of order `order`'s upload. Returns the order afterwards.
	/// The last chunk completes the upload: the content is checked against the root.
	pub fn write_chunk(
		&self,
		order: u64,
		offset: u64,
		bytes: &[u8],
	) -> Result<OrderRecord, StoreError> {
		let mut uploads = self.uploads.lock().unwrap_or_else(|e| e.into_inner());
		let mut record = self.order(order)?.ok_or(StoreError::UnknownOrder(order))?;
		if record.stored {
			return Err(StoreError::AlreadyStored { order });
		}
		if offset != record.received {
			return Err(StoreError::WrongOffset { order, offset, expected: record.received });
		}
		let len = bytes.len() as u64;
		let end = offset.checked_add(len).filter(|end| *end <= record.size);
		let Some(end) = end else {
			return Err(StoreError::TooLarge { offset, len, size: record.size });
		};
		if end < record.size && len % SEGMENT_SIZE != 0 {
			return Err(StoreError::Unaligned(len));
		}
		let path = self.partial_path(order);
		let file =
			OpenOptions::new().create(true).read(true).write(true).truncate(false).open(&path)?;
		file.write_all_at(bytes, offset)?;
		file.sync_data()?;
		let hasher = match uploads.remove(&order) {
			Some(hasher) if hasher.bytes() == offset => Some(hasher),
			_ if offset == 0 => Some(SegmentHasher::default()),
			_ => None,
		};
		if let Some(mut hasher) = hasher {
			hasher.update(bytes);
			uploads.insert(order, hasher);
		}
		record.received = end;
		if end == record.size {
			let hasher = uploads.remove(&order);
			return self.complete(order, record, file, &path, hasher);
		}
		self.put_order(order, &record)?;
		Ok(record)
	}

	fn complete(
		&self,
		order: u64,
		mut record: OrderRecord,
		mut file: File,
		path: &Path,
		hasher: Option<SegmentHasher>,
	) -> Result<OrderRecord, StoreError> {
		let hasher = match hasher.filter(|h| h.bytes() == record.size) {
			Some(hasher) => hasher,
			None => {
				file.seek(SeekFrom::Start(0))?;
				let mut hasher = SegmentHasher::default();
				let mut buffer = vec![0u8; 1 << 20];
				loop {
					let n = file.read(&mut buffer)?;
					if n == 0 {
						break;
					}
					hasher.update(&buffer[..n]);
				}
				hasher
			},
		};
		let (leaves, _) = hasher.finish();
		let tree = MerkleTree::from_leaves(leaves);
		let got = tree.as_ref().map_or(EMPTY_NODE, MerkleTree::root);
		if got != record.root {
			drop(file);
			fs::remove_file(path)?;
			record.received = 0;
			self.put_order(order, &record)?;
			return Err(StoreError::RootMismatch { got, expected: record.root });
		}
		let tree_path = self.content_path(&record.root, "tree");
		let tmp = self.dir.join("partial").join(format!("{order}.tree"));
		{
			let mut out = std::io::BufWriter::new(File::create(&tmp)?);
			for node in tree.iter().flat_map(|t| t.levels().iter().flatten()) {
				out.write_all(node.as_bytes())?;
			}
			out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
		}
		fs::rename(&tmp, &tree_path)?;
		fs::rename(path, self.content_path(&record.root, "data"))?;
		sync_dir(&self.dir.join("content"))?;
		sync_dir(&self.dir.join("partial"))?;
		record.stored = true;
		self.put_order(order, &record)?;
		Ok(record)
	}

	fn stored_size(&self, root: &H256) -> Result<u64, StoreError> {
		fs::metadata(self.content_path(root, "data"))
			.map(|m| m.len())
			.map_err(|_| StoreError::UnknownContent(*root))
	}

	/// Bytes of segments `from..from + count` of the content `root`.
	pub fn read_segments(&self, root: &H256, from: u64, count: u64) -> Result<Vec<u8>, StoreError> {
		let size = self.stored_size(root)?;
		let segments = segment_count(size);
		if from >= segments {
			return Err(StoreError::NoSuchSegment { index: from, segments });
		}
		let start = from * SEGMENT_SIZE;
		let end = (from.saturating_add(count).min(segments) * SEGMENT_SIZE).min(size);
		let mut bytes = vec![0u8; (end - start) as usize];
		File::open(self.content_path(root, "data"))?.read_exact_at(&mut bytes, start)?;
		Ok(bytes)
	}

	/// The leaf hashes of the content `root`, 32 bytes each.
	pub fn leaves(&self, root: &H256) -> Result<Vec<u8>, StoreError> {
		let segments = segment_count(self.stored_size(root)?);
		let mut bytes = vec![0u8; (segments * 32) as usize];
		File::open(self.content_path(root, "tree"))?.read_exact_at(&mut bytes, 0)?;
		Ok(bytes)
	}

	/// Segment `index` of the content `root` and its Merkle path, leaf first.
	pub fn proof(&self, root: &H256, index: u64) -> Result<(Vec<u8>, Vec<H256>), StoreError> {
		let size = self.stored_size(root)?;
		let segments = segment_count(size);
		let len = segment_len(size, index).ok_or(StoreError::NoSuchSegment { index, segments })?;
		let mut segment = vec![0u8; len as usize];
		File::open(self.content_path(root, "data"))?
			.read_exact_at(&mut segment, index * SEGMENT_SIZE)?;
		let tree = File::open(self.content_path(root, "tree"))?;
		let sizes = level_sizes(segments);
		let mut path = Vec::with_capacity(sizes.len().saturating_sub(1));
		let mut level_start = 0u64;
		for (level, size) in sizes.iter().enumerate().take(sizes.len() - 1) {
			let sibling = (index >> level) ^ 1;
			let mut node = EMPTY_NODE;
			if sibling < *size {
				tree.read_exact_at(node.as_bytes_mut(), (level_start + sibling) * 32)?;
			}
			path.push(node);
			level_start += size;
		}
		Ok((segment, path))
	}

	/// Bytes of content stored, over all roots.
	pub fn stored_bytes(&self) -> u64 {
		fs::read_dir(self.dir.join("content"))
			.map(|entries| {
				entries
					.flatten()
					.filter(|e| e.path().extension().is_some_and(|x| x == "data"))
					.filter_map(|e| e.metadata().ok())
					.map(|m| m.len())
					.sum()
			})
			.unwrap_or(0)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use cpchain_primitives::storage::verify_segment;

	fn content(len: usize) -> Vec<u8> {
		(0..len as u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8).collect()
	}

	fn root(bytes: &[u8]) -> H256 {
		MerkleTree::from_data(bytes).unwrap().root()
	}

	#[test]
	fn upload_in_chunks_then_serve_verified_segments() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		let data = content(10 * 1024 + 300);
		let r = root(&data);
		store.add_order(7, r, data.len() as u64, 100).unwrap();
		let mut offset = 0;
		for chunk in data.chunks(4096) {
			let record = store.write_chunk(7, offset, chunk).unwrap();
			offset += chunk.len() as u64;
			assert_eq!(record.received, offset);
		}
		assert!(store.order(7).unwrap().unwrap().stored);
		assert_eq!(fs::read_dir(dir.path().join("partial")).unwrap().count(), 0);
		for index in 0..segment_count(data.len() as u64) {
			let (segment, path) = store.proof(&r, index).unwrap();
			verify_segment(&r, data.len() as u64, index, &segment, &path).unwrap();
		}
		assert_eq!(store.read_segments(&r, 2, 3).unwrap(), data[2048..5120]);
		assert_eq!(store.read_segments(&r, 10, 5).unwrap(), data[10240..]);
		let leaves = store.leaves(&r).unwrap();
		assert_eq!(leaves.len(), 11 * 32);
		assert!(matches!(store.proof(&r, 11), Err(StoreError::NoSuchSegment { .. })));
		// A second order for the same content is stored at once; the content stays until
		// the last order using it is removed.
		assert!(store.add_order(8, r, data.len() as u64, 100).unwrap().stored);
		store.remove_order(7).unwrap();
		assert!(store.proof(&r, 0).is_ok());
		store.remove_order(8).unwrap();
		assert!(matches!(store.proof(&r, 0), Err(StoreError::UnknownContent(_))));
	}

	#[test]
	fn bad_uploads_are_refused_and_leave_nothing() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(dir.path()).unwrap();
		let data = content(3000);
		store.add_order(1, root(&data), 3000, 100).unwrap();
		assert!(matches!(store.write_chunk(2, 0, &data), Err(StoreError::UnknownOrder(2))));
		assert!(matches!(
			store.write_chunk(1, 1024, &data[..1024]),
			Err(StoreError::WrongOffset { expected: 0, .. })
		));
		assert!(matches!(
			store.write_chunk(1, 0, &content(3001)),
			Err(StoreError::TooLarge { .. })
		));
		assert!(matches!(store.write_chunk(1, 0, &data[..1000]), Err(StoreError::Unaligned(1000))));
		store.write_chunk(1, 0, &data[..2048]).unwrap();
		let mut tampered = data[2048..].to_vec();
		tampered[0] ^= 1;
		assert!(matches!(
			store.write_chunk(1, 2048, &tampered),
			Err(StoreError::RootMismatch { .. })
		));
		let record = store.order(1).unwrap().unwrap();
		assert_eq!((record.received, record.stored), (0, false));
		assert_eq!(fs::read_dir(dir.path().join("partial")).unwrap().count(), 0);
		assert_eq!(fs::read_dir(dir.path().join("content")).unwrap().count(), 0);
		// Starting over with the right bytes works.
		store.write_chunk(1, 0, &data).unwrap();
		assert!(matches!(store.write_chunk(1, 0, &data), Err(StoreError::AlreadyStored { .. })));
	}

	#[test]
	fn a_reopened_store_resumes_at_the_acknowledged_offset() {
		let dir = tempfile::tempdir().unwrap();
		let data = content(5000);
		{
			let store = Store::open(dir.path()).unwrap();
			store.add_order(3, root(&data), 5000, 100).unwrap();
			store.write_chunk(3, 0, &data[..2048]).unwrap();
			store.set_answered(11, 40).unwrap();
		}
		// Bytes written after the last acknowledgement, as if the process died mid-request,
		// and a stray file of an order the index does not know.
		let part = dir.path().join("partial/3.part");
		OpenOptions::new().append(true).open(&part).unwrap().write_all(&data[2048..3000]).unwrap();
		fs::write(dir.path().join("partial/99.part"), b"junk").unwrap();
		let store = Store::open(dir.path()).unwrap();
		assert_eq!(fs::metadata(&part).unwrap().len(), 2048);
		assert!(!dir.path().join("partial/99.part").exists());
		assert!(store.answered(11).unwrap() && !store.answered(12).unwrap());
		store.write_chunk(3, 2048, &data[2048..]).unwrap();
		assert!(store.order(3).unwrap().unwrap().stored);
	}

	#[test]
	fn level_sizes_follow_the_tree() {
		assert_eq!(level_sizes(1), vec![1]);
		assert_eq!(level_sizes(5), vec![5, 3, 2, 1]);
		let tree = MerkleTree::from_data(&content(5 * 1024)).unwrap();
		let sizes: Vec<u64> = tree.levels().iter().map(|l| l.len() as u64).collect();
		assert_eq!(sizes, level_sizes(5));
	}
}
