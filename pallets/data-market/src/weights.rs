// TEMPORARY: replaced by scripts/benchmark.sh output before commit.
use core::marker::PhantomData;
use frame_support::weights::Weight;

pub trait WeightInfo {
	fn create_listing() -> Weight;
	fn update_listing() -> Weight;
	fn delist() -> Weight;
	fn publish_period() -> Weight;
	fn purchase() -> Weight;
	fn renew() -> Weight;
	fn claim_refund() -> Weight;
	fn rate() -> Weight;
	fn end_subscription() -> Weight;
	fn settle_fulfilled() -> Weight;
	fn settle_revoked() -> Weight;
	fn refund_expired() -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T> WeightInfo for SubstrateWeight<T> {
	fn create_listing() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn update_listing() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn delist() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn publish_period() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn purchase() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn renew() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn claim_refund() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn rate() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn end_subscription() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn settle_fulfilled() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn settle_revoked() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn refund_expired() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
}
impl WeightInfo for () {
	fn create_listing() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn update_listing() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn delist() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn publish_period() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn purchase() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn renew() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn claim_refund() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn rate() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn end_subscription() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn settle_fulfilled() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn settle_revoked() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn refund_expired() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
}
