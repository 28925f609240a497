//! Closed batches to the chain: collected into `anchor_batch` extrinsics of at most the
//! runtime's `MaxBatchAnchors` entries, one extrinsic in flight at a time so that a device's
//! anchors reach the chain in sequence order even when a submission is retried.
//!
//! The chain decides: an entry it skips (`AnchorRejected`) is counted by its pallet error, and
//! its batch is marked refused on disk, except `SequenceNotIncreasing` (the chain already holds
//! that sequence: a batch anchored by a submission whose answer was lost). A submission that
//! fails whole (node unreachable, pool refusal, timeout) is retried with backoff; the chain's
//! sequence check makes a retry that had in fact been included harmless.

use std::{path::PathBuf, sync::Arc, time::Duration};

use cpchain_client::chain::{self, runtime, Chain, Error, H256};
use subxt::utils::Static;
use subxt_signer::sr25519::Keypair;
use tokio::{sync::mpsc, time::Instant};

use crate::{
	batches::{mark_refused, Closed, Rejection},
	devices::Stale,
	metrics::Metrics,
};

/// Pallet errors after which a device's chain state is read again.
const DEVICE_CHANGED: [&str; 4] =
	["UnknownDevice", "DeviceSuspended", "DeviceRevoked", "NotOwnerOrGateway"];

/// Where the anchors go.
pub struct Anchoring {
	pub chain: Chain,
	pub signer: Keypair,
	pub data: PathBuf,
	/// Most entries in one extrinsic.
	pub max_entries: usize,
	/// How long to wait for more entries once one is waiting.
	pub linger: Duration,
	pub metrics: Arc<Metrics>,
	pub stale: Stale,
}

impl Anchoring {
	/// Anchors what comes from `closed` until the channel closes.
	pub async fn run(self, mut closed: mpsc::Receiver<Closed>) {
		while let Some(first) = closed.recv().await {
			let mut entries = vec![first];
			let deadline = Instant::now() + self.linger;
			while entries.len() < self.max_entries {
				match tokio::time::timeout_at(deadline, closed.recv()).await {
					Ok(Some(entry)) => entries.push(entry),
					_ => break,
				}
			}
			self.submit(&entries).await;
		}
	}

	/// Submits `entries` until the chain has taken the extrinsic.
	async fn submit(&self, entries: &[Closed]) {
		use runtime::runtime_types::{
			bounded_collections::bounded_vec::BoundedVec,
			pallet_device_registry::types::AnchorEntry,
		};
		let call = runtime::tx().device_registry().anchor_batch(BoundedVec(
			entries
				.iter()
				.map(|c| AnchorEntry {
					device: H256(c.device),
					anchor: Static(c.anchor),
					signature: Static(c.signature),
				})
				.collect(),
		));
		let mut backoff = Duration::from_secs(1);
		let events = loop {
			match self.chain.submit(&call, &self.signer).await {
				Ok(events) => break events,
				Err(error) => {
					self.metrics.extrinsic_failures.inc();
					tracing::warn!(
						"anchor_batch of {} entries failed, retrying in {} s: {error}",
						entries.len(),
						backoff.as_secs()
					);
					tokio::time::sleep(backoff).await;
					backoff = (backoff * 2).min(Duration::from_secs(30));
				},
			}
		};
		self.metrics.extrinsics.inc();
		self.metrics.pending_anchors.sub(entries.len() as i64);
		for anchored in events.find::<runtime::device_registry::events::DataAnchored>() {
			let Ok(anchored) = anchored else { continue };
			self.metrics.anchors_included.inc();
			self.metrics.readings_anchored.inc_by(u64::from(anchored.anchor.0.reading_count));
		}
		for refused in events.find::<runtime::device_registry::events::AnchorRejected>() {
			let Ok(refused) = refused else { continue };
			let reason = error_name(&self.chain, &refused.error).await;
			let rejection = Rejection::Chain(reason.clone());
			let device = refused.device.0;
			self.metrics.rejections.with_label_values(&[rejection.label()]).inc();
			tracing::warn!(
				device = %hex::encode(device),
				sequence = refused.sequence,
				"{rejection}"
			);
			if reason.ends_with("SequenceNotIncreasing") {
				continue;
			}
			if let Err(e) = mark_refused(&self.data, &device, refused.sequence, &reason) {
				tracing::error!("cannot mark batch {} refused: {e}", refused.sequence);
			}
			if DEVICE_CHANGED.iter().any(|name| reason.ends_with(name)) {
				self.stale.lock().expect("not poisoned").insert(device);
			}
		}
	}
}

/// `Pallet::Error` for a dispatch error from an event.
async fn error_name(
	chain: &Chain,
	error: &runtime::runtime_types::sp_runtime::DispatchError,
) -> String {
	use runtime::runtime_types::sp_runtime::{DispatchError, ModuleError};
	if let (DispatchError::Module(ModuleError { index, error }), Ok(at)) = (error, chain.at().await)
	{
		if let Some(pallet) = at.metadata_ref().pallet_by_error_index(*index) {
			if let Some(variant) = pallet.error_variant_by_index(error[0]) {
				return format!("{}::{}", pallet.name(), variant.name);
			}
		}
	}
	format!("{error:?}")
}

/// The most entries the runtime takes in one `anchor_batch`.
pub async fn max_batch_anchors(chain: &Chain) -> Result<usize, Error> {
	let at = chain.at().await?;
	let max = at
		.constants()
		.entry(runtime::constants().device_registry().max_batch_anchors())
		.map_err(|e| chain::Error::Client(e.into()))?;
	Ok(max as usize)
}
