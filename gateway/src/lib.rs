//! The CPChain gateway: devices publish their readings and, for each batch, the anchor they
//! signed over it to an MQTT broker (topics and payloads in [`cpchain_device::mqtt`]); the
//! gateway recomputes each batch's root from the readings it received, checks the device's
//! signature, keeps the batch on disk for the owner and anchors it on chain with
//! `anchor_batch`, many devices per extrinsic.
//!
//! Readings are not signed one by one: one signature per batch is what lets one gateway carry
//! a fleet. The chain's sequence numbers are the truth after a restart: a closed batch is
//! submitted again only while the chain does not hold its sequence.

pub mod anchoring;
pub mod batches;
pub mod campaign;
pub mod devices;
pub mod export;
pub mod metrics;

use std::sync::Arc;

use cpchain_device::mqtt::{parse_topic, Kind};
use tokio::sync::mpsc;

use crate::{
	batches::{Closed, Rejection},
	devices::Devices,
	metrics::Metrics,
};

/// Takes messages from the broker, one at a time, and hands closed batches to the anchoring.
pub struct Ingest {
	pub devices: Devices,
	pub closed: mpsc::Sender<Closed>,
	pub metrics: Arc<Metrics>,
	/// Readings per device for a campaign's contributions (`--campaign`).
	pub counts: Option<campaign::Counts>,
}

impl Ingest {
	/// Submits again the closed batches of every device with a folder under the data folder
	/// (those the chain does not hold yet), before any message is taken.
	pub async fn resume(&mut self, data: &std::path::Path) -> anyhow::Result<()> {
		for id in Devices::on_disk(data)? {
			let mut pending = Vec::new();
			loop {
				match self.devices.get(id, &mut pending).await {
					Err(Rejection::Unavailable(e)) => {
						tracing::warn!("chain unavailable, retrying: {e}");
						tokio::time::sleep(std::time::Duration::from_secs(1)).await;
					},
					Err(rejection) => {
						tracing::warn!(device = %hex::encode(id), "not resumed: {rejection}");
						break;
					},
					Ok(_) => break,
				}
			}
			self.queue(pending).await;
		}
		self.metrics.devices.set(self.devices.len() as i64);
		Ok(())
	}

	/// Handles one message. Returns once the message's effect is on disk, so that it may be
	/// acknowledged to the broker; waits (and retries) while the chain cannot be asked about
	/// a new device, and while the anchoring is behind (the broker then holds the messages).
	pub async fn handle(&mut self, topic: &str, payload: &[u8]) {
		self.metrics.messages.inc();
		let Some((id, kind)) = parse_topic(topic) else {
			return self.reject(None, Rejection::Malformed("topic"));
		};
		let mut pending = Vec::new();
		let served = loop {
			match self.devices.get(id, &mut pending).await {
				Err(Rejection::Unavailable(e)) => {
					tracing::warn!("chain unavailable, retrying: {e}");
					tokio::time::sleep(std::time::Duration::from_secs(1)).await;
				},
				Err(rejection) => return self.reject(Some(&id), rejection),
				Ok(served) => break served,
			}
		};
		let outcome = match kind {
			Kind::Readings => served.batches.readings(payload).map(|received| {
				if received.added == 0 {
					self.metrics.duplicates.inc();
				}
				self.metrics.readings.inc_by(u64::from(received.added));
				if let Some(counts) = &self.counts {
					counts.add(id, u64::from(received.added));
				}
				(received.abandoned, None)
			}),
			Kind::Anchor => served.batches.anchor(payload, &served.key).map(|closed| {
				self.metrics.batches_closed.inc();
				(None, Some(closed))
			}),
		};
		self.metrics.devices.set(self.devices.len() as i64);
		match outcome {
			Ok((abandoned, closed)) => {
				if let Some(rejection) = abandoned {
					self.reject(Some(&id), rejection);
				}
				pending.extend(closed);
			},
			Err(rejection) => self.reject(Some(&id), rejection),
		}
		self.queue(pending).await;
	}

	/// Logs the counters, and how many messages wait for their acknowledgement to be sent.
	pub fn log_status(&self, unacked: usize) {
		let m = &self.metrics;
		tracing::info!(
			"{} devices, {} messages, {} readings; {} batches closed, {} anchored on chain, {} waiting; {} refused; {unacked} acknowledgements queued",
			m.devices.get(),
			m.messages.get(),
			m.readings.get(),
			m.batches_closed.get(),
			m.anchors_included.get(),
			m.pending_anchors.get(),
			m.rejected(),
		);
	}

	async fn queue(&self, closed: Vec<Closed>) {
		for batch in closed {
			self.metrics.pending_anchors.inc();
			if self.closed.send(batch).await.is_err() {
				tracing::error!("the anchoring has stopped");
			}
		}
	}

	/// Counts a rejection and logs it; a refused device is logged when the chain is asked
	/// (by [`Devices::get`]), not for each of its messages.
	fn reject(&self, device: Option<&[u8; 32]>, rejection: Rejection) {
		self.metrics.rejections.with_label_values(&[rejection.label()]).inc();
		let device = device.map(hex::encode).unwrap_or_default();
		match rejection {
			Rejection::UnknownDevice | Rejection::NotAuthorized | Rejection::Inactive(_) => {
				tracing::debug!(device, "{rejection}")
			},
			_ => tracing::warn!(device, "{rejection}"),
		}
	}
}
