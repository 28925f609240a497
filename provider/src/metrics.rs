//! Prometheus metrics of the provider, served at `/metrics`.

use prometheus::{Encoder, IntCounter, IntGauge, Registry, TextEncoder};

/// The provider's counters and gauges.
pub struct Metrics {
	registry: Registry,
	/// Upload bytes accepted.
	pub uploaded_bytes: IntCounter,
	/// Uploads discarded because the content did not match its root.
	pub rejected_uploads: IntCounter,
	/// Segment bytes served.
	pub served_bytes: IntCounter,
	/// Content bytes stored.
	pub stored_bytes: IntGauge,
	/// Orders accepted on chain.
	pub orders_accepted: IntCounter,
	/// Challenges answered with an accepted proof.
	pub challenges_answered: IntCounter,
	/// Challenges the provider could not answer (content missing, submission refused).
	pub challenges_failed: IntCounter,
	/// Last finalized block processed.
	pub block: IntGauge,
}

impl Metrics {
	pub fn new() -> Self {
		let registry =
			Registry::new_custom(Some("cpchain_provider".into()), None).expect("a valid prefix");
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
		Self {
			uploaded_bytes: counter("uploaded_bytes_total", "Upload bytes accepted"),
			rejected_uploads: counter("rejected_uploads_total", "Uploads whose root did not match"),
			served_bytes: counter("served_bytes_total", "Segment bytes served"),
			stored_bytes: gauge("stored_bytes", "Content bytes stored"),
			orders_accepted: counter("orders_accepted_total", "Storage orders accepted"),
			challenges_answered: counter("challenges_answered_total", "Challenges answered"),
			challenges_failed: counter(
				"challenges_failed_total",
				"Challenges that could not be answered",
			),
			block: gauge("block", "Last finalized block processed"),
			registry,
		}
	}

	/// The metrics in Prometheus' text format.
	pub fn render(&self) -> String {
		let mut out = Vec::new();
		let _ = TextEncoder::new().encode(&self.registry.gather(), &mut out);
		String::from_utf8(out).unwrap_or_default()
	}
}

impl Default for Metrics {
	fn default() -> Self {
		Self::new()
	}
}
