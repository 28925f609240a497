//! Moving encrypted content to and from providers: resumable uploads to every replica, and
//! downloads that check each segment against the content root and fall back to another
//! replica when one fails.

use std::{
	fs::{File, OpenOptions},
	os::unix::fs::FileExt,
	path::Path,
	sync::Arc,
};

use anyhow::{anyhow, bail, Context, Result};
use cpchain_primitives::storage::{leaf_hash, segment_count, MerkleTree, SEGMENT_SIZE};
use futures::{StreamExt, TryStreamExt};
use sp_core::H256;

use crate::provider_api::ProviderClient;

/// Bytes per upload request and per download range (whole segments).
pub const CHUNK: u64 = 4 << 20;
/// Ranges fetched at once.
const PARALLEL: usize = 4;

/// Uploads `file` (`size` bytes) for `order` to `provider`, from where the provider's last
/// acknowledged byte is. `progress` gets the bytes the provider holds after each request.
pub async fn upload(
	provider: &ProviderClient,
	order: u64,
	file: Arc<File>,
	size: u64,
	progress: impl Fn(u64),
) -> Result<()> {
	let mut status = provider.order(order).await?;
	progress(status.received);
	while !status.stored {
		let offset = status.received;
		if offset >= size {
			bail!(
				"{} holds {offset} bytes of order {order} but has not stored it",
				provider.endpoint()
			);
		}
		let len = (size - offset).min(CHUNK);
		let file = file.clone();
		let bytes = tokio::task::spawn_blocking(move || {
			let mut bytes = vec![0u8; len as usize];
			file.read_exact_at(&mut bytes, offset).map(|_| bytes)
		})
		.await??;
		status = provider.upload(order, offset, bytes).await?;
		progress(status.received);
	}
	Ok(())
}

/// Downloads content `root` of `size` bytes into `out` from `providers`, checking every
/// segment. Segments already in `out` that check out are kept, so an interrupted download
/// resumes. `progress` gets the bytes done.
pub async fn download(
	providers: &[ProviderClient],
	root: H256,
	size: u64,
	out: &Path,
	progress: impl Fn(u64) + Send + Sync,
) -> Result<()> {
	if providers.is_empty() {
		bail!("no provider to download from");
	}
	let leaves = Arc::new(leaves(providers, root, size).await?);
	let file = Arc::new(
		OpenOptions::new()
			.create(true)
			.truncate(false)
			.read(true)
			.write(true)
			.open(out)
			.with_context(|| format!("cannot write {}", out.display()))?,
	);
	file.set_len(size)?;
	let per_range = CHUNK / SEGMENT_SIZE;
	let ranges = segment_count(size).div_ceil(per_range);
	let done = std::sync::atomic::AtomicU64::new(0);
	futures::stream::iter(0..ranges)
		.map(|range| {
			let (file, leaves) = (file.clone(), leaves.clone());
			let (done, progress) = (&done, &progress);
			async move {
				let first = range * per_range;
				let count = per_range.min(leaves.len() as u64 - first);
				let start = first * SEGMENT_SIZE;
				let len = (count * SEGMENT_SIZE).min(size - start);
				let held = {
					let (file, leaves) = (file.clone(), leaves.clone());
					tokio::task::spawn_blocking(move || {
						let mut bytes = vec![0u8; len as usize];
						file.read_exact_at(&mut bytes, start).is_ok()
							&& check(&bytes, &leaves, first).is_ok()
					})
					.await?
				};
				if !held {
					let bytes =
						fetch_range(providers, &root, first, count, &leaves, range as usize)
							.await?;
					tokio::task::spawn_blocking(move || file.write_all_at(&bytes, start)).await??;
				}
				progress(done.fetch_add(len, std::sync::atomic::Ordering::Relaxed) + len);
				Ok::<_, anyhow::Error>(())
			}
		})
		.buffer_unordered(PARALLEL)
		.try_collect::<()>()
		.await?;
	file.sync_all()?;
	Ok(())
}

/// The content's leaf hashes, from the first provider whose leaves hash to `root`.
async fn leaves(providers: &[ProviderClient], root: H256, size: u64) -> Result<Vec<H256>> {
	let mut errors = Vec::new();
	for provider in providers {
		match provider.leaves(&root).await {
			Ok(leaves)
				if leaves.len() as u64 == segment_count(size)
					&& MerkleTree::from_leaves(leaves.clone()).map(|t| t.root()) == Some(root) =>
			{
				return Ok(leaves)
			},
			Ok(_) => {
				errors.push(format!("{}: leaves that do not hash to the root", provider.endpoint()))
			},
			Err(e) => errors.push(format!("{e:#}")),
		}
	}
	Err(anyhow!("no provider gave the content's segment hashes: {}", errors.join("; ")))
}

/// Checks `bytes`, segments from `first` on, against their leaves.
fn check(bytes: &[u8], leaves: &[H256], first: u64) -> Result<()> {
	for (i, segment) in bytes.chunks(SEGMENT_SIZE as usize).enumerate() {
		let index = first as usize + i;
		if leaves.get(index) != Some(&leaf_hash(segment)) {
			bail!("segment {index} does not match its hash");
		}
	}
	Ok(())
}

/// Segments `first..first + count`, from the provider `start` picks, or the next ones if it
/// fails or sends bytes that do not check out.
async fn fetch_range(
	providers: &[ProviderClient],
	root: &H256,
	first: u64,
	count: u64,
	leaves: &Arc<Vec<H256>>,
	start: usize,
) -> Result<Vec<u8>> {
	let mut errors = Vec::new();
	for k in 0..providers.len() {
		let provider = &providers[(start + k) % providers.len()];
		let bytes = match provider.segments(root, first, count).await {
			Ok(bytes) => bytes.to_vec(),
			Err(e) => {
				errors.push(format!("{e:#}"));
				continue;
			},
		};
		let leaves = leaves.clone();
		let (bytes, checked) = tokio::task::spawn_blocking(move || {
			let checked = check(&bytes, &leaves, first);
			(bytes, checked)
		})
		.await?;
		match checked {
			Ok(()) => return Ok(bytes),
			Err(e) => errors.push(format!("{}: {e}", provider.endpoint())),
		}
	}
	Err(anyhow!("segments {first}..{} from no provider: {}", first + count, errors.join("; ")))
}
