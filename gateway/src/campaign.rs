//! Contributions to an aggregates campaign (`pallet-aggregates`) for the devices the gateway
//! serves. A device's value for a window is the number of readings the gateway took from it
//! during the window (one reading per event, such as a harsh braking, makes it the event count),
//! capped at the campaign's maximum. Each is encrypted for the campaign's committee with a range
//! proof and submitted by the gateway's account, which the chain accepts in place of the
//! device's signature for an owner's gateway; the reward goes to the device's owner.
//!
//! A window's counts are submitted `lead` blocks before the window ends (the chain refuses a
//! contribution once its window is over); readings taken after that count toward the next
//! window. A device whose owner has not joined the campaign is refused by the chain once and
//! then left out.

use std::{
	collections::{HashMap, HashSet},
	sync::{Arc, Mutex},
	time::Duration,
};

use cpchain_client::{
	aggregate::{details, Phase},
	chain::{runtime, Chain, Error, H256},
};
use cpchain_primitives::aggregates::{client::encrypt_contribution, public_key};
use rand::rngs::OsRng;
use subxt_signer::sr25519::Keypair;

use crate::metrics::Metrics;

/// Chain errors after which a device is left out of the campaign.
const LEFT_OUT: [&str; 3] = ["NotEligible", "DeviceInactive", "NotAuthorized"];

/// Readings taken per device since the last contribution, shared with the ingest.
#[derive(Clone, Default)]
pub struct Counts(Arc<Mutex<HashMap<[u8; 32], u64>>>);

impl Counts {
	/// Counts `n` readings of `device`.
	pub fn add(&self, device: [u8; 32], n: u64) {
		let mut counts = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		*counts.entry(device).or_default() += n;
	}

	fn take(&self) -> HashMap<[u8; 32], u64> {
		std::mem::take(&mut *self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
	}
}

/// Contributes to one campaign until it is over.
pub struct Contributor {
	pub chain: Chain,
	pub signer: Keypair,
	pub campaign: u64,
	/// Blocks before a window's end at which its counts are submitted.
	pub lead: u32,
	pub counts: Counts,
	pub metrics: Arc<Metrics>,
}

impl Contributor {
	/// Watches the campaign's windows and contributes to each; returns once its last window
	/// has ended or the campaign is over. Errors (the node unreachable) are logged and retried.
	pub async fn run(self) {
		let mut done = None;
		let mut left_out = HashSet::new();
		loop {
			match self.step(&mut done, &mut left_out).await {
				Ok(true) => {},
				Ok(false) => return,
				Err(e) => tracing::warn!(campaign = self.campaign, "contributions: {e:#}"),
			}
			tokio::time::sleep(Duration::from_secs(2)).await;
		}
	}

	/// One look at the campaign; `false` once there is nothing more to do.
	async fn step(
		&self,
		done: &mut Option<u32>,
		left_out: &mut HashSet<[u8; 32]>,
	) -> anyhow::Result<bool> {
		let now = u32::try_from(self.chain.at().await?.block_number())?;
		let d = details(&self.chain, self.campaign).await?;
		let c = &d.campaign;
		match c.phase {
			Phase::Active => {},
			Phase::Finished | Phase::Cancelled => {
				tracing::info!(campaign = self.campaign, "campaign over: no more contributions");
				return Ok(false);
			},
			_ => return Ok(true),
		}
		let Some(window) = d.open_window else {
			if now < c.start {
				// Readings taken before the first window are not the first window's.
				self.counts.take();
				return Ok(true);
			}
			return Ok(false);
		};
		let end = c.start + (window + 1) * c.window_length;
		if *done == Some(window) || now.saturating_add(self.lead) < end {
			return Ok(true);
		}
		*done = Some(window);
		let key = c.key.ok_or_else(|| anyhow::anyhow!("the campaign has no key"))?;
		let key =
			public_key(&key).map_err(|_| anyhow::anyhow!("the campaign's key does not decode"))?;
		let counts: Vec<_> =
			self.counts.take().into_iter().filter(|(id, _)| !left_out.contains(id)).collect();
		let (campaign, max) = (self.campaign, c.max_value);
		let calls = tokio::task::spawn_blocking(move || {
			counts
				.into_iter()
				.map(|(id, count)| {
					let value = count.min(max);
					let (ciphertext, proof) = encrypt_contribution(
						&key,
						max,
						campaign,
						window,
						&H256(id),
						value,
						&mut OsRng,
					);
					let call = runtime::tx().aggregates().contribute(
						campaign,
						window,
						H256(id),
						ciphertext,
						runtime::runtime_types::bounded_collections::bounded_vec::BoundedVec(proof),
						None,
					);
					(id, call)
				})
				.collect::<Vec<_>>()
		})
		.await?;
		tracing::info!(campaign, window, devices = calls.len(), "contributing");
		let submissions = calls
			.iter()
			.map(|(id, call)| async move { (*id, self.chain.submit(call, &self.signer).await) });
		for (id, result) in futures::future::join_all(submissions).await {
			match result {
				Ok(_) => self.metrics.contributions.inc(),
				Err(Error::Rejected { name, doc, .. }) if LEFT_OUT.contains(&name.as_str()) => {
					tracing::warn!(device = %hex::encode(id), "left out of campaign {campaign}: {name}: {doc}");
					left_out.insert(id);
					self.metrics.contributions_refused.inc();
				},
				Err(e) => {
					tracing::warn!(device = %hex::encode(id), "contribution to window {window} refused: {e}");
					self.metrics.contributions_refused.inc();
				},
			}
		}
		Ok(window + 1 < c.windows)
	}
}
