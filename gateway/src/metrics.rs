//! Prometheus metrics of the gateway, served at `/metrics`.

use prometheus::{Encoder, IntCounter, IntCounterVec, IntGauge, Opts, Registry, TextEncoder};

/// The gateway's counters and gauges.
pub struct Metrics {
	registry: Registry,
	/// MQTT messages taken from the broker.
	pub messages: IntCounter,
	/// Readings added to open batches.
	pub readings: IntCounter,
	/// Messages the broker delivered twice, dropped.
	pub duplicates: IntCounter,
	/// Batches checked against their device's signed anchor and kept on disk.
	pub batches_closed: IntCounter,
	/// Anchors the chain accepted.
	pub anchors_included: IntCounter,
	/// Readings committed by those anchors.
	pub readings_anchored: IntCounter,
	/// `anchor_batch` extrinsics included.
	pub extrinsics: IntCounter,
	/// `anchor_batch` submissions that failed whole (and were retried).
	pub extrinsic_failures: IntCounter,
	/// Contributions to the campaign (`--campaign`) the chain accepted.
	pub contributions: IntCounter,
	/// Contributions the chain refused.
	pub contributions_refused: IntCounter,
	/// Refused messages, batches and anchors, by reason.
	pub rejections: IntCounterVec,
	/// Closed batches waiting for the chain.
	pub pending_anchors: IntGauge,
	/// Devices with a folder and state in memory.
	pub devices: IntGauge,
}

impl Metrics {
	pub fn new() -> Self {
		let registry =
			Registry::new_custom(Some("cpchain_gateway".into()), None).expect("a valid prefix");
		let counter = |name: &str, help: &str| {
			let c = IntCounter::new(name, help).expect("valid metric");
			registry.register(Box::new(c.clone())).expect("registered once");
			c
		};
		let gauge = |name: &str, help: &str| {
			let g = IntGauge::new(name, help).expect("valid metric");
			registry.register(Box::new(g.clone())).expect("registered once");
			g
		};
		let rejections =
			IntCounterVec::new(Opts::new("rejections", "Refused by reason"), &["reason"])
				.expect("valid metric");
		registry.register(Box::new(rejections.clone())).expect("registered once");
		Self {
			messages: counter("messages", "MQTT messages taken from the broker"),
			readings: counter("readings", "Readings added to open batches"),
			duplicates: counter("duplicates", "Messages delivered twice, dropped"),
			batches_closed: counter("batches_closed", "Batches matching their signed anchor"),
			anchors_included: counter("anchors_included", "Anchors the chain accepted"),
			readings_anchored: counter("readings_anchored", "Readings in accepted anchors"),
			extrinsics: counter("extrinsics", "anchor_batch extrinsics included"),
			extrinsic_failures: counter("extrinsic_failures", "anchor_batch submissions failed"),
			contributions: counter("contributions", "Campaign contributions accepted"),
			contributions_refused: counter(
				"contributions_refused",
				"Campaign contributions refused",
			),
			pending_anchors: gauge("pending_anchors", "Closed batches waiting for the chain"),
			devices: gauge("devices", "Devices in memory"),
			rejections,
			registry,
		}
	}

	/// Rejections of every reason.
	pub fn rejected(&self) -> u64 {
		use prometheus::core::Collector;
		let families = self.rejections.collect();
		let metrics = families.iter().flat_map(|family| family.get_metric());
		metrics.map(|metric| metric.get_counter().get_value() as u64).sum()
	}

	/// The metrics in Prometheus' text format.
	pub fn render(&self) -> String {
		let mut out = Vec::new();
		TextEncoder::new().encode(&self.registry.gather(), &mut out).expect("text encoding");
		String::from_utf8(out).expect("the text format is UTF-8")
	}
}

impl Default for Metrics {
	fn default() -> Self {
		Self::new()
	}
}
