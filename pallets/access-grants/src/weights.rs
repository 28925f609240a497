// TEMPORARY: replaced by scripts/benchmark.sh output before commit.
#![allow(unused_parens)]
use core::marker::PhantomData;
use frame_support::weights::Weight;

pub trait WeightInfo {
	fn submit_fragments(n: u32) -> Weight;
	fn submit_faulty_fragments(n: u32) -> Weight;
	fn revoke_grant() -> Weight;
	fn register_proxy() -> Weight;
	fn unregister_proxy() -> Weight;
	fn withdraw_proxy() -> Weight;
	fn set_delegation(p: u32) -> Weight;
	fn prune_grant() -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T> WeightInfo for SubstrateWeight<T> {
	fn submit_fragments(_n: u32) -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn submit_faulty_fragments(_n: u32) -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn revoke_grant() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn register_proxy() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn unregister_proxy() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn withdraw_proxy() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn set_delegation(_p: u32) -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn prune_grant() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
}
impl WeightInfo for () {
	fn submit_fragments(_n: u32) -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn submit_faulty_fragments(_n: u32) -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn revoke_grant() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn register_proxy() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn unregister_proxy() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn withdraw_proxy() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn set_delegation(_p: u32) -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
	fn prune_grant() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
}
