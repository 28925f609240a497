//! Building blocks CPChain's pallets share.
//!
//! * [`queue::IdleQueue`]: a first-in, first-out queue in storage that `on_idle` drains
//!   within the block's spare weight, charging each item what it took.
//! * [`weighted::WeightedList`]: a list in storage that slots are drawn from in proportion to
//!   their weight, and [`weighted::Draws`] to draw several without replacement.
//! * [`stake::StakeStatus`]: the lifecycle of a stake (active, unbonding, withdrawn), and
//!   [`stake::slash`], which splits a slash between who was wronged and the slash handler.
//! * [`holds::hold`] and [`holds::release`] for the funds pallets hold themselves (escrow,
//!   fees, stakes), and [`holds::ExpectedHolds`]: for `try_state`, the funds held under a reason
//!   equal the sum of the records that hold them.
//! * [`genesis_hash`], which devices' signatures bind to.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod holds;
pub mod queue;
pub mod stake;
pub mod weighted;

/// The chain's genesis hash as 32 bytes. What a device signs (registrations, anchors,
/// contributions) includes it, so that a signature made for one chain is refused on another.
pub fn genesis_hash<T: frame_system::Config>() -> sp_core::H256 {
	use frame_support::sp_runtime::traits::Zero;
	let hash = frame_system::Pallet::<T>::block_hash(
		frame_system::pallet_prelude::BlockNumberFor::<T>::zero(),
	);
	let mut out = sp_core::H256::zero();
	let bytes = hash.as_ref();
	let len = bytes.len().min(32);
	out.0[..len].copy_from_slice(&bytes[..len]);
	out
}

/// Test externalities that check a pallet's invariants after everything they execute: a mock
/// runtime's `new_test_ext` returns them, so that every unit test ends with `try_state`.
#[cfg(feature = "testing")]
pub struct CheckedExt {
	ext: sp_io::TestExternalities,
	check: fn() -> Result<(), frame_support::sp_runtime::TryRuntimeError>,
}

#[cfg(feature = "testing")]
impl CheckedExt {
	/// `ext`, checked with `check` (a pallet's `do_try_state`).
	pub fn new(
		ext: sp_io::TestExternalities,
		check: fn() -> Result<(), frame_support::sp_runtime::TryRuntimeError>,
	) -> Self {
		Self { ext, check }
	}

	/// Runs `test`, then the check, which must pass.
	pub fn execute_with<R>(&mut self, test: impl FnOnce() -> R) -> R {
		let check = self.check;
		self.ext.execute_with(|| {
			let result = test();
			if let Err(e) = check() {
				panic!("invariant broken: {e:?}");
			}
			result
		})
	}
}
